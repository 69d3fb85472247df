// Typed configuration (spec §14): coercion, value resolution, emptiness, validation,
// depends_on, required keys and the schema written for a source.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "source/coercion.hpp"
#include "source/data_source_configuration.hpp"
#include "source/default_configuration.hpp"
#include "source/errors.hpp"
#include "source/python_value.hpp"

namespace ei::source {
namespace {

namespace json = boost::json;

json::value parse(std::string_view text) {
  return json::parse(text);
}

std::string validation_error(const DataSourceConfiguration& configuration) {
  try {
    configuration.check_valid();
  } catch (const ConfigurableFieldValueError& error) {
    return error.what();
  }
  return "";
}

// One field `f` with the given entry properties.
DataSourceConfiguration one_field(std::string_view properties) {
  return DataSourceConfiguration(parse(std::string("{\"f\": ") + std::string(properties) + "}"));
}

// --- coercion (§14.3) -------------------------------------------------------------------

TEST(Coercion, IntParsesLikePython) {
  EXPECT_EQ(coerce_value("42", FieldType::kInt, "port"), json::value(42));
  EXPECT_EQ(coerce_value(" -7 ", FieldType::kInt, "port"), json::value(-7));
  EXPECT_EQ(coerce_value("+1_000", FieldType::kInt, "port"), json::value(1000));
  EXPECT_EQ(coerce_value("007", FieldType::kInt, "port"), json::value(7));
}

TEST(Coercion, UnparsableIntIsAnErrorNamingTheField) {
  for (const char* text : {"", "abc", "1.5", "1__0", "_1", "9223372036854775808"}) {
    try {
      coerce_value(text, FieldType::kInt, "port");
      FAIL() << text;
    } catch (const ConfigurationError& error) {
      EXPECT_EQ(std::string(error.what()),
                "Configuration field 'port': cannot convert '" + std::string(text) + "' to int");
    }
  }
  EXPECT_EQ(coerce_value("-9223372036854775808", FieldType::kInt, "port"), json::value(INT64_MIN));
}

TEST(Coercion, FloatParsesLikePython) {
  EXPECT_EQ(coerce_value("1.5", FieldType::kFloat, "x"), json::value(1.5));
  EXPECT_EQ(coerce_value(" 2 ", FieldType::kFloat, "x"), json::value(2.0));
  EXPECT_EQ(coerce_value(".5", FieldType::kFloat, "x"), json::value(0.5));
  EXPECT_EQ(coerce_value("1e3", FieldType::kFloat, "x"), json::value(1000.0));
  EXPECT_EQ(coerce_value("-1_0.2_5E-1", FieldType::kFloat, "x"), json::value(-1.025));
  EXPECT_TRUE(std::isinf(coerce_value("-Infinity", FieldType::kFloat, "x").as_double()));
  EXPECT_TRUE(std::isinf(coerce_value("inf", FieldType::kFloat, "x").as_double()));
  EXPECT_TRUE(std::isnan(coerce_value("NaN", FieldType::kFloat, "x").as_double()));
  EXPECT_TRUE(std::isinf(coerce_value("1e999", FieldType::kFloat, "x").as_double()));
  for (const char* text : {"", ".", "abc", "1e", "1.2.3", "e5"}) {
    EXPECT_THROW(coerce_value(text, FieldType::kFloat, "x"), ConfigurationError) << text;
  }
}

TEST(Coercion, BoolIsTrueOnlyForYesWords) {
  for (const char* text : {"y", "YES", "True", "1"}) {
    EXPECT_EQ(coerce_value(text, FieldType::kBool, "b"), json::value(true)) << text;
  }
  for (const char* text : {"", "no", "on", "2", " true"}) {
    EXPECT_EQ(coerce_value(text, FieldType::kBool, "b"), json::value(false)) << text;
  }
}

TEST(Coercion, ListSplitsOnCommasAndTrims) {
  EXPECT_EQ(coerce_value("*", FieldType::kList, "l"), parse(R"(["*"])"));
  EXPECT_EQ(coerce_value("a, b ,c", FieldType::kList, "l"), parse(R"(["a","b","c"])"));
  EXPECT_EQ(coerce_value("", FieldType::kList, "l"), parse(R"([""])"));
  EXPECT_EQ(coerce_value("a,,", FieldType::kList, "l"), parse(R"(["a","",""])"));
}

TEST(Coercion, OnlyStringsConvert) {
  EXPECT_EQ(coerce_value(5, FieldType::kStr, "s"), json::value(5));
  EXPECT_EQ(coerce_value(true, FieldType::kInt, "s"), json::value(true));
  EXPECT_EQ(coerce_value(nullptr, FieldType::kList, "s"), json::value(nullptr));
  EXPECT_EQ(coerce_value(parse("[1]"), FieldType::kList, "s"), parse("[1]"));
  EXPECT_EQ(coerce_value("5", FieldType::kStr, "s"), json::value("5"));
}

// --- emptiness (§14.5) ------------------------------------------------------------------

TEST(Emptiness, FollowsTheTable) {
  EXPECT_TRUE(is_empty_value(""));
  EXPECT_FALSE(is_empty_value(" "));
  EXPECT_TRUE(is_empty_value(json::array()));
  EXPECT_TRUE(is_empty_value(parse(R"([null, ""])")));
  EXPECT_FALSE(is_empty_value(parse(R"([null, "a"])")));
  EXPECT_TRUE(is_empty_value(nullptr));
  EXPECT_FALSE(is_empty_value(0));
  EXPECT_FALSE(is_empty_value(false));
  EXPECT_FALSE(is_empty_value(json::object()));
}

// --- building the runtime configuration (§14.3) ---------------------------------------

TEST(Configuration, NullIsEmptyAndOtherNonObjectsAreErrors) {
  EXPECT_TRUE(DataSourceConfiguration(nullptr).empty());
  EXPECT_THROW(DataSourceConfiguration(parse("[1]")), ConfigurationError);
}

TEST(Configuration, ObjectEntriesTakeDefaults) {
  DataSourceConfiguration configuration(parse(R"({"host": {}})"));
  const Field* field = configuration.find("host");
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->label(), "host");
  EXPECT_TRUE(field->required());
  EXPECT_EQ(field->type(), FieldType::kStr);
  EXPECT_EQ(field->raw_value(), json::value(nullptr));
  EXPECT_EQ(field->default_value(), json::value(nullptr));
  EXPECT_TRUE(field->depends_on().empty());
  EXPECT_TRUE(field->validations().empty());
}

TEST(Configuration, StoredTypeCoercesValueAndDefault) {
  DataSourceConfiguration configuration(parse(
      R"({"port": {"label": "Port", "type": "int", "value": "3306", "default_value": "1"},
          "tables": {"type": "list", "value": "a, b"},
          "ssl": {"type": "bool", "value": "yes"},
          "other": {"type": "password", "value": "x"}})"));
  EXPECT_EQ(configuration["port"], json::value(3306));
  EXPECT_EQ(configuration.find("port")->default_value(), json::value(1));
  EXPECT_EQ(configuration["tables"], parse(R"(["a","b"])"));
  EXPECT_EQ(configuration["ssl"], json::value(true));
  EXPECT_EQ(configuration["other"], json::value("x"));
  EXPECT_EQ(configuration.raw().at("port").at("value"), json::value("3306"));
}

TEST(Configuration, UnparsableStoredIntAbortsConstruction) {
  EXPECT_THROW(DataSourceConfiguration(parse(R"({"port": {"type": "int", "value": ""}})")),
               ConfigurationError);
}

TEST(Configuration, BareValuesBecomeStringsWithACapitalizedLabel) {
  DataSourceConfiguration configuration(parse(
      R"({"SERVICE_account_credentials": 5, "flag": true, "none": null, "items": ["a", 1],
          "ratio": 1.0})"));
  EXPECT_EQ(configuration.find("SERVICE_account_credentials")->label(),
            "Service_account_credentials");
  EXPECT_EQ(configuration["SERVICE_account_credentials"], json::value("5"));
  EXPECT_EQ(configuration["flag"], json::value("True"));
  EXPECT_EQ(configuration["none"], json::value("None"));
  EXPECT_EQ(configuration["items"], json::value("['a', 1]"));
  EXPECT_EQ(configuration["ratio"], json::value("1.0"));
}

TEST(Configuration, MalformedListPropertiesAreErrors) {
  EXPECT_THROW(one_field(R"({"depends_on": 3})"), ConfigurationError);
  EXPECT_THROW(one_field(R"({"depends_on": [{"value": 1}]})"), ConfigurationError);
  EXPECT_THROW(one_field(R"({"validations": [{"constraint": 1}]})"), ConfigurationError);
  EXPECT_NO_THROW(one_field(R"({"depends_on": null, "validations": null})"));
}

TEST(Configuration, RequiredUsesPythonTruth) {
  EXPECT_FALSE(one_field(R"({"required": null})").find("f")->required());
  EXPECT_FALSE(one_field(R"({"required": 0})").find("f")->required());
  EXPECT_TRUE(one_field(R"({"required": "yes"})").find("f")->required());
}

// --- value resolution (§14.4) -----------------------------------------------------------

TEST(Resolution, RequiredReturnsTheStoredValueEvenIfEmpty) {
  auto configuration = one_field(R"({"value": "", "default_value": "d"})");
  EXPECT_EQ(configuration["f"], json::value(""));
}

TEST(Resolution, OptionalEmptyReturnsTheDefault) {
  EXPECT_EQ(one_field(R"({"required": false, "value": "", "default_value": "d"})")["f"],
            json::value("d"));
  EXPECT_EQ(one_field(R"({"required": false, "value": [null, ""], "default_value": 1})")["f"],
            json::value(1));
  EXPECT_EQ(one_field(R"({"required": false, "value": "v", "default_value": "d"})")["f"],
            json::value("v"));
  EXPECT_EQ(one_field(R"({"required": false, "value": 0, "default_value": 9})")["f"],
            json::value(0));
}

// --- declared defaults (§14.3, set_defaults) -------------------------------------------

DefaultConfiguration declared() {
  return DefaultConfiguration{
      ConfigField{.key = "host", .label = "Host", .value = "localhost"},
      ConfigField{.key = "port", .label = "Port", .type = FieldType::kInt, .value = 9090},
      ConfigField{.key = "tables", .type = FieldType::kList, .value = "*"},
  };
}

TEST(Defaults, AbsentKeysReadTheDeclaredValue) {
  DataSourceConfiguration configuration(parse(R"({"host": {"value": "db"}})"));
  configuration.apply_defaults(declared());
  EXPECT_EQ(configuration["host"], json::value("db"));
  EXPECT_EQ(configuration["port"], json::value(9090));
  EXPECT_EQ(configuration["tables"], json::value("*"));  // declared value, not coerced
  EXPECT_EQ(configuration.get("port", 1), json::value(9090));
  EXPECT_EQ(configuration.get("nope", 1), json::value(1));
  EXPECT_EQ(configuration.get("nope"), json::value(nullptr));
  try {
    (void)configuration["nope"];
    FAIL();
  } catch (const ConfigurationError& error) {
    EXPECT_STREQ(error.what(), "Unknown configuration field 'nope'");
  }
}

TEST(Defaults, DeclaredTypeOverridesTheStoredType) {
  DataSourceConfiguration configuration(
      parse(R"({"port": {"type": "str", "value": "1234"}, "tables": {"value": "a,b"}})"));
  configuration.apply_defaults(declared());
  EXPECT_EQ(configuration["port"], json::value(1234));
  EXPECT_EQ(configuration.find("port")->type(), FieldType::kInt);
  EXPECT_EQ(configuration["tables"], parse(R"(["a","b"])"));
}

TEST(Defaults, RecoercionUsesTheResolvedValue) {
  DataSourceConfiguration configuration(
      parse(R"({"port": {"required": false, "value": "", "default_value": "77"}})"));
  configuration.apply_defaults(declared());
  // The empty optional value resolved to its default "77", which became the int value.
  EXPECT_EQ(configuration.find("port")->raw_value(), json::value(77));
  EXPECT_EQ(configuration["port"], json::value(77));
}

TEST(Defaults, RecoercionOfAnUnparsableValueIsAnError) {
  DataSourceConfiguration configuration(parse(R"({"port": {"value": "eighty"}})"));
  EXPECT_THROW(configuration.apply_defaults(declared()), ConfigurationError);
}

TEST(Defaults, ValuesListsStoredThenDeclaredKeys) {
  DataSourceConfiguration configuration(parse(R"({"extra": {"value": "x"}, "port": 1})"));
  configuration.apply_defaults(declared());
  EXPECT_EQ(json::value(configuration.values()),
            parse(R"({"extra": "x", "port": 1, "host": "localhost", "tables": "*"})"));
}

TEST(TypedReads, ReturnOrNameTheField) {
  DataSourceConfiguration configuration(parse(
      R"({"s": {"value": "a"}, "i": {"type": "int", "value": "3"}, "b": {"type": "bool",
          "value": "no"}, "l": {"type": "list", "value": "x, y"}, "f": {"type": "float",
          "value": "0.5"}, "n": {"value": [1]}})"));
  EXPECT_EQ(configuration.get_string("s"), "a");
  EXPECT_EQ(configuration.get_int("i"), 3);
  EXPECT_EQ(configuration.get_number("i"), 3.0);
  EXPECT_EQ(configuration.get_number("f"), 0.5);
  EXPECT_FALSE(configuration.get_bool("b"));
  EXPECT_EQ(configuration.get_list("l"), (std::vector<std::string>{"x", "y"}));
  try {
    configuration.get_int("s");
    FAIL();
  } catch (const ConfigurationError& error) {
    EXPECT_STREQ(error.what(), "Configuration field 's': expected an integer, got \"a\"");
  }
  EXPECT_THROW(configuration.get_string("i"), ConfigurationError);
  EXPECT_THROW(configuration.get_bool("s"), ConfigurationError);
  EXPECT_THROW(configuration.get_number("s"), ConfigurationError);
  EXPECT_THROW(configuration.get_list("s"), ConfigurationError);
  EXPECT_THROW(configuration.get_list("n"), ConfigurationError);
}

// --- validation (§14.6) -----------------------------------------------------------------

TEST(Validation, ValidConfigurationPasses) {
  auto configuration = one_field(
      R"({"label": "Port", "type": "int", "value": 5, "validations": [
          {"type": "less_than", "constraint": 10}, {"type": "greater_than", "constraint": 1},
          {"type": "included_in", "constraint": [5, 6]}, {"type": "unknown", "constraint": 0}]})");
  EXPECT_NO_THROW(configuration.check_valid());
}

TEST(Validation, RequiredEmptyFieldSkipsItsValidations) {
  auto configuration = one_field(
      R"({"label": "Host", "value": "", "validations": [{"type": "regex", "constraint": "x"}]})");
  EXPECT_EQ(validation_error(configuration), "Field validation errors: 'Host' cannot be empty.");
}

TEST(Validation, OptionalEmptyFieldValidatesItsDefault) {
  auto configuration = one_field(
      R"({"label": "Size", "required": false, "value": "", "default_value": 50,
          "validations": [{"type": "less_than", "constraint": 10}]})");
  EXPECT_EQ(validation_error(configuration),
            "Field validation errors: 'Size' value '50' should be less than 10.");
}

TEST(Validation, LessAndGreaterThan) {
  EXPECT_EQ(validation_error(one_field(
                R"({"label": "N", "value": 10, "validations": [
                    {"type": "less_than", "constraint": 10},
                    {"type": "greater_than", "constraint": 10.5}]})")),
            "Field validation errors: 'N' value '10' should be less than 10.; "
            "'N' value '10' should be greater than 10.5.");
  EXPECT_NO_THROW(one_field(R"({"value": "b", "validations": [
                      {"type": "less_than", "constraint": "c"}]})")
                      .check_valid());
}

TEST(Validation, IncomparableValuesAreAnErrorNotAMessage) {
  auto configuration = one_field(
      R"({"label": "N", "value": "abc", "validations": [{"type": "less_than", "constraint": 3}]})");
  try {
    configuration.check_valid();
    FAIL();
  } catch (const ConfigurableFieldValueError&) {
    FAIL() << "not a validation message";
  } catch (const ConfigurationError& error) {
    EXPECT_STREQ(error.what(), "'N' value 'abc' cannot be compared with 3.");
  }
}

TEST(Validation, ListType) {
  EXPECT_EQ(validation_error(one_field(
                R"({"label": "Ports", "value": [1, "2", true, 3.5], "validations": [
                    {"type": "list_type", "constraint": "int"}]})")),
            "Field validation errors: 'Ports' list value '2' should be of type int.; "
            "'Ports' list value '3.5' should be of type int.");
  EXPECT_EQ(validation_error(one_field(
                R"({"label": "Names", "value": ["a", 1, null], "validations": [
                    {"type": "list_type", "constraint": "str"}]})")),
            "Field validation errors: 'Names' list value '1' should be of type str.; "
            "'Names' list value 'None' should be of type str.");
  EXPECT_EQ(validation_error(one_field(
                R"({"label": "Names", "value": "a", "validations": [
                    {"type": "list_type", "constraint": "str"},
                    {"type": "regex", "constraint": "b"}]})")),
            "Field validation errors: Cannot list_type validate 'Names' because its value 'a' "
            "is not a list.; 'Names' value 'a' failed regex check b.");
  EXPECT_NO_THROW(one_field(R"({"value": [1, "x"], "validations": [
                      {"type": "list_type", "constraint": "float"}]})")
                      .check_valid());
}

TEST(Validation, IncludedIn) {
  EXPECT_EQ(validation_error(one_field(
                R"({"label": "Mode", "value": "z", "validations": [
                    {"type": "included_in", "constraint": ["a", "b"]}]})")),
            "Field validation errors: 'Mode' list value 'z' should be one of a, b.");
  EXPECT_EQ(validation_error(one_field(
                R"({"label": "Modes", "type": "list", "value": "a, x, y", "validations": [
                    {"type": "included_in", "constraint": ["a", 1, true]}]})")),
            "Field validation errors: 'Modes' list value 'x' should be one of a, 1, True.; "
            "'Modes' list value 'y' should be one of a, 1, True.");
  // Python's `in` on a string constraint is a substring test.
  EXPECT_NO_THROW(one_field(R"({"value": "bc", "validations": [
                      {"type": "included_in", "constraint": "abcd"}]})")
                      .check_valid());
  EXPECT_EQ(validation_error(one_field(
                R"({"label": "M", "value": 1, "validations": [
                    {"type": "included_in", "constraint": "ab"}]})")),
            "Field validation errors: 'M' list value '1' should be one of a, b.");
  EXPECT_EQ(validation_error(one_field(
                R"({"label": "M", "value": 1, "validations": [
                    {"type": "included_in", "constraint": 7}]})")),
            "Field validation errors: 'M' list value '1' should be one of 7.");
}

TEST(Validation, Regex) {
  EXPECT_NO_THROW(one_field(R"({"value": "abc123", "validations": [
                      {"type": "regex", "constraint": "[a-z]+\\d+"}]})")
                      .check_valid());
  // Whole-string match.
  EXPECT_EQ(validation_error(one_field(
                R"({"label": "Id", "value": "abc123x", "validations": [
                    {"type": "regex", "constraint": "[a-z]+\\d+"}]})")),
            "Field validation errors: 'Id' value 'abc123x' failed regex check [a-z]+\\d+.");
  EXPECT_EQ(validation_error(one_field(
                R"({"label": "Id", "value": 5, "validations": [
                    {"type": "regex", "constraint": "x"}]})")),
            "Field validation errors: Cannot regex validate 'Id' because '5' is not a string.");
  EXPECT_THROW(one_field(R"({"value": "a", "validations": [{"type": "regex", "constraint": "("}]})")
                   .check_valid(),
               ConfigurationError);
  EXPECT_THROW(one_field(R"({"value": "a", "validations": [{"type": "regex", "constraint": 1}]})")
                   .check_valid(),
               ConfigurationError);
}

TEST(Validation, MessagesFollowStoredOrder) {
  DataSourceConfiguration configuration(
      parse(R"({"b": {"label": "B", "value": ""}, "a": {"label": "A", "value": ""}})"));
  EXPECT_EQ(validation_error(configuration),
            "Field validation errors: 'B' cannot be empty.; 'A' cannot be empty.");
}

// --- depends_on (§14.7) -----------------------------------------------------------------

TEST(DependsOn, UnmetDependencySkipsTheField) {
  DataSourceConfiguration configuration(parse(
      R"({"ssl": {"type": "bool", "value": false},
          "ca": {"label": "CA", "value": "", "depends_on": [{"field": "ssl", "value": true}]}})"));
  EXPECT_NO_THROW(configuration.check_valid());
}

TEST(DependsOn, MetDependencyValidatesTheField) {
  DataSourceConfiguration configuration(parse(
      R"({"ssl": {"type": "bool", "value": "true"},
          "ca": {"label": "CA", "value": "", "depends_on": [{"field": "ssl", "value": true}]}})"));
  EXPECT_EQ(validation_error(configuration), "Field validation errors: 'CA' cannot be empty.");
}

TEST(DependsOn, NoCoercionBetweenStringsAndBooleans) {
  DataSourceConfiguration configuration(parse(
      R"({"ssl": {"value": "true"},
          "ca": {"label": "CA", "value": "", "depends_on": [{"field": "ssl", "value": true}]}})"));
  EXPECT_NO_THROW(configuration.check_valid());  // "true" != true: skipped
}

TEST(DependsOn, AllDependenciesMustHold) {
  DataSourceConfiguration configuration(parse(
      R"({"a": {"value": "x"}, "b": {"value": "y"},
          "c": {"label": "C", "value": "", "depends_on": [{"field": "a", "value": "x"},
                                                          {"field": "b", "value": "z"}]}})"));
  EXPECT_NO_THROW(configuration.check_valid());
}

TEST(DependsOn, UsesTheResolvedValue) {
  DataSourceConfiguration configuration(parse(
      R"({"mode": {"required": false, "value": "", "default_value": "on"},
          "c": {"label": "C", "value": "", "depends_on": [{"field": "mode", "value": "on"}]}})"));
  EXPECT_EQ(validation_error(configuration), "Field validation errors: 'C' cannot be empty.");
}

TEST(DependsOn, MissingReferencedFieldIsAnError) {
  DataSourceConfiguration configuration(parse(
      R"({"c": {"label": "C", "value": "", "depends_on": [{"field": "ssl", "value": true}]}})"));
  try {
    configuration.check_valid();
    FAIL();
  } catch (const ConfigurableFieldDependencyError& error) {
    EXPECT_STREQ(error.what(), "'C' depends on configuration 'ssl', but it does not exist.");
  }
}

// --- required keys (§14.8) --------------------------------------------------------------

TEST(RequiredKeys, MissingDeclaredKeysAreListed) {
  DataSourceConfiguration configuration(parse(R"({"port": 1, "unrelated": 2})"));
  try {
    configuration.check_fields_present(declared());
    FAIL();
  } catch (const MalformedConfigurationError& error) {
    EXPECT_STREQ(error.what(), "Connector has missing configuration fields: host, tables");
  }
  DataSourceConfiguration complete(parse(R"({"port": 1, "host": 2, "tables": 3, "x": 4})"));
  EXPECT_NO_THROW(complete.check_fields_present(declared()));
}

// --- schema written for a source (§14.2) ------------------------------------------------

TEST(Schema, SpecExample) {
  DefaultConfiguration defaults{ConfigField{.key = "port",
                                            .label = "Port",
                                            .type = FieldType::kInt,
                                            .value = 3306,
                                            .display = "numeric"}};
  EXPECT_EQ(json::serialize(defaults.to_json()),
            R"({"port":{"default_value":null,"depends_on":[],"display":"numeric","label":"Port",)"
            R"("options":[],"order":1,"required":true,"sensitive":false,"tooltip":null,)"
            R"("type":"int","ui_restrictions":[],"validations":[],"value":3306}})");
}

TEST(Schema, LabelRules) {
  DefaultConfiguration defaults{ConfigField{.key = "api_key", .label = ""},
                                ConfigField{.key = "no_label"}};
  const auto schema = defaults.to_json();
  EXPECT_EQ(schema.at("api_key").at("label"), json::value("API_KEY"));
  EXPECT_EQ(schema.at("no_label").at("label"), json::value(""));
  EXPECT_EQ(schema.at("no_label").at("value"), json::value(""));
}

TEST(Schema, AllPropertiesAndExtrasInOrder) {
  ConfigField field{.key = "mode",
                    .label = "Mode",
                    .order = 4,
                    .type = FieldType::kList,
                    .value = json::array{"a"},
                    .display = "dropdown",
                    .options = {{"A", "a"}, {"B", "b"}},
                    .required = false,
                    .sensitive = true,
                    .depends_on = {{"ssl", true}},
                    .validations = {{"included_in", json::array{"a", "b"}}},
                    .tooltip = "Pick one",
                    .default_value = "a",
                    .ui_restrictions = {"advanced"},
                    .extra = {{"z_custom", 1}}};
  EXPECT_EQ(json::serialize(field.to_json()),
            R"({"default_value":"a","depends_on":[{"field":"ssl","value":true}],)"
            R"("display":"dropdown","label":"Mode","options":[{"label":"A","value":"a"},)"
            R"({"label":"B","value":"b"}],"order":4,"required":false,"sensitive":true,)"
            R"("tooltip":"Pick one","type":"list","ui_restrictions":["advanced"],)"
            R"("validations":[{"type":"included_in","constraint":["a","b"]}],"value":["a"],)"
            R"("z_custom":1})");
}

TEST(Schema, DeclarationFromJsonRoundTrips) {
  const json::value declared = parse(
      R"({"mode": {"label": "Mode", "order": 4, "type": "list", "value": ["a"],
          "display": "dropdown", "options": [{"label": "A", "value": "a"}], "required": false,
          "sensitive": true, "depends_on": [{"field": "ssl", "value": true}],
          "validations": [{"type": "included_in", "constraint": ["a"]}], "tooltip": null,
          "default_value": "a", "ui_restrictions": ["advanced"], "custom": {"x": 1}},
          "bare": {}})");
  auto defaults = DefaultConfiguration::from_json(declared);
  ASSERT_EQ(defaults.fields().size(), 2u);
  const ConfigField* mode = defaults.find("mode");
  ASSERT_NE(mode, nullptr);
  EXPECT_EQ(mode->type, FieldType::kList);
  EXPECT_EQ(mode->order, 4);
  EXPECT_FALSE(mode->tooltip.has_value());
  EXPECT_EQ(mode->extra.at("custom"), parse(R"({"x": 1})"));
  EXPECT_EQ(defaults.find("bare")->label, std::nullopt);
  EXPECT_EQ(defaults.find("none"), nullptr);
  auto schema = defaults.to_json();
  EXPECT_EQ(schema.at("mode").at("options"), parse(R"([{"label": "A", "value": "a"}])"));
  EXPECT_EQ(schema.at("mode").at("custom"), parse(R"({"x": 1})"));
}

TEST(Schema, MalformedDeclarationsNameTheProperty) {
  auto message = [](std::string_view text) -> std::string {
    try {
      DefaultConfiguration::from_json(parse(text));
    } catch (const ConfigurationError& error) {
      return error.what();
    }
    return "";
  };
  EXPECT_EQ(message(R"({"port": {"type": "integer"}})"),
            "Configuration field 'port.type': expected one of str, int, float, bool, list, got "
            "\"integer\"");
  EXPECT_EQ(message(R"({"port": {"order": "1"}})"),
            "Configuration field 'port.order': expected an integer, got \"1\"");
  EXPECT_EQ(message(R"({"port": {"required": 1}})"),
            "Configuration field 'port.required': expected a boolean, got 1");
  EXPECT_EQ(message(R"({"port": 5})"),
            "Configuration field 'port': expected an object of properties, got 5");
  EXPECT_EQ(message("[]"), "Default configuration: expected an object, got []");
  EXPECT_NE(message(R"({"p": {"options": [1]}})"), "");
  EXPECT_NE(message(R"({"p": {"ui_restrictions": [1]}})"), "");
  EXPECT_NE(message(R"({"p": {"depends_on": {}}})"), "");
  EXPECT_NE(message(R"({"p": {"label": 3}})"), "");
}

// --- Python rendering --------------------------------------------------------------------

TEST(PythonValue, ReprMatchesPython) {
  EXPECT_EQ(python_repr(parse(R"([null, true, false, 1, -2, 1.5, "it's", "a\"b", {"k": "v"}])")),
            R"([None, True, False, 1, -2, 1.5, "it's", 'a"b', {'k': 'v'}])");
  EXPECT_EQ(python_str(parse("1.0")), "1.0");
  EXPECT_EQ(python_str(parse("1e16")), "1e+16");
  EXPECT_EQ(python_str(parse("123456789012345.6")), "123456789012345.6");
  EXPECT_EQ(python_str(parse("0.0001")), "0.0001");
  EXPECT_EQ(python_str(parse("0.00001")), "1e-05");
  EXPECT_EQ(python_str(parse("-2.5e-07")), "-2.5e-07");
  EXPECT_EQ(python_str(parse("1.5e300")), "1.5e+300");
  EXPECT_EQ(python_str(parse("18446744073709551615")), "18446744073709551615");
  EXPECT_EQ(python_repr(json::value("a\\b\n\t\r")), R"('a\\b\n\t\r')");
}

TEST(PythonValue, EqualityAndOrder) {
  EXPECT_TRUE(python_equal(1, 1.0));
  EXPECT_TRUE(python_equal(true, 1));
  EXPECT_FALSE(python_equal(true, "true"));
  EXPECT_TRUE(python_equal(parse(R"({"a": [1], "b": 2})"), parse(R"({"b": 2, "a": [1.0]})")));
  EXPECT_FALSE(python_equal(parse(R"({"a": 1})"), parse(R"({"b": 1})")));
  EXPECT_FALSE(python_equal(parse("[1]"), parse("[1, 2]")));
  EXPECT_EQ(python_less(parse("[1, 2]"), parse("[1, 3]")), true);
  EXPECT_EQ(python_less(parse("[1]"), parse("[1, 0]")), true);
  EXPECT_EQ(python_less(nullptr, 1), std::nullopt);
  EXPECT_EQ(python_less(static_cast<std::uint64_t>(UINT64_MAX), 1.0), false);
  EXPECT_FALSE(python_truthy(parse("{}")));
  EXPECT_TRUE(python_truthy(parse("[0]")));
  EXPECT_FALSE(python_truthy(0.0));
}

}  // namespace
}  // namespace ei::source
