#include "core/yaml_json.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/config_error.hpp"

namespace ei::core {
namespace {

namespace json = boost::json;

TEST(ResolvePlainScalar, NullsAndBooleansLikePyYaml) {
  for (const char* text : {"", "~", "null", "Null", "NULL"}) {
    EXPECT_TRUE(resolve_plain_scalar(text).is_null()) << text;
  }
  for (const char* text : {"true", "True", "TRUE", "yes", "Yes", "on", "ON"}) {
    EXPECT_EQ(resolve_plain_scalar(text), json::value(true)) << text;
  }
  for (const char* text : {"false", "FALSE", "no", "No", "off", "Off"}) {
    EXPECT_EQ(resolve_plain_scalar(text), json::value(false)) << text;
  }
  EXPECT_EQ(resolve_plain_scalar("tRUE"), json::value("tRUE"));
  EXPECT_EQ(resolve_plain_scalar("nul"), json::value("nul"));
}

TEST(ResolvePlainScalar, Integers) {
  EXPECT_EQ(resolve_plain_scalar("0"), json::value(0));
  EXPECT_EQ(resolve_plain_scalar("120"), json::value(120));
  EXPECT_EQ(resolve_plain_scalar("-7"), json::value(-7));
  EXPECT_EQ(resolve_plain_scalar("+7"), json::value(7));
  EXPECT_EQ(resolve_plain_scalar("1_000"), json::value(1000));
  EXPECT_EQ(resolve_plain_scalar("0x1F"), json::value(31));
  EXPECT_EQ(resolve_plain_scalar("0b101"), json::value(5));
  EXPECT_EQ(resolve_plain_scalar("017"), json::value(15));  // YAML 1.1 octal
  EXPECT_EQ(resolve_plain_scalar("-9223372036854775808"),
            json::value(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(resolve_plain_scalar("18446744073709551615"),
            json::value(std::numeric_limits<std::uint64_t>::max()));
  EXPECT_TRUE(resolve_plain_scalar("99999999999999999999999").is_double());
}

TEST(ResolvePlainScalar, FloatsNeedADot) {
  EXPECT_EQ(resolve_plain_scalar("1.5"), json::value(1.5));
  EXPECT_EQ(resolve_plain_scalar("-0.25"), json::value(-0.25));
  EXPECT_EQ(resolve_plain_scalar("1."), json::value(1.0));
  EXPECT_EQ(resolve_plain_scalar(".5"), json::value(0.5));
  EXPECT_EQ(resolve_plain_scalar("1.0e+3"), json::value(1000.0));
  EXPECT_EQ(resolve_plain_scalar("1e3"), json::value("1e3"));  // PyYAML: a string
  EXPECT_TRUE(std::isinf(resolve_plain_scalar(".inf").as_double()));
  EXPECT_LT(resolve_plain_scalar("-.Inf").as_double(), 0);
  EXPECT_TRUE(std::isnan(resolve_plain_scalar(".nan").as_double()));
}

TEST(ResolvePlainScalar, EverythingElseIsText) {
  EXPECT_EQ(resolve_plain_scalar("abc"), json::value("abc"));
  EXPECT_EQ(resolve_plain_scalar("12abc"), json::value("12abc"));
  EXPECT_EQ(resolve_plain_scalar("http://localhost:9200"), json::value("http://localhost:9200"));
  EXPECT_EQ(resolve_plain_scalar("08"), json::value("08"));  // not octal, not decimal
}

TEST(ParseYaml, QuotedScalarsStayStrings) {
  const json::value tree =
      parse_yaml("a: '120'\nb: \"true\"\nc: 120\nd: true\ne: ''\nf: |\n  x\n", "t.yml");
  EXPECT_EQ(tree, json::parse(R"({"a":"120","b":"true","c":120,"d":true,"e":"","f":"x\n"})"));
}

TEST(ParseYaml, NestedStructuresAndOrder) {
  const json::value tree = parse_yaml("z: 1\na:\n  - x\n  - {k: v}\nm:\n", "t.yml");
  ASSERT_TRUE(tree.is_object());
  const auto& object = tree.as_object();
  EXPECT_EQ(object.begin()->key(), "z");  // file order kept
  EXPECT_EQ(object.at("a"), json::parse(R"(["x", {"k": "v"}])"));
  EXPECT_TRUE(object.at("m").is_null());
}

TEST(ParseYaml, AnchorsAndAliasesResolve) {
  const json::value tree = parse_yaml("base: &b {x: 1}\ncopy: *b\n", "t.yml");
  EXPECT_EQ(tree.at("copy"), json::parse(R"({"x": 1})"));
}

TEST(ParseYaml, ExplicitStandardTags) {
  const json::value tree = parse_yaml("a: !!str 12\nb: !!int '12'\n", "t.yml");
  EXPECT_EQ(tree.at("a"), json::value("12"));
  EXPECT_EQ(tree.at("b"), json::value(12));
}

TEST(ParseYaml, EmptyDocumentIsNull) {
  EXPECT_TRUE(parse_yaml("", "t.yml").is_null());
  EXPECT_TRUE(parse_yaml("# only a comment\n", "t.yml").is_null());
}

TEST(ParseYaml, SyntaxErrorNamesFileAndOriginalLine) {
  try {
    (void)parse_yaml("a: 1\nb: [1, 2\n", "config.yml", {1, 5});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.rfind("config.yml: invalid YAML at line ", 0), 0u) << message;
    EXPECT_EQ(error.file(), "config.yml");
  }
  try {
    (void)parse_yaml("a: b: c\n", "config.yml", {3});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("line 3"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace ei::core
