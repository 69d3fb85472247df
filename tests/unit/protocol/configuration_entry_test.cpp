#include "protocol/configuration_entry.hpp"

#include <gtest/gtest.h>

#include "core/json.hpp"

namespace ei::protocol {
namespace {

namespace json = boost::json;

const json::value kAllDefaults = json::parse(R"({"default_value": null, "depends_on": [],
    "display": "text", "label": "", "options": [], "order": 1, "required": true,
    "sensitive": false, "tooltip": null, "type": "str", "ui_restrictions": [],
    "validations": [], "value": ""})");

TEST(ConfigurationEntry, DefaultsAreThoseOfSpec141) {
  EXPECT_EQ(ConfigurationEntry{}.to_json(), kAllDefaults);
  EXPECT_EQ(kConfigurationEntryProperties.size(), 13u);
}

TEST(SimpleConfiguration, PortExampleOfSpec142) {
  const json::value declared =
      json::parse(R"({"display": "numeric", "label": "Port", "type": "int", "value": 3306})");
  EXPECT_EQ(simple_configuration_entry("port", declared),
            json::parse(R"({"default_value": null, "depends_on": [], "display": "numeric",
                "label": "Port", "options": [], "order": 1, "required": true,
                "sensitive": false, "tooltip": null, "type": "int", "ui_restrictions": [],
                "validations": [], "value": 3306})"));
}

TEST(SimpleConfiguration, LabelRules) {
  // Declared but empty → the key in upper case; not declared → the default "".
  EXPECT_EQ(simple_configuration_entry("host", json::parse(R"({"label": ""})")).at("label"),
            "HOST");
  EXPECT_EQ(simple_configuration_entry("host", json::parse(R"({"value": "x"})")).at("label"), "");
}

TEST(SimpleConfiguration, ExtraPropertiesAreCopiedAndOrderIsKept) {
  const json::object declared = json::parse(R"({
      "b": {"label": "B", "value": 1, "custom": {"x": 1}},
      "a": {"label": "A", "depends_on": [{"field": "b", "value": 1}]}})")
                                    .as_object();
  const json::object schema = simple_configuration(declared);
  ASSERT_EQ(schema.size(), 2u);
  EXPECT_EQ(schema.begin()->key(), "b");  // declaration order
  EXPECT_EQ(schema.at("b").at("custom"), json::parse(R"({"x": 1})"));
  EXPECT_EQ(schema.at("a").at("depends_on"), json::parse(R"([{"field": "b", "value": 1}])"));
  EXPECT_EQ(schema.at("a").as_object().size(), 13u);
}

TEST(ConfigurationEntry, RoundTripsAFullEntry) {
  const json::value stored = json::parse(R"({"default_value": 5, "depends_on":
      [{"field": "ssl", "value": true}], "display": "dropdown", "label": "Mode",
      "options": [{"label": "A", "value": "a"}, {"label": "B", "value": 2}], "order": 4,
      "required": false, "sensitive": true, "tooltip": "Pick one", "type": "list",
      "ui_restrictions": ["advanced"], "validations": [{"type": "included_in",
      "constraint": ["a", "b"]}], "value": "a", "x_extra": [1]})");
  FieldProblems problems;
  const ConfigurationEntry entry =
      ConfigurationEntry::from_json(stored, "configuration.mode", problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(entry.depends_on, (std::vector<DependsOn>{{"ssl", true}}));
  EXPECT_EQ(entry.options.size(), 2u);
  EXPECT_EQ(entry.validations,
            (std::vector<FieldValidation>{{"included_in", json::parse(R"(["a","b"])")}}));
  EXPECT_EQ(entry.tooltip, "Pick one");
  EXPECT_FALSE(entry.required);
  EXPECT_TRUE(entry.sensitive);
  EXPECT_EQ(entry.ui_restrictions, std::vector<std::string>{"advanced"});
  EXPECT_EQ(entry.extra, (json::object{{"x_extra", json::array{1}}}));
  EXPECT_EQ(entry.to_json(), stored);
}

TEST(ConfigurationEntry, MalformedPropertiesAreNamedAndDefaulted) {
  FieldProblems problems;
  const ConfigurationEntry entry = ConfigurationEntry::from_json(
      json::parse(R"({"depends_on": [{"value": 1}, "x"], "options": "a,b",
          "validations": [{"constraint": 1}], "ui_restrictions": [3], "tooltip": 1,
          "sensitive": null})"),
      "configuration.k", problems);
  std::vector<std::string> described;
  for (const FieldProblem& problem : problems) described.push_back(problem.describe());
  EXPECT_EQ(described, (std::vector<std::string>{
                           "configuration.k.depends_on[0].field: missing",
                           "configuration.k.depends_on[1]: expected an object, got \"x\"",
                           "configuration.k.options: expected an array, got \"a,b\"",
                           "configuration.k.tooltip: expected a string, got 1",
                           "configuration.k.ui_restrictions[0]: expected a string, got 3",
                           "configuration.k.validations[0].type: missing"}));
  EXPECT_TRUE(entry.depends_on.empty());
  EXPECT_TRUE(entry.options.empty());
  EXPECT_FALSE(entry.sensitive);  // null → default
  EXPECT_EQ(entry.tooltip, std::nullopt);
}

TEST(ConfigurationEntry, MissingPropertiesTakeTheSchemaDefaults) {
  FieldProblems problems;
  const ConfigurationEntry entry =
      ConfigurationEntry::from_json(json::parse(R"({"value": null})"), "c.k", problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_TRUE(entry.value.is_null());  // a stored null stays null
  EXPECT_EQ(entry.type, "str");
  EXPECT_TRUE(entry.required);
}

TEST(MissingProperties, CountsKeysNotValues) {
  EXPECT_TRUE(missing_properties(kAllDefaults).empty());  // null values are present
  EXPECT_EQ(missing_properties(json::parse(R"({"value": 1})")).size(), 12u);
  EXPECT_EQ(missing_properties(json::value("bare")).size(), 13u);
  json::object without_tooltip = kAllDefaults.as_object();
  without_tooltip.erase("tooltip");
  EXPECT_EQ(missing_properties(without_tooltip), std::vector<std::string_view>{"tooltip"});
}

TEST(CompleteConfiguration, OnlyIncompleteEntriesStoredPropertiesWin) {
  const json::object schema = simple_configuration(json::parse(R"({
      "host": {"label": "Host", "value": "localhost", "order": 1},
      "port": {"label": "Port", "type": "int", "value": 3306, "order": 2}})")
                                                       .as_object());
  json::object stored{{"host", schema.at("host")},                              // complete
                      {"port", json::parse(R"({"value": 1234, "extra": 1})")},  // incomplete
                      {"legacy", json::parse(R"({"value": "x"})")},  // unknown to the source
                      {"bare", "v"}};                                // not an object
  const json::object completed = complete_configuration(stored, schema);
  ASSERT_EQ(completed.size(), 3u);
  EXPECT_FALSE(completed.contains("host"));
  json::object port = schema.at("port").as_object();
  port["value"] = 1234;
  port["extra"] = 1;
  EXPECT_EQ(completed.at("port"), port);
  // Unknown to the source: the property defaults, with the stored value.
  json::object legacy = simple_configuration_entry("legacy", json::object{{"label", ""}});
  legacy["value"] = "x";
  EXPECT_EQ(completed.at("legacy"), legacy);
  EXPECT_EQ(completed.at("legacy").at("label"), "LEGACY");
  EXPECT_EQ(completed.at("bare").at("value"), "v");
  EXPECT_TRUE(missing_properties(completed.at("bare")).empty());
  EXPECT_TRUE(complete_configuration(json::object{{"host", schema.at("host")}}, schema).empty());
}

// What the service writes on one poll is complete on the next: no update at every poll.
TEST(CompleteConfiguration, ApplyingTheCompletionThenCompletingAgainIsANoOp) {
  const json::object schema = simple_configuration(
      json::parse(R"({"host": {"label": "Host", "value": "localhost"}})").as_object());
  json::object stored{{"host", json::parse(R"({"value": "db"})")},
                      {"unknown", json::parse(R"({"value": 1, "label": "Mine"})")},
                      {"bare", 5}};
  json::object completed = complete_configuration(stored, schema);
  ASSERT_EQ(completed.size(), 3u);
  json::value applied = stored;  // Elasticsearch merges a partial update's objects
  core::deep_merge(applied.as_object(), completed);
  EXPECT_TRUE(complete_configuration(applied.as_object(), schema).empty());
  EXPECT_EQ(applied.at("unknown").at("label"), "Mine");
  EXPECT_EQ(applied.at("bare").at("value"), 5);
}

}  // namespace
}  // namespace ei::protocol
