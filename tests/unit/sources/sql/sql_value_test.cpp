#include "sources/sql/sql_value.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace ei::sources::sql {
namespace {

namespace json = boost::json;

TEST(SqlValue, JsonFormFollowsTheReferenceSerialization) {
  EXPECT_TRUE(to_json(SqlValue{}).is_null());
  EXPECT_EQ(to_json(SqlValue{true}), json::value(true));
  EXPECT_EQ(to_json(SqlValue{std::int64_t{-7}}), json::value(-7));
  EXPECT_EQ(to_json(SqlValue{std::uint64_t{18446744073709551615ULL}}),
            json::value(18446744073709551615ULL));
  EXPECT_EQ(to_json(SqlValue{2.5}), json::value(2.5));
  EXPECT_EQ(to_json(SqlValue{SqlDecimal{"12.50"}}), json::value(12.5));
  EXPECT_EQ(to_json(SqlValue{SqlDecimal{"NaN"}}), json::value("NaN"));
  EXPECT_EQ(to_json(SqlValue{std::numeric_limits<double>::infinity()}), json::value("inf"));
  EXPECT_EQ(to_json(SqlValue{std::string("text")}), json::value("text"));
  EXPECT_EQ(to_json(SqlValue{SqlBytes{std::string("ab\xff"
                                                  "c")}}),
            json::value("abc"));
  EXPECT_EQ(to_json(SqlValue{SqlDate{2024, 2, 29}}), json::value("2024-02-29"));
  EXPECT_EQ(to_json(SqlValue{SqlDateTime{{2024, 1, 2}, 3, 4, 5, 0, std::nullopt}}),
            json::value("2024-01-02T03:04:05"));
  EXPECT_EQ(to_json(SqlValue{SqlDateTime{{2024, 1, 2}, 3, 4, 5, 500000, 0}}),
            json::value("2024-01-02T03:04:05.500000+00:00"));
  EXPECT_EQ(to_json(SqlValue{SqlDateTime{{2024, 1, 2}, 3, 4, 5, 0, -330}}),
            json::value("2024-01-02T03:04:05-05:30"));
  EXPECT_EQ(to_json(SqlValue{SqlTime{"10:11:12"}}), json::value("10:11:12"));
}

TEST(SqlValue, PythonStrAsUsedInIds) {
  EXPECT_EQ(python_str(SqlValue{}), "None");
  EXPECT_EQ(python_str(SqlValue{true}), "True");
  EXPECT_EQ(python_str(SqlValue{false}), "False");
  EXPECT_EQ(python_str(SqlValue{std::int64_t{42}}), "42");
  EXPECT_EQ(python_str(SqlValue{std::uint64_t{42}}), "42");
  EXPECT_EQ(python_str(SqlValue{3.0}), "3.0");
  EXPECT_EQ(python_str(SqlValue{0.1}), "0.1");
  EXPECT_EQ(python_str(SqlValue{std::nan("")}), "nan");
  EXPECT_EQ(python_str(SqlValue{-std::numeric_limits<double>::infinity()}), "-inf");
  EXPECT_EQ(python_str(SqlValue{SqlDecimal{"1.50"}}), "1.50");
  EXPECT_EQ(python_str(SqlValue{std::string("x y")}), "x y");
  EXPECT_EQ(python_str(SqlValue{SqlBytes{"raw"}}), "raw");
  EXPECT_EQ(python_str(SqlValue{SqlDate{2023, 2, 21}}), "2023-02-21");
  EXPECT_EQ(python_str(SqlValue{SqlDateTime{{2023, 2, 21}, 8, 37, 15, 0, std::nullopt}}),
            "2023-02-21 08:37:15");
  EXPECT_EQ(python_str(SqlValue{SqlTime{"01:02:03"}}), "01:02:03");
}

TEST(SqlValue, PythonTruthiness) {
  EXPECT_FALSE(python_truthy(SqlValue{}));
  EXPECT_FALSE(python_truthy(SqlValue{false}));
  EXPECT_FALSE(python_truthy(SqlValue{std::int64_t{0}}));
  EXPECT_FALSE(python_truthy(SqlValue{std::uint64_t{0}}));
  EXPECT_FALSE(python_truthy(SqlValue{0.0}));
  EXPECT_FALSE(python_truthy(SqlValue{SqlDecimal{"-0.00"}}));
  EXPECT_FALSE(python_truthy(SqlValue{std::string()}));
  EXPECT_FALSE(python_truthy(SqlValue{SqlBytes{}}));
  EXPECT_TRUE(python_truthy(SqlValue{true}));
  EXPECT_TRUE(python_truthy(SqlValue{std::int64_t{-1}}));
  EXPECT_TRUE(python_truthy(SqlValue{std::uint64_t{1}}));
  EXPECT_TRUE(python_truthy(SqlValue{0.5}));
  EXPECT_TRUE(python_truthy(SqlValue{SqlDecimal{"0.01"}}));
  EXPECT_TRUE(python_truthy(SqlValue{std::string("0")}));
  EXPECT_TRUE(python_truthy(SqlValue{SqlBytes{"b"}}));
  EXPECT_TRUE(python_truthy(SqlValue{SqlDate{}}));
  EXPECT_TRUE(python_truthy(SqlValue{SqlDateTime{}}));
  EXPECT_TRUE(python_truthy(SqlValue{SqlTime{"00:00:00"}}));
}

}  // namespace
}  // namespace ei::sources::sql
