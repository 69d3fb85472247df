// The sync-rules file of `connectors connector set-rules`.
#include "cli/connectors_rules_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/connectors_input.hpp"

namespace {

namespace json = boost::json;
using ei::cli::InputError;

std::string error_of(auto&& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

ei::cli::DraftRules rules(std::string_view text) {
  return ei::cli::rules_from_json(ei::cli::parse_json_with_location(text, "rules.json"),
                                  "rules.json");
}

TEST(ConnectorsRulesFile, SyntaxErrorsNameLineAndColumn) {
  auto message = error_of([] {
    ei::cli::parse_json_with_location("[\n  {\"field\": \"a\",\n   \"rule\" \"x\"}\n]", "r.json");
  });
  EXPECT_EQ(message.rfind("r.json:3:11: invalid JSON: ", 0), 0u) << message;
  auto truncated = error_of([] { ei::cli::parse_json_with_location("{\"rules\": [", "r.json"); });
  EXPECT_EQ(truncated.rfind("r.json:1:12: invalid JSON: ", 0), 0u) << truncated;
}

TEST(ConnectorsRulesFile, AnArrayIsBasicRulesWithDefaultsFilledIn) {
  auto draft = rules(R"([{"field": "title", "rule": "contains", "value": "report"},
                         {"id": "x", "policy": "exclude", "field": "size", "rule": ">",
                          "value": "10", "order": 7}])");
  ASSERT_EQ(draft.rules.size(), 2u);
  EXPECT_FALSE(draft.advanced.has_value());
  const auto& first = draft.rules[0].as_object();
  EXPECT_EQ(first.at("id"), "rule-1");
  EXPECT_EQ(first.at("policy"), "include");
  EXPECT_EQ(first.at("order"), 0);
  const auto& second = draft.rules[1].as_object();
  EXPECT_EQ(second.at("id"), "x");
  EXPECT_EQ(second.at("policy"), "exclude");
  EXPECT_EQ(second.at("order"), 7);
}

TEST(ConnectorsRulesFile, AnObjectMayCarryAdvancedRules) {
  auto draft = rules(R"({"rules": [], "advanced_rules": {"find": {"filter": {}}}})");
  EXPECT_TRUE(draft.rules.empty());
  ASSERT_TRUE(draft.advanced.has_value());
  EXPECT_EQ(*draft.advanced, json::parse(R"({"find": {"filter": {}}})"));
  auto snippet = rules(R"({"advanced_snippet": {"value": [1, 2]}})");
  ASSERT_TRUE(snippet.advanced.has_value());
  EXPECT_EQ(*snippet.advanced, json::parse("[1, 2]"));
}

TEST(ConnectorsRulesFile, ShapeErrorsNameTheRule) {
  EXPECT_EQ(error_of([] { rules(R"([{"field": "a", "rule": "contains"}])"); }),
            "rules.json: rules[0]: missing \"value\"");
  EXPECT_EQ(error_of([] { rules(R"([{"field": "a", "rule": "contains", "value": 3}])"); }),
            "rules.json: rules[0].value: expected a non-empty string, got 3");
  EXPECT_EQ(error_of([] { rules(R"([{"field": "a", "rule": "like", "value": "b"}])"); }),
            "rules.json: rules[0].rule: unknown rule \"like\" (expected equals, starts_with, "
            "ends_with, contains, regex, > or <)");
  EXPECT_EQ(error_of([] {
              rules(R"([{"field":"a","rule":"regex","value":"b"}, {"field":"a","rule":"regex",
                        "value":"b","policy":"keep"}])");
            }),
            "rules.json: rules[1].policy: unknown policy \"keep\" (expected include or exclude)");
  EXPECT_EQ(error_of([] { rules(R"([{"field":"a","rule":"regex","value":"b","order":"1"}])"); }),
            "rules.json: rules[0].order: expected a number, got \"1\"");
  EXPECT_EQ(error_of([] { rules("[42]"); }),
            "rules.json: rules[0]: expected a rule object, got 42");
  EXPECT_EQ(error_of([] { rules(R"({"rules": {}})"); }),
            "rules.json: rules: expected an array of rules, got {}");
  EXPECT_EQ(error_of([] { rules(R"({"rulez": []})"); }),
            "rules.json: rulez: unknown key (expected \"rules\", \"advanced_rules\" or "
            "\"advanced_snippet\")");
  EXPECT_EQ(error_of([] { rules("{}"); }),
            "rules.json: (top level): expected \"rules\" and/or \"advanced_rules\"");
  EXPECT_EQ(error_of([] { rules("\"x\""); }),
            "rules.json: (top level): expected an array of rules or an object with \"rules\", "
            "got \"x\"");
}

TEST(ConnectorsRulesFile, ReadsAFileAndNamesAMissingOne) {
  auto path =
      std::filesystem::temp_directory_path() / ("ei-rules-" + std::to_string(::getpid()) + ".json");
  std::ofstream(path) << R"([{"field": "a", "rule": "equals", "value": "b"}])";
  auto draft = ei::cli::read_rules_file(path);
  EXPECT_EQ(draft.rules.size(), 1u);
  std::filesystem::remove(path);
  EXPECT_EQ(error_of([&] { ei::cli::read_rules_file(path); }),
            "cannot read rules file " + path.string());
}

}  // namespace
