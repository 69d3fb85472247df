#include "filtering/python_text.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cmath>

#include "filtering/python_regex.hpp"
#include "filtering/value_coercion.hpp"

namespace ei::filtering {
namespace {

namespace json = boost::json;
using namespace std::chrono;

TEST(PythonText, FloatRepr) {
  EXPECT_EQ(python_float_repr(1.0), "1.0");
  EXPECT_EQ(python_float_repr(-2.5), "-2.5");
  EXPECT_EQ(python_float_repr(0.1), "0.1");
  EXPECT_EQ(python_float_repr(100.0), "100.0");
  EXPECT_EQ(python_float_repr(1e15), "1000000000000000.0");
  EXPECT_EQ(python_float_repr(1e16), "1e+16");
  EXPECT_EQ(python_float_repr(1.5e300), "1.5e+300");
  EXPECT_EQ(python_float_repr(0.0001), "0.0001");
  EXPECT_EQ(python_float_repr(0.00001), "1e-05");
  EXPECT_EQ(python_float_repr(1.2345678901234568e17), "1.2345678901234568e+17");
  EXPECT_EQ(python_float_repr(0.0), "0.0");
  EXPECT_EQ(python_float_repr(-0.0), "-0.0");
  EXPECT_EQ(python_float_repr(HUGE_VAL), "inf");
  EXPECT_EQ(python_float_repr(-HUGE_VAL), "-inf");
  EXPECT_EQ(python_float_repr(std::nan("")), "nan");
}

TEST(PythonText, StrAndRepr) {
  EXPECT_EQ(python_str("plain"), "plain");
  EXPECT_EQ(python_str(true), "True");
  EXPECT_EQ(python_str(false), "False");
  EXPECT_EQ(python_str(nullptr), "None");
  EXPECT_EQ(python_str(-42), "-42");
  EXPECT_EQ(python_str(json::value(18446744073709551615ull)), "18446744073709551615");
  EXPECT_EQ(python_str(json::parse(R"(["a", 1, 2.0, null, true, [], {}])")),
            "['a', 1, 2.0, None, True, [], {}]");
  EXPECT_EQ(python_str(json::parse(R"({"k": "v", "n": {"x": [1]}})")),
            "{'k': 'v', 'n': {'x': [1]}}");
  EXPECT_EQ(python_string_repr("it's"), "\"it's\"");
  EXPECT_EQ(python_string_repr("say \"hi\""), "'say \"hi\"'");
  EXPECT_EQ(python_string_repr("both ' and \""), "'both \\' and \"'");
  EXPECT_EQ(python_string_repr("tab\tnew\nline\r\\"), "'tab\\tnew\\nline\\r\\\\'");
  EXPECT_EQ(python_string_repr(std::string_view("\x01\x7f", 2)), "'\\x01\\x7f'");
  EXPECT_EQ(python_string_repr("caf\u00e9 \u00a0"), "'caf\u00e9 \\xa0'");
  EXPECT_EQ(python_string_repr("\u200b"), "'\\u200b'");
}

TEST(PythonText, ParseFloat) {
  EXPECT_EQ(parse_python_float("5"), 5.0);
  EXPECT_EQ(parse_python_float(" -5.5 "), -5.5);
  EXPECT_EQ(parse_python_float("+.5"), 0.5);
  EXPECT_EQ(parse_python_float("5."), 5.0);
  EXPECT_EQ(parse_python_float("1_000.000_1"), 1000.0001);
  EXPECT_EQ(parse_python_float("1E3"), 1000.0);
  EXPECT_EQ(parse_python_float("1e500"), HUGE_VAL);
  EXPECT_EQ(parse_python_float("1e-500"), 0.0);
  EXPECT_EQ(parse_python_float("-Infinity"), -HUGE_VAL);
  EXPECT_TRUE(std::isnan(*parse_python_float("NaN")));
  EXPECT_FALSE(parse_python_float(""));
  EXPECT_FALSE(parse_python_float("."));
  EXPECT_FALSE(parse_python_float("_1"));
  EXPECT_FALSE(parse_python_float("1_"));
  EXPECT_FALSE(parse_python_float("1__0"));
  EXPECT_FALSE(parse_python_float("0x10"));
  EXPECT_FALSE(parse_python_float("1e"));
  EXPECT_FALSE(parse_python_float("1.2.3"));
  EXPECT_FALSE(parse_python_float("abc"));
}

TEST(PythonText, Casefold) {
  EXPECT_EQ(casefold("EQUALS"), "equals");
  EXPECT_EQ(casefold("Ends_With"), "ends_with");
  EXPECT_EQ(casefold("\u017Ftarts_with"), "starts_with");  // long s folds to s
}

TEST(PythonRegex, Translation) {
  EXPECT_EQ(PythonRegex::translate("a\\Z"), "a\\z");
  EXPECT_EQ(PythonRegex::translate("a{,3}"), "a{0,3}");
  EXPECT_EQ(PythonRegex::translate("a{,}"), "a{0,}");
  EXPECT_EQ(PythonRegex::translate("a{2,3}"), "a{2,3}");
  EXPECT_EQ(PythonRegex::translate("[{,3}]"), "[{,3}]");  // inside a class: literal
  EXPECT_EQ(PythonRegex::translate("[]{,3}]"), "[]{,3}]");
  EXPECT_EQ(PythonRegex::translate("\\{,3}"), "\\{,3}");  // escaped brace: literal
  EXPECT_EQ(PythonRegex::translate("\\\\Z"), "\\\\Z");    // a backslash, then Z
}

TEST(ValueCoercion, ToBool) {
  for (const char* text : {"", "false", "F", "no", "N", "off", "OFF", "false\n"}) {
    EXPECT_EQ(to_bool(text), false) << text;
  }
  for (const char* text : {"true", "T", "Yes", "y", "on", "ON"}) {
    EXPECT_EQ(to_bool(text), true) << text;
  }
  for (const char* text : {"value", "1", "0", "nope", " true"}) {
    EXPECT_FALSE(to_bool(text).has_value()) << text;
  }
}

core::TimePoint utc(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss};
}

TEST(ValueCoercion, FlexibleDateTime) {
  EXPECT_EQ(parse_flexible_datetime("2022-03-10"), utc(2022, 3, 10));
  EXPECT_EQ(parse_flexible_datetime("2022-03-10T10:11:12+01:00"), utc(2022, 3, 10, 9, 11, 12));
  EXPECT_EQ(parse_flexible_datetime("03-10-2022"), utc(2022, 3, 10));  // month first
  EXPECT_EQ(parse_flexible_datetime("03/10/2022 10:30"), utc(2022, 3, 10, 10, 30));
  EXPECT_EQ(parse_flexible_datetime("31.12.2022"), utc(2022, 12, 31));  // 31: day first
  EXPECT_EQ(parse_flexible_datetime("2022/1/5"), utc(2022, 1, 5));
  EXPECT_EQ(parse_flexible_datetime("03-10-22"), utc(2022, 3, 10));
  EXPECT_FALSE(parse_flexible_datetime("02-30-2022"));
  EXPECT_FALSE(parse_flexible_datetime("13-13-2022"));
  EXPECT_FALSE(parse_flexible_datetime("value"));
  EXPECT_FALSE(parse_flexible_datetime(""));
}

TEST(ValueCoercion, TryCoerceSpecExamples) {
  EXPECT_EQ(try_coerce("0.001"), CoercedValue(0.001));
  EXPECT_EQ(try_coerce("03-10-2022"), CoercedValue(utc(2022, 3, 10)));
  EXPECT_EQ(try_coerce("on"), CoercedValue(true));
  EXPECT_EQ(try_coerce(""), CoercedValue(false));
  EXPECT_EQ(try_coerce("value"), CoercedValue(std::string("value")));
  EXPECT_EQ(try_coerce("2022"), CoercedValue(2022.0));  // float first
}

}  // namespace
}  // namespace ei::filtering
