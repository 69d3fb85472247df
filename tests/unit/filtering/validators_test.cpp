#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "filtering/basic_rule_schema_validator.hpp"
#include "filtering/no_match_all_regex_validator.hpp"
#include "filtering/regex_syntax_validator.hpp"
#include "filtering/semantic_duplicates_validator.hpp"

namespace ei::filtering {
namespace {

namespace json = boost::json;

json::object rule(json::value id, const char* kind = "equals", const char* value = "x",
                  const char* field = "f", const char* policy = "include") {
  return json::object{{"id", std::move(id)}, {"policy", policy}, {"field", field},
                      {"rule", kind},        {"value", value},   {"order", 1}};
}

json::object with(json::object object, const char* key, json::value value) {
  object[key] = std::move(value);
  return object;
}

json::object without(json::object object, const char* key) {
  object.erase(key);
  return object;
}

// --- 1. schema ---------------------------------------------------------------------------

void expect_schema(const json::value& raw, const json::value& id, const char* message) {
  const auto result = BasicRuleSchemaValidator().validate_rule(raw);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(*result, SyncRuleValidationResult::invalid(id, message)) << json::serialize(raw);
}

TEST(BasicRuleSchemaValidator, ValidRule) {
  EXPECT_EQ(BasicRuleSchemaValidator().validate_rule(rule("1")),
            SyncRuleValidationResult::valid("1"));
  EXPECT_EQ(BasicRuleSchemaValidator().validate_rule(rule("1"))->message, "Valid rule");
}

TEST(BasicRuleSchemaValidator, AcceptsOtherKeysCaseInsensitiveNamesAndFloatOrders) {
  json::object extra = with(rule("1", "REGEX", "a+"), "created_at", "2023-01-31T16:38:49.244Z");
  extra["policy"] = "Exclude";
  extra["order"] = 1.5;
  EXPECT_TRUE(BasicRuleSchemaValidator().validate_rule(extra)->is_valid);
}

TEST(BasicRuleSchemaValidator, NonObject) {
  expect_schema("a rule", nullptr, "data must be object");
  expect_schema(json::array{}, nullptr, "data must be object");
}

TEST(BasicRuleSchemaValidator, MissingKeys) {
  const char* message =
      "data must contain ['id', 'policy', 'field', 'rule', 'value', 'order'] properties";
  expect_schema(without(rule("1"), "order"), "1", message);
  expect_schema(without(rule("1"), "id"), nullptr, message);
  // Missing keys take precedence over a wrong property.
  expect_schema(without(with(rule("1"), "value", 5), "field"), "1", message);
}

TEST(BasicRuleSchemaValidator, Id) {
  expect_schema(rule(5), 5, "data.id must be string");
  expect_schema(rule(nullptr), nullptr, "data.id must be string");
  expect_schema(rule(""), "", "data.id must be longer than or equal to 1 characters");
}

TEST(BasicRuleSchemaValidator, Policy) {
  expect_schema(with(rule("1"), "policy", "maybe"), "1", "data.policy must be policy");
  // The format is only checked on strings.
  EXPECT_TRUE(BasicRuleSchemaValidator().validate_rule(with(rule("1"), "policy", 5))->is_valid);
}

TEST(BasicRuleSchemaValidator, Field) {
  expect_schema(with(rule("1"), "field", 3), "1", "data.field must be string");
  expect_schema(with(rule("1"), "field", ""), "1",
                "data.field must be longer than or equal to 1 characters");
}

TEST(BasicRuleSchemaValidator, Rule) {
  expect_schema(with(rule("1"), "rule", "like"), "1", "data.rule must be rule");
  expect_schema(with(rule("1"), "rule", "greater_than"), "1", "data.rule must be rule");
  EXPECT_TRUE(BasicRuleSchemaValidator().validate_rule(with(rule("1"), "rule", 1))->is_valid);
}

TEST(BasicRuleSchemaValidator, Value) {
  expect_schema(with(rule("1"), "value", 5), "1", "data.value must be string");
  expect_schema(with(rule("1"), "value", ""), "1",
                "data.value must be longer than or equal to 1 characters");
}

TEST(BasicRuleSchemaValidator, Order) {
  expect_schema(with(rule("1"), "order", "1"), "1", "data.order must be number");
  expect_schema(with(rule("1"), "order", true), "1", "data.order must be number");
  expect_schema(with(rule("1"), "order", nullptr), "1", "data.order must be number");
}

TEST(BasicRuleSchemaValidator, FirstFailingPropertyInSchemaOrder) {
  json::object many = rule(5, "like", "", "", "maybe");
  many["order"] = "x";
  expect_schema(many, 5, "data.id must be string");
  many["id"] = "1";
  expect_schema(many, "1", "data.policy must be policy");
  many["policy"] = "include";
  expect_schema(many, "1", "data.field must be longer than or equal to 1 characters");
  many["field"] = "f";
  expect_schema(many, "1", "data.rule must be rule");
  many["rule"] = "equals";
  expect_schema(many, "1", "data.value must be longer than or equal to 1 characters");
  many["value"] = "v";
  expect_schema(many, "1", "data.order must be number");
}

// --- 2. no match-all regex -----------------------------------------------------------------

const char* kMatchAll = "Match all regexps: '['.*', '(.*)']' are not allowed.";

TEST(NoMatchAllRegexValidator, RejectsBothMatchAllPatterns) {
  NoMatchAllRegexValidator validator;
  EXPECT_EQ(validator.validate_rule(rule("1", "regex", ".*")),
            SyncRuleValidationResult::invalid("1", kMatchAll));
  EXPECT_EQ(validator.validate_rule(rule("2", "regex", "(.*)")),
            SyncRuleValidationResult::invalid("2", kMatchAll));
  EXPECT_EQ(validator.validate_rule(rule("3", "Regex", ".*")),
            SyncRuleValidationResult::invalid("3", kMatchAll));
}

TEST(NoMatchAllRegexValidator, AllowsTheDefaultRuleOtherPatternsAndOtherKinds) {
  NoMatchAllRegexValidator validator;
  EXPECT_EQ(validator.validate_rule(rule("DEFAULT", "regex", ".*", "_")),
            SyncRuleValidationResult::valid("DEFAULT"));
  EXPECT_EQ(validator.validate_rule(rule("1", "regex", ".+")),
            SyncRuleValidationResult::valid("1"));
  EXPECT_EQ(validator.validate_rule(rule("1", "regex", "^.*")),
            SyncRuleValidationResult::valid("1"));
  EXPECT_EQ(validator.validate_rule(rule("1", "equals", ".*")),
            SyncRuleValidationResult::valid("1"));
  EXPECT_EQ(validator.validate_rule(rule("1", "contains", "(.*)")),
            SyncRuleValidationResult::valid("1"));
}

TEST(NoMatchAllRegexValidator, SkipsRulesTheSchemaRejects) {
  NoMatchAllRegexValidator validator;
  EXPECT_FALSE(validator.validate_rule(without(rule("1", "regex", ".*"), "order")).has_value());
  EXPECT_FALSE(validator.validate_rule(with(rule("1", "regex", ".*"), "policy", 3)).has_value());
  EXPECT_FALSE(validator.validate_rule("x").has_value());
}

// --- 3. semantic duplicates ----------------------------------------------------------------

TEST(SemanticDuplicatesValidator, NoDuplicatesGivesOneValidResultPerRule) {
  const json::array rules{rule("1", "equals", "a"), rule("2", "equals", "b"),
                          rule("3", "contains", "a"), rule("4", "equals", "a", "g")};
  const auto results = SemanticDuplicatesValidator().validate(rules);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0], SyncRuleValidationResult::valid("1"));
  EXPECT_EQ(results[3], SyncRuleValidationResult::valid("4"));
}

TEST(SemanticDuplicatesValidator, ReportsLaterRuleFirstWhateverThePolicies) {
  const json::array rules{rule("1", "equals", "a", "f", "include"),
                          rule("2", "equals", "a", "f", "exclude")};
  const auto results = SemanticDuplicatesValidator().validate(rules);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0], SyncRuleValidationResult::invalid(
                            "2", "Rule with id '2' is semantically equal to rule with id '1'"));
  EXPECT_EQ(results[1], SyncRuleValidationResult::invalid(
                            "1", "Rule with id '1' is semantically equal to rule with id '2'"));
}

TEST(SemanticDuplicatesValidator, OnlyTheFirstPairIsReported) {
  const json::array rules{rule("a", "equals", "x"), rule("b", "equals", "y"),
                          rule("c", "equals", "y"), rule("d", "equals", "x")};
  const auto results = SemanticDuplicatesValidator().validate(rules);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].rule_id, "c");
  EXPECT_EQ(results[1].rule_id, "b");
}

TEST(SemanticDuplicatesValidator, RuleKindIsCaseInsensitiveFieldAndValueExact) {
  const auto same_kind = SemanticDuplicatesValidator().validate(
      json::array{rule("1", "equals", "a"), rule("2", "EQUALS", "a")});
  EXPECT_FALSE(same_kind[0].is_valid);
  const auto other_case_value = SemanticDuplicatesValidator().validate(
      json::array{rule("1", "equals", "a"), rule("2", "equals", "A")});
  EXPECT_TRUE(other_case_value[0].is_valid && other_case_value[1].is_valid);
  const auto other_case_field = SemanticDuplicatesValidator().validate(
      json::array{rule("1", "equals", "a", "f"), rule("2", "equals", "a", "F")});
  EXPECT_TRUE(other_case_field[0].is_valid && other_case_field[1].is_valid);
}

TEST(SemanticDuplicatesValidator, TheDefaultRuleTakesPart) {
  const json::array rules{rule("user", "regex", ".*", "_"), rule("DEFAULT", "regex", ".*", "_")};
  const auto results = SemanticDuplicatesValidator().validate(rules);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].message,
            "Rule with id 'DEFAULT' is semantically equal to rule with id 'user'");
}

TEST(SemanticDuplicatesValidator, SkipsRulesTheSchemaRejects) {
  const json::array rules{rule("1", "equals", "a"), with(rule("2", "equals", "a"), "order", "x")};
  const auto results = SemanticDuplicatesValidator().validate(rules);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].is_valid);
}

// --- port: regex syntax --------------------------------------------------------------------

TEST(RegexSyntaxValidator, ReportsPatternsRe2CannotUse) {
  RegexSyntaxValidator validator;
  const auto unclosed = validator.validate_rule(rule("1", "regex", "(abc"));
  ASSERT_TRUE(unclosed.has_value());
  EXPECT_FALSE(unclosed->is_valid);
  EXPECT_EQ(unclosed->rule_id, "1");
  EXPECT_EQ(unclosed->message.rfind("Invalid or unsupported regex '(abc': ", 0), 0u)
      << unclosed->message;
  EXPECT_FALSE(validator.validate_rule(rule("2", "regex", "(a)\\1"))->is_valid);
}

TEST(RegexSyntaxValidator, AcceptsValidPatternsOtherKindsAndSkipsSchemaFailures) {
  RegexSyntaxValidator validator;
  EXPECT_EQ(validator.validate_rule(rule("1", "regex", "a[0-9]+")),
            SyncRuleValidationResult::valid("1"));
  EXPECT_EQ(validator.validate_rule(rule("1", "contains", "(")),
            SyncRuleValidationResult::valid("1"));
  EXPECT_FALSE(validator.validate_rule(with(rule("1", "regex", "("), "order", "x")).has_value());
}

}  // namespace
}  // namespace ei::filtering
