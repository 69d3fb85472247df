// The advanced rules of the MongoDB source (sources spec §2.5): invalid exactly when the
// schema is broken, and the options the driver gets.
#include "sources/mongodb/mongo_advanced_rules.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sources/mongodb/mongo_advanced_rules_validator.hpp"
#include "unit/source/test_support.hpp"

namespace ei::sources::mongodb {
namespace {

namespace json = boost::json;

std::optional<std::string> schema_error(std::string_view rules) {
  return mongo_rules_schema_error(json::parse(rules));
}

TEST(MongoAdvancedRules, ValidRules) {
  for (const char* rules : {
           R"({})",
           R"({"find": {}})",
           R"({"find": {"filter": {"a": 1}, "projection": ["f1"], "skip": 0, "limit": 10,
               "no_cursor_timeout": true, "allow_partial_results": true, "batch_size": 5,
               "return_key": false, "show_record_id": false, "max_time_ms": 1000,
               "allow_disk_use": true}})",
           R"({"find": {"projection": {"f1": 1}}})",
           R"({"aggregate": {"pipeline": [{"$match": {}}], "allowDiskUse": true,
               "maxTimeMS": 1000, "batchSize": 100, "let": {}}})",
           R"({"aggregate": {}})",
       }) {
    EXPECT_EQ(schema_error(rules), std::nullopt) << rules;
  }
}

TEST(MongoAdvancedRules, InvalidRulesNameWhatIsWrong) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {R"([])", "must be an object"},
      {R"({"filter": {}})", "must not contain filter"},
      {R"({"find": {}, "aggregate": {"pipeline": [{}]}})", "only one of find and aggregate"},
      {R"({"find": []})", "find must be an object"},
      {R"({"find": {"filter": []}})", "find.filter must be an object"},
      {R"({"find": {"projection": []}})", "find.projection must contain at least 1 item"},
      {R"({"find": {"projection": {}}})", "find.projection must contain at least 1 property"},
      {R"({"find": {"projection": "f1"}})", "find.projection must be an array or an object"},
      {R"({"find": {"limit": "10"}})", "find.limit must be an integer"},
      {R"({"find": {"limit": 1.5}})", "find.limit must be an integer"},
      {R"({"find": {"return_key": 1}})", "find.return_key must be a boolean"},
      {R"({"find": {"batchSize": 1}})", "find must not contain the option batchSize"},
      {R"({"aggregate": {"pipeline": []}})", "aggregate.pipeline must contain at least 1 item"},
      {R"({"aggregate": {"pipeline": {}}})", "aggregate.pipeline must be an array"},
      {R"({"aggregate": {"let": 3}})", "aggregate.let must be an object"},
      {R"({"aggregate": {"allow_disk_use": true}})",
       "aggregate must not contain the option allow_disk_use"},
  };
  for (const auto& [rules, message] : cases) {
    const auto error = schema_error(rules);
    ASSERT_TRUE(error.has_value()) << rules;
    EXPECT_THAT(*error, ::testing::HasSubstr(message)) << rules;
  }
}

TEST(MongoAdvancedRules, FindOptionsReachTheDriverUnderItsNames) {
  const MongoRule rule = parse_mongo_rules(json::parse(
      R"({"find": {"filter": {"n": {"$gt": 3}}, "projection": ["a", "b"], "skip": 2, "limit": 10,
          "no_cursor_timeout": true, "allow_partial_results": false, "batch_size": 5,
          "return_key": false, "show_record_id": true, "max_time_ms": 900,
          "allow_disk_use": true}})"));
  const auto& find = std::get<FindRule>(rule);
  EXPECT_EQ(json::value(find.filter), json::parse(R"({"n": {"$gt": 3}})"));
  EXPECT_EQ(json::value(driver_find_options(find)), json::parse(R"({
      "projection": {"a": 1, "b": 1}, "skip": 2, "limit": 10, "noCursorTimeout": true,
      "allowPartialResults": false, "batchSize": 5, "returnKey": false, "showRecordId": true,
      "maxTimeMS": 900, "allowDiskUse": true})"));
}

TEST(MongoAdvancedRules, AggregateKeepsItsPipelineAndOptions) {
  const MongoRule rule = parse_mongo_rules(json::parse(
      R"({"aggregate": {"pipeline": [{"$match": {"a": 1}}], "allowDiskUse": true, "let": {"x": 1}}})"));
  const auto& aggregate = std::get<AggregateRule>(rule);
  EXPECT_EQ(json::value(aggregate.pipeline), json::parse(R"([{"$match": {"a": 1}}])"));
  EXPECT_EQ(json::value(aggregate.options),
            json::parse(R"({"allowDiskUse": true, "let": {"x": 1}})"));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(parse_mongo_rules(json::parse("{}"))));
}

TEST(MongoAdvancedRules, TheValidatorReportsUnderTheAdvancedSnippetId) {
  MongoAdvancedRulesValidator validator;
  source::testing::Loop loop;
  const auto invalid = loop.run(validator.validate(json::parse(R"({"find": 3})")));
  EXPECT_FALSE(invalid.is_valid);
  EXPECT_EQ(invalid.rule_id, json::value("advanced_snippet"));
  EXPECT_THAT(invalid.message, ::testing::HasSubstr("find must be an object"));
  const auto valid = loop.run(validator.validate(json::parse(R"({"find": {}})")));
  EXPECT_TRUE(valid.is_valid);
}

}  // namespace
}  // namespace ei::sources::mongodb
