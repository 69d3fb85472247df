#include "core/json.hpp"

#include <gtest/gtest.h>

namespace ei::core {
namespace {

json::value doc() {
  return json::parse(R"({"a": {"b": {"c": 1, "n": null, "s": "text", "f": 1.5, "t": true,
                                      "list": [1, 2]}}, "top": "x"})");
}

TEST(FindPath, WalksNestedObjects) {
  const json::value root = doc();
  const json::value* found = find_path(root, {"a", "b", "c"});
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(*found, json::value(1));
  EXPECT_EQ(find_path(root, {}), &root);
}

TEST(FindPath, MissingWhenAStepIsNotAnObjectOrTheValueIsNull) {
  const json::value root = doc();
  EXPECT_EQ(find_path(root, {"a", "missing"}), nullptr);
  EXPECT_EQ(find_path(root, {"a", "b", "n"}), nullptr);          // JSON null counts as missing
  EXPECT_EQ(find_path(root, {"top", "deeper"}), nullptr);        // "x" is not an object
  EXPECT_EQ(find_path(root, {"a", "b", "list", "0"}), nullptr);  // arrays are not walked
}

TEST(GetOr, FallsBackLikeTheReference) {
  const json::value root = doc();
  EXPECT_EQ(get_or(root, {"a", "b", "s"}, "d"), json::value("text"));
  EXPECT_EQ(get_or(root, {"a", "b", "n"}, "d"), json::value("d"));
  EXPECT_EQ(get_or(root, {"nope"}, 7), json::value(7));
  EXPECT_TRUE(get_or(root, {"nope"}).is_null());
}

TEST(TypedGetters, ReturnValuesOrNothing) {
  const json::value root = doc();
  EXPECT_EQ(get_string(root, {"a", "b", "s"}), "text");
  EXPECT_EQ(get_int(root, {"a", "b", "c"}), 1);
  EXPECT_EQ(get_number(root, {"a", "b", "f"}), 1.5);
  EXPECT_EQ(get_number(root, {"a", "b", "c"}), 1.0);
  EXPECT_EQ(get_bool(root, {"a", "b", "t"}), true);
  EXPECT_EQ(get_string(root, {"a", "b", "n"}), std::nullopt);
  EXPECT_EQ(get_int(root, {"missing"}), std::nullopt);
  ASSERT_NE(get_array(root, {"a", "b", "list"}), nullptr);
  EXPECT_EQ(get_array(root, {"a", "b", "list"})->size(), 2u);
  ASSERT_NE(get_object(root, {"a"}), nullptr);
  EXPECT_EQ(get_object(root, {"zzz"}), nullptr);
}

TEST(TypedGetters, WrongTypeNamesThePath) {
  const json::value root = doc();
  try {
    (void)get_int(root, {"a", "b", "s"}, "connector.configuration");
    FAIL() << "expected JsonTypeError";
  } catch (const JsonTypeError& error) {
    EXPECT_EQ(error.path(), "connector.configuration.a.b.s");
    EXPECT_STREQ(error.what(), R"(connector.configuration.a.b.s: expected an integer, got "text")");
  }
  EXPECT_THROW((void)get_string(root, {"a", "b", "c"}), JsonTypeError);
  EXPECT_THROW((void)get_bool(root, {"top"}), JsonTypeError);
  EXPECT_THROW((void)get_object(root, {"top"}), JsonTypeError);
  EXPECT_THROW((void)get_array(root, {"a"}), JsonTypeError);
  EXPECT_THROW((void)get_int(root, {"a", "b", "f"}), JsonTypeError);  // 1.5 is not integral
  EXPECT_THROW((void)get_number(root, {"a", "b", "t"}), JsonTypeError);
}

TEST(AsInt, AcceptsIntegralDoublesAndUnsigned) {
  EXPECT_EQ(as_int(json::value(3.0), "x"), 3);
  EXPECT_EQ(as_int(json::value(std::uint64_t{42}), "x"), 42);
  EXPECT_THROW(as_int(json::value(std::uint64_t{1} << 63), "x"), JsonTypeError);
  EXPECT_THROW(as_int(json::value(1e30), "x"), JsonTypeError);
}

TEST(JsonTypeErrorMessage, IsAnErrorAndDescribesLongValuesBriefly) {
  const json::value long_text(std::string(200, 'x'));
  try {
    (void)as_number(long_text, "k");
    FAIL();
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_LT(message.size(), 120u);
    EXPECT_NE(message.find("..."), std::string::npos);
  }
}

TEST(DeepMerge, MergesObjectsRecursivelyAndRightWins) {
  json::object left =
      json::parse(R"({"a": {"x": 1, "y": {"p": 1}}, "b": [1], "c": 1})").as_object();
  const json::object right =
      json::parse(R"({"a": {"y": {"q": 2}, "z": 3}, "b": [2, 3], "c": {"o": 1}, "d": null})")
          .as_object();
  deep_merge(left, right);
  EXPECT_EQ(json::value(left), json::parse(R"({"a": {"x": 1, "y": {"p": 1, "q": 2}, "z": 3},
                                               "b": [2, 3], "c": {"o": 1}, "d": null})"));
}

TEST(DeepMerge, ObjectReplacesScalarAndScalarReplacesObject) {
  json::object left = json::parse(R"({"a": 1, "b": {"x": 1}})").as_object();
  deep_merge(left, json::parse(R"({"a": {"k": 1}, "b": "s"})").as_object());
  EXPECT_EQ(json::value(left), json::parse(R"({"a": {"k": 1}, "b": "s"})"));
}

TEST(JoinPath, EmptyPrefix) {
  EXPECT_EQ(join_path("", "a"), "a");
  EXPECT_EQ(join_path("a.b", "c"), "a.b.c");
}

}  // namespace
}  // namespace ei::core
