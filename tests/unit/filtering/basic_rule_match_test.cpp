// Rule/document cases for spec §15.4-15.5. Every expectation is reasoned from the spec (and
// Python's semantics it refers to), not from running the code.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "filtering/basic_rule.hpp"
#include "filtering/errors.hpp"

namespace ei::filtering {
namespace {

namespace json = boost::json;

struct MatchCase {
  const char* name;
  const char* rule;      // protocol rule name
  const char* value;     // rule value
  const char* document;  // JSON object; the rule looks at field "f"
  bool matches;
};

BasicRule make_rule(const char* kind, const char* value) {
  return BasicRule::from_json(json::value{{"id", "r1"},
                                          {"policy", "exclude"},
                                          {"field", "f"},
                                          {"rule", kind},
                                          {"value", value},
                                          {"order", 1}});
}

class BasicRuleMatchTest : public testing::TestWithParam<MatchCase> {};

TEST_P(BasicRuleMatchTest, Matches) {
  const MatchCase& c = GetParam();
  const BasicRule rule = make_rule(c.rule, c.value);
  const json::object document = json::parse(c.document).as_object();
  EXPECT_EQ(rule.matches(document), c.matches)
      << c.rule << " '" << c.value << "' against " << c.document;
}

const MatchCase kCases[] = {
    // Strings: raw text comparisons, case-sensitive, by code point.
    {"string_equals", "equals", "report", R"({"f": "report"})", true},
    {"string_equals_case", "equals", "report", R"({"f": "Report"})", false},
    {"string_contains", "contains", "report", R"({"f": "annual report"})", true},
    {"string_contains_no", "contains", "report", R"({"f": "annual"})", false},
    {"string_starts_with", "starts_with", "report", R"({"f": "report 2023"})", true},
    {"string_starts_with_no", "starts_with", "report", R"({"f": "my report"})", false},
    {"string_ends_with", "ends_with", "report", R"({"f": "my report"})", true},
    {"string_ends_with_no", "ends_with", "report", R"({"f": "report.pdf"})", false},
    {"string_less", "<", "banana", R"({"f": "apple"})", true},
    {"string_greater_no", ">", "banana", R"({"f": "apple"})", false},
    {"string_greater_lowercase_after_uppercase", ">", "B", R"({"f": "b"})", true},
    {"numeric_string_is_lexicographic", "<", "9", R"({"f": "10"})", true},
    {"numeric_string_greater_lexicographic", ">", "10", R"({"f": "3"})", true},
    {"string_code_point_order", ">", "z", R"({"f": "\u00e9"})", true},
    {"string_equal_not_less", "<", "abc", R"({"f": "abc"})", false},
    {"string_equals_numeric_text", "equals", "5", R"({"f": "5.0"})", false},
    // Integers and floats: the rule value read with Python's float().
    {"int_equals", "equals", "5", R"({"f": 5})", true},
    {"int_equals_float_text", "equals", "5.0", R"({"f": 5})", true},
    {"int_equals_leading_zero", "equals", "05", R"({"f": 5})", true},
    {"float_equals", "equals", "5.5", R"({"f": 5.5})", true},
    {"int_greater_numeric", ">", "9", R"({"f": 10})", true},
    {"int_less_numeric_no", "<", "9", R"({"f": 10})", false},
    {"int_greater_than_ten_no", ">", "10", R"({"f": 3})", false},
    {"float_less", "<", "3", R"({"f": 2.5})", true},
    {"negative_less", "<", "-0.5", R"({"f": -1})", true},
    {"underscore_digits", "equals", "1_000", R"({"f": 1000})", true},
    {"surrounding_whitespace", "equals", " 5 ", R"({"f": 5})", true},
    {"exponent", "equals", "1e2", R"({"f": 100})", true},
    {"decimal_tenth", "equals", "0.1", R"({"f": 0.1})", true},
    {"not_a_number_equals", "equals", "abc", R"({"f": 5})", false},
    {"not_a_number_greater_incomparable", ">", "abc", R"({"f": 5})", false},
    {"not_a_number_less_incomparable", "<", "abc", R"({"f": 5})", false},
    {"double_underscore_is_not_a_number", "equals", "1__0", R"({"f": 10})", false},
    {"infinity_greater_no", ">", "inf", R"({"f": 5})", false},
    {"infinity_less", "<", "Infinity", R"({"f": 5})", true},
    {"nan_never_equal", "equals", "nan", R"({"f": 5})", false},
    {"nan_never_less", "<", "nan", R"({"f": 5})", false},
    // 2**53 + 1 against float 2**53: Python compares int and float exactly.
    {"big_int_exact_greater", ">", "9007199254740992", R"({"f": 9007199254740993})", true},
    // float("9007199254740993") rounds (ties to even) to 2**53, so it is not equal.
    {"big_int_rounded_rule_value", "equals", "9007199254740993", R"({"f": 9007199254740993})",
     false},
    // The largest uint64 is below float 2**64.
    {"uint64_below_two_pow_64", "<", "1.8446744073709552e19", R"({"f": 18446744073709551615})",
     true},
    // String rules on numbers look at Python's str(): 12345, 1.0, 1e+16, 1e-05.
    {"int_contains", "contains", "234", R"({"f": 12345})", true},
    {"float_text_keeps_point_zero", "ends_with", ".0", R"({"f": 1.0})", true},
    {"float_text_starts", "starts_with", "1.0", R"({"f": 1.0})", true},
    {"float_exponent_text", "regex", "1e\\+16", R"({"f": 1e16})", true},
    {"float_small_exponent_text", "starts_with", "1e-05", R"({"f": 0.00001})", true},
    {"float_positional_text", "starts_with", "0.0001", R"({"f": 0.0001})", true},
    {"float_fifteen_digits_positional", "starts_with", "1000000000000000.0", R"({"f": 1e15})",
     true},
    // Booleans: equals never matches, </> are incomparable (no match), text is True/False.
    {"bool_equals_true_text", "equals", "true", R"({"f": true})", false},
    {"bool_equals_python_text", "equals", "True", R"({"f": true})", false},
    {"bool_greater_incomparable", ">", "false", R"({"f": true})", false},
    {"bool_starts_with", "starts_with", "Tr", R"({"f": true})", true},
    {"bool_contains", "contains", "als", R"({"f": false})", true},
    {"bool_regex", "regex", "True", R"({"f": true})", true},
    {"bool_ends_with_lowercase_no", "ends_with", "true", R"({"f": true})", false},
    // Null is present, with text None; never equal, never ordered.
    {"null_equals_none_text", "equals", "None", R"({"f": null})", false},
    {"null_starts_with", "starts_with", "No", R"({"f": null})", true},
    {"null_less_incomparable", "<", "x", R"({"f": null})", false},
    // Missing field: never a match, whatever the rule.
    {"missing_equals", "equals", "x", R"({"g": "x"})", false},
    {"missing_contains", "contains", "x", R"({})", false},
    {"missing_regex", "regex", ".*", R"({"g": "x"})", false},
    // Only top-level keys: a dotted field is a key name, not a path.
    {"no_nested_paths", "equals", "x", R"({"a": {"f": "x"}})", false},
    // Arrays and objects: Python's text form.
    {"list_contains_repr", "contains", "'a'", R"({"f": ["a", "b"]})", true},
    {"list_starts_with_repr", "starts_with", "['a', ", R"({"f": ["a", "b"]})", true},
    {"list_equals_never", "equals", "['a']", R"({"f": ["a"]})", false},
    {"list_greater_incomparable", ">", "a", R"({"f": ["b"]})", false},
    {"object_contains_repr", "contains", "'k': 1", R"({"f": {"k": 1}})", true},
    {"list_of_scalars_repr", "regex", "\\[1, True, None, 2\\.5\\]",
     R"({"f": [1, true, null, 2.5]})", true},
    {"list_string_with_apostrophe", "contains", "[\"it's\"]", R"({"f": ["it's"]})", true},
    // Regex: Python re.match, a prefix match.
    {"regex_prefix", "regex", "report", R"({"f": "report-2023"})", true},
    {"regex_not_search", "regex", "report", R"({"f": "my report"})", false},
    {"regex_not_full_match", "regex", "ab", R"({"f": "abc"})", true},
    {"regex_case_sensitive", "regex", "abc", R"({"f": "ABC"})", false},
    {"regex_dot_no_newline", "regex", "a.b", R"({"f": "a\nb"})", false},
    {"regex_digits", "regex", "\\d{4}-\\d{2}", R"({"f": "2023-01-15"})", true},
    {"regex_end_anchor", "regex", "ab$", R"({"f": "abc"})", false},
    {"regex_python_open_lower_bound", "regex", "x{,3}$", R"({"f": "xx"})", true},
    {"regex_python_end_of_text", "regex", "abc\\Z", R"({"f": "abc"})", true},
    {"regex_python_bound_too_many", "regex", "a{,2}\\Z", R"({"f": "aaa"})", false},
    {"regex_on_number_text", "regex", "4\\d", R"({"f": 42})", true},
    // ISO dates yielded as strings compare as strings.
    {"iso_date_greater", ">", "2023-01-01", R"({"f": "2023-05-01T00:00:00Z"})", true},
    {"iso_date_less", "<", "2023-01-01", R"({"f": "2022-12-31"})", true},
    {"iso_date_equals_is_textual", "equals", "2023-01-01T00:00:00", R"({"f": "2023-01-01"})",
     false},
    // Rule names are case-insensitive.
    {"kind_uppercase", "EQUALS", "x", R"({"f": "x"})", true},
    {"kind_mixed_case", "Starts_With", "x", R"({"f": "xy"})", true},
};

INSTANTIATE_TEST_SUITE_P(Cases, BasicRuleMatchTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<MatchCase>& info) {
                           return std::string(info.param.name);
                         });

TEST(BasicRuleMatch, DefaultRuleAlwaysMatches) {
  const BasicRule rule = BasicRule::from_json(json::value{{"id", "DEFAULT"},
                                                          {"policy", "include"},
                                                          {"field", "_"},
                                                          {"rule", "regex"},
                                                          {"value", ".*"},
                                                          {"order", 0}});
  EXPECT_TRUE(rule.is_default_rule());
  EXPECT_TRUE(rule.matches(json::object{}));
}

TEST(BasicRuleMatch, InvalidRegexThrowsWhenEvaluatedNeverCrashes) {
  const BasicRule rule = make_rule("regex", "(unclosed");
  EXPECT_FALSE(rule.regex_error().empty());
  // A document without the field never evaluates the pattern, as in the reference.
  EXPECT_FALSE(rule.matches(json::object{{"g", "x"}}));
  try {
    (void)rule.matches(json::object{{"f", "x"}});
    FAIL() << "expected InvalidRuleError";
  } catch (const InvalidRuleError& error) {
    EXPECT_NE(std::string(error.what()).find("Basic rule 'r1'"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("(unclosed"), std::string::npos);
  }
}

TEST(BasicRuleMatch, PythonOnlyConstructsAreInvalidNotMisread) {
  EXPECT_FALSE(make_rule("regex", "(a)\\1").regex_error().empty());   // backreference
  EXPECT_FALSE(make_rule("regex", "a(?=b)").regex_error().empty());   // lookahead
  EXPECT_FALSE(make_rule("regex", "(?<!a)b").regex_error().empty());  // lookbehind
  EXPECT_TRUE(make_rule("regex", "(?P<year>\\d{4})").regex_error().empty());
  EXPECT_TRUE(make_rule("equals", "(").regex_error().empty());  // not a regex rule
}

TEST(BasicRuleMatch, NumericRuleValueUsesPythonText) {
  const BasicRule rule = BasicRule::from_json(json::value{{"id", "n"},
                                                          {"policy", "include"},
                                                          {"field", "f"},
                                                          {"rule", "equals"},
                                                          {"value", 5.0},
                                                          {"order", 1}});
  EXPECT_EQ(rule.value(), "5.0");
  EXPECT_TRUE(rule.matches(json::object{{"f", 5}}));
  EXPECT_TRUE(rule.matches(json::object{{"f", "5.0"}}));
}

}  // namespace
}  // namespace ei::filtering
