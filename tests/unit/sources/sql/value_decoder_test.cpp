#include <gtest/gtest.h>

#include <cstring>

#include "sources/mysql/mysql_value.hpp"
#include "sources/postgresql/pg_value.hpp"

namespace ei::sources {
namespace {

namespace json = boost::json;
using sql::to_json;

json::value pg(Oid type, std::string_view text) {
  return to_json(postgresql::decode_pg_value(type, text));
}

TEST(PgValue, DecodesTextFormatByTypeOid) {
  EXPECT_EQ(pg(16, "t"), json::value(true));
  EXPECT_EQ(pg(16, "f"), json::value(false));
  EXPECT_EQ(pg(20, "-9223372036854775808"), json::value(INT64_MIN));
  EXPECT_EQ(pg(26, "4294967295"), json::value(4294967295LL));
  EXPECT_EQ(pg(23, "x"), json::value("x"));
  EXPECT_EQ(pg(701, "1.5"), json::value(1.5));
  EXPECT_EQ(pg(701, "Infinity"), json::value("inf"));  // no JSON number: Python's repr
  EXPECT_EQ(pg(1700, "10.25"), json::value(10.25));
  EXPECT_EQ(pg(17, "\\x616263"), json::value("abc"));
  EXPECT_EQ(pg(17, "\\x6g"), json::value("\\x6g"));
  EXPECT_EQ(pg(17, "abc"), json::value("abc"));
  EXPECT_EQ(pg(1082, "2024-01-31"), json::value("2024-01-31"));
  EXPECT_EQ(pg(1082, "infinity"), json::value("infinity"));
  EXPECT_EQ(pg(1114, "2024-01-31 10:00:00.5"), json::value("2024-01-31T10:00:00.500000"));
  EXPECT_EQ(pg(1184, "2024-01-31 10:00:00+00"), json::value("2024-01-31T10:00:00+00:00"));
  EXPECT_EQ(pg(1184, "-infinity"), json::value("-infinity"));
  EXPECT_EQ(pg(1083, "10:00:00"), json::value("10:00:00"));
  EXPECT_EQ(pg(1186, "1 day"), json::value("1 day"));
  EXPECT_EQ(pg(2950, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            json::value("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
}

json::value my(enum_field_types type, std::string_view text, unsigned int charset = 45) {
  MYSQL_FIELD field;
  std::memset(&field, 0, sizeof(field));
  field.type = type;
  field.charsetnr = charset;
  return to_json(mysql::decode_mysql_value(field, text));
}

TEST(MySqlValue, DecodesTextProtocolByFieldType) {
  EXPECT_EQ(my(MYSQL_TYPE_LONG, "-5"), json::value(-5));
  EXPECT_EQ(my(MYSQL_TYPE_LONGLONG, "18446744073709551615"), json::value(18446744073709551615ULL));
  EXPECT_EQ(my(MYSQL_TYPE_TINY, "x"), json::value("x"));
  EXPECT_EQ(my(MYSQL_TYPE_DOUBLE, "2.5"), json::value(2.5));
  EXPECT_EQ(my(MYSQL_TYPE_FLOAT, "nan?"), json::value("nan?"));
  EXPECT_EQ(my(MYSQL_TYPE_NEWDECIMAL, "1.10"), json::value(1.1));
  EXPECT_EQ(my(MYSQL_TYPE_DATE, "2024-02-01"), json::value("2024-02-01"));
  EXPECT_EQ(my(MYSQL_TYPE_DATE, "0000-00-00"), json::value("0000-00-00"));
  EXPECT_EQ(my(MYSQL_TYPE_DATETIME, "2024-02-01 01:02:03"), json::value("2024-02-01T01:02:03"));
  EXPECT_EQ(my(MYSQL_TYPE_TIMESTAMP, "0000-00-00 00:00:00"), json::value("0000-00-00 00:00:00"));
  EXPECT_EQ(my(MYSQL_TYPE_TIME, "-01:02:03"), json::value("-01:02:03"));
  EXPECT_EQ(my(MYSQL_TYPE_BIT, "A"), json::value("A"));
  EXPECT_EQ(my(MYSQL_TYPE_BLOB, "b\xff", 63), json::value("b"));
  EXPECT_EQ(my(MYSQL_TYPE_VAR_STRING, "text"), json::value("text"));
  EXPECT_EQ(my(MYSQL_TYPE_JSON, "{\"a\":1}"), json::value("{\"a\":1}"));
}

}  // namespace
}  // namespace ei::sources
