#include "filtering/basic_rule_engine.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "filtering/errors.hpp"

namespace ei::filtering {
namespace {

namespace json = boost::json;

json::value rule(const char* id, const char* policy, const char* field, const char* kind,
                 const char* value, double order) {
  return json::value{{"id", id},     {"policy", policy}, {"field", field},
                     {"rule", kind}, {"value", value},   {"order", order}};
}

json::value default_rule() {
  return rule("DEFAULT", "include", "_", "regex", ".*", 0);
}

TEST(BasicRuleEngine, NoRulesIngestsEverything) {
  BasicRuleEngine engine = BasicRuleEngine::from_json(nullptr);
  EXPECT_TRUE(engine.should_ingest(json::object{{"a", 1}}));
  BasicRuleEngine empty = BasicRuleEngine::from_json(json::array{});
  EXPECT_TRUE(empty.should_ingest(json::object{}));
  EXPECT_EQ(engine.match_stats().at("DEFAULT"), (RuleMatchStats{Policy::include, 1}));
}

TEST(BasicRuleEngine, OnlyTheDefaultRuleIngestsEverything) {
  BasicRuleEngine engine = BasicRuleEngine::from_json(json::array{default_rule()});
  EXPECT_TRUE(engine.rules().empty());
  EXPECT_TRUE(engine.should_ingest(json::object{{"title", "x"}}));
}

TEST(BasicRuleEngine, DefaultRuleIsDroppedByIdWhateverItsValues) {
  // An exclude-everything rule with id DEFAULT is still the (ignored) default rule.
  BasicRuleEngine engine =
      BasicRuleEngine::from_json(json::array{rule("DEFAULT", "exclude", "_", "regex", ".*", 0)});
  EXPECT_TRUE(engine.should_ingest(json::object{{"_", "anything"}}));
}

TEST(BasicRuleEngine, ExcludeRuleThatMatchesSkips) {
  BasicRuleEngine engine = BasicRuleEngine::from_json(
      json::array{rule("1", "exclude", "title", "contains", "draft", 1), default_rule()});
  EXPECT_FALSE(engine.should_ingest(json::object{{"title", "a draft"}}));
  EXPECT_TRUE(engine.should_ingest(json::object{{"title", "final"}}));
}

TEST(BasicRuleEngine, NoMatchingRuleMeansIngestEvenWithOnlyIncludeRules) {
  BasicRuleEngine engine =
      BasicRuleEngine::from_json(json::array{rule("1", "include", "title", "equals", "a", 1)});
  EXPECT_TRUE(engine.should_ingest(json::object{{"title", "a"}}));
  EXPECT_TRUE(engine.should_ingest(json::object{{"title", "b"}}));
}

TEST(BasicRuleEngine, RulesRunInAscendingOrderNotArrayOrder) {
  const json::array rules{rule("ex", "exclude", "a", "equals", "x", 2),
                          rule("in", "include", "a", "starts_with", "x", 1)};
  BasicRuleEngine engine = BasicRuleEngine::from_json(rules);
  ASSERT_EQ(engine.rules().size(), 2u);
  EXPECT_EQ(engine.rules()[0].id(), "in");
  EXPECT_TRUE(engine.should_ingest(json::object{{"a", "x"}}));

  const json::array swapped{rule("ex", "exclude", "a", "equals", "x", 1),
                            rule("in", "include", "a", "starts_with", "x", 2)};
  BasicRuleEngine other = BasicRuleEngine::from_json(swapped);
  EXPECT_FALSE(other.should_ingest(json::object{{"a", "x"}}));
}

TEST(BasicRuleEngine, EqualOrdersKeepArrayOrder) {
  BasicRuleEngine first_exclude = BasicRuleEngine::from_json(json::array{
      rule("ex", "exclude", "a", "equals", "x", 1), rule("in", "include", "a", "equals", "x", 1)});
  EXPECT_FALSE(first_exclude.should_ingest(json::object{{"a", "x"}}));
  BasicRuleEngine first_include = BasicRuleEngine::from_json(json::array{
      rule("in", "include", "a", "equals", "x", 1), rule("ex", "exclude", "a", "equals", "x", 1)});
  EXPECT_TRUE(first_include.should_ingest(json::object{{"a", "x"}}));
}

TEST(BasicRuleEngine, FractionalAndNegativeOrders) {
  BasicRuleEngine engine = BasicRuleEngine::from_json(json::array{
      rule("a", "include", "f", "equals", "x", 0.5), rule("b", "exclude", "f", "equals", "x", -3)});
  EXPECT_EQ(engine.rules()[0].id(), "b");
  EXPECT_FALSE(engine.should_ingest(json::object{{"f", "x"}}));
}

TEST(BasicRuleEngine, MissingFieldMovesToTheNextRule) {
  BasicRuleEngine engine =
      BasicRuleEngine::from_json(json::array{rule("1", "include", "missing", "equals", "x", 1),
                                             rule("2", "exclude", "present", "equals", "y", 2)});
  EXPECT_FALSE(engine.should_ingest(json::object{{"present", "y"}}));
}

TEST(BasicRuleEngine, PolicyNamesAreCaseInsensitive) {
  BasicRuleEngine engine =
      BasicRuleEngine::from_json(json::array{rule("1", "EXCLUDE", "f", "equals", "x", 1)});
  EXPECT_FALSE(engine.should_ingest(json::object{{"f", "x"}}));
}

TEST(BasicRuleEngine, KeepsMatchStatistics) {
  BasicRuleEngine engine = BasicRuleEngine::from_json(
      json::array{rule("in", "include", "f", "equals", "a", 1),
                  rule("ex", "exclude", "f", "equals", "b", 2), default_rule()});
  engine.should_ingest(json::object{{"f", "a"}});
  engine.should_ingest(json::object{{"f", "b"}});
  engine.should_ingest(json::object{{"f", "b"}});
  engine.should_ingest(json::object{{"f", "c"}});
  EXPECT_EQ(engine.match_stats().at("in"), (RuleMatchStats{Policy::include, 1}));
  EXPECT_EQ(engine.match_stats().at("ex"), (RuleMatchStats{Policy::exclude, 2}));
  EXPECT_EQ(engine.match_stats().at("DEFAULT"), (RuleMatchStats{Policy::include, 1}));
}

TEST(BasicRuleEngine, InvalidRegexFailsTheDecisionWithAClearError) {
  BasicRuleEngine engine =
      BasicRuleEngine::from_json(json::array{rule("bad", "exclude", "f", "regex", "[a-", 1)});
  EXPECT_THROW(engine.should_ingest(json::object{{"f", "x"}}), InvalidRuleError);
}

std::string parse_error(const json::value& rules) {
  try {
    (void)parse_basic_rules(rules);
  } catch (const InvalidRuleError& error) {
    return error.what();
  }
  return "no error";
}

TEST(ParseBasicRules, ErrorsNameTheRuleAndTheKey) {
  json::value missing_field = rule("r7", "include", "f", "equals", "x", 1);
  missing_field.as_object().erase("field");
  EXPECT_EQ(parse_error(json::array{missing_field}), "Basic rule 'r7': missing key 'field'");

  json::value missing_id = rule("x", "include", "f", "equals", "x", 1);
  missing_id.as_object().erase("id");
  EXPECT_EQ(parse_error(json::array{default_rule(), missing_id}),
            "Basic rule at index 1: missing key 'id'");

  EXPECT_EQ(parse_error(json::array{rule("r1", "maybe", "f", "equals", "x", 1)}),
            "Basic rule 'r1': unknown policy 'maybe' (allowed: include, exclude)");
  EXPECT_EQ(parse_error(json::array{rule("r1", "include", "f", "like", "x", 1)}),
            "Basic rule 'r1': unknown rule 'like' (allowed: equals, starts_with, ends_with, "
            "contains, regex, >, <)");

  json::value text_order = rule("r2", "include", "f", "equals", "x", 1);
  text_order.as_object()["order"] = "1";
  EXPECT_EQ(parse_error(json::array{text_order}),
            "Basic rule 'r2': 'order' must be a number, got \"1\"");

  json::value list_value = rule("r3", "include", "f", "equals", "x", 1);
  list_value.as_object()["value"] = json::array{1};
  EXPECT_NE(parse_error(json::array{list_value}).find("Basic rule 'r3': 'value' must be a string"),
            std::string::npos);

  EXPECT_NE(parse_error(json::array{"text"}).find("Basic rule at index 0: expected an object"),
            std::string::npos);
  EXPECT_NE(parse_error(json::object{}).find("expected an array"), std::string::npos);
}

TEST(ParseBasicRules, TheDefaultRuleMustParseToo) {
  EXPECT_THROW(parse_basic_rules(json::array{rule("DEFAULT", "sometimes", "_", "regex", ".*", 0)}),
               InvalidRuleError);
}

}  // namespace
}  // namespace ei::filtering
