// BSON → JSON as the index gets MongoDB documents (sources spec §2.3), and JSON → BSON for the
// advanced rules, on libbson alone.
#include "sources/mongodb/bson_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace ei::sources::mongodb {
namespace {

namespace json = boost::json;

json::object converted(bson_t* document) {
  BsonPtr owned(document);
  return bson_to_json(*owned.get());
}

TEST(BsonJson, ObjectIdsDatesAndNumbers) {
  bson_oid_t oid;
  bson_oid_init_from_string(&oid, "64b7f0a1c2d3e4f5a6b7c8d9");
  const json::object document = converted(
      BCON_NEW("_id", BCON_OID(&oid), "name", BCON_UTF8("Zoë"), "count", BCON_INT32(7), "big",
               BCON_INT64(9007199254740993LL), "ratio", BCON_DOUBLE(0.25), "flag", BCON_BOOL(true),
               "nothing", BCON_NULL, "at", BCON_DATE_TIME(1700000000123LL), "whole_second",
               BCON_DATE_TIME(1700000000000LL), "before_epoch", BCON_DATE_TIME(-1LL)));
  EXPECT_EQ(document.at("_id"), json::value("64b7f0a1c2d3e4f5a6b7c8d9"));
  EXPECT_EQ(document.at("name"), json::value("Zoë"));
  EXPECT_EQ(document.at("count"), json::value(7));
  EXPECT_EQ(document.at("big").as_int64(), 9007199254740993LL);  // exact, not a double
  EXPECT_EQ(document.at("ratio"), json::value(0.25));
  EXPECT_EQ(document.at("flag"), json::value(true));
  EXPECT_TRUE(document.at("nothing").is_null());
  // Naive UTC isoformat; the milliseconds as microseconds, left out when zero.
  EXPECT_EQ(document.at("at"), json::value("2023-11-14T22:13:20.123000"));
  EXPECT_EQ(document.at("whole_second"), json::value("2023-11-14T22:13:20"));
  EXPECT_EQ(document.at("before_epoch"), json::value("1969-12-31T23:59:59.999000"));
}

TEST(BsonJson, DatesOutsideTheCalendarKeepTheirMilliseconds) {
  const std::int64_t far_future = 300'000'000'000'000LL;  // year ~11476
  const json::object document = converted(
      BCON_NEW("at", BCON_DATE_TIME(far_future), "first", BCON_DATE_TIME(-62135596800000LL)));
  EXPECT_EQ(document.at("at"), json::value(far_future));
  EXPECT_EQ(document.at("first"), json::value("0001-01-01T00:00:00"));
}

TEST(BsonJson, NestedDocumentsAndArrays) {
  const json::object document = converted(BCON_NEW(
      "address", "{", "city", BCON_UTF8("Lyon"), "geo", "[", BCON_DOUBLE(45.75), BCON_DOUBLE(4.85),
      "]", "}", "tags", "[", BCON_UTF8("a"), "{", "k", BCON_INT32(1), "}", "[", "]", "]"));
  EXPECT_EQ(json::serialize(document),
            R"({"address":{"city":"Lyon","geo":[4.575E1,4.85E0]},"tags":["a",{"k":1},[]]})");
}

TEST(BsonJson, DecimalsBecomeNumbersAndNonFiniteValuesNull) {
  bson_decimal128_t price;
  bson_decimal128_from_string("12.50", &price);
  bson_decimal128_t not_a_number;
  bson_decimal128_from_string("NaN", &not_a_number);
  bson_decimal128_t infinite;
  bson_decimal128_from_string("-Infinity", &infinite);
  const json::object document = converted(BCON_NEW(
      "price", BCON_DECIMAL128(&price), "bad", BCON_DECIMAL128(&not_a_number), "worse",
      BCON_DECIMAL128(&infinite), "nan", BCON_DOUBLE(std::numeric_limits<double>::quiet_NaN()),
      "inf", BCON_DOUBLE(std::numeric_limits<double>::infinity())));
  EXPECT_EQ(document.at("price"), json::value(12.5));
  EXPECT_TRUE(document.at("bad").is_null());
  EXPECT_TRUE(document.at("worse").is_null());
  EXPECT_TRUE(document.at("nan").is_null());
  EXPECT_TRUE(document.at("inf").is_null());
}

TEST(BsonJson, BinaryIsBase64AndUuidsAreCanonicalText) {
  const std::uint8_t bytes[] = {0x00, 0xff, 0x10, 'h', 'i'};
  const std::uint8_t uuid[16] = {0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3,
                                 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00};
  const json::object document = converted(BCON_NEW(
      "raw", BCON_BIN(BSON_SUBTYPE_BINARY, bytes, 5), "id4", BCON_BIN(BSON_SUBTYPE_UUID, uuid, 16),
      "id3", BCON_BIN(BSON_SUBTYPE_UUID_DEPRECATED, uuid, 16), "short_uuid",
      BCON_BIN(BSON_SUBTYPE_UUID, uuid, 4)));
  EXPECT_EQ(document.at("raw"), json::value("AP8QaGk="));
  EXPECT_EQ(document.at("id4"), json::value("123e4567-e89b-12d3-a456-426614174000"));
  EXPECT_EQ(document.at("id3"), json::value("123e4567-e89b-12d3-a456-426614174000"));
  EXPECT_EQ(document.at("short_uuid"), json::value("Ej5FZw=="));
}

TEST(BsonJson, RarerTypesKeepTheirExtendedJsonForm) {
  const json::object document =
      converted(BCON_NEW("pattern", BCON_REGEX("^a.*z$", "i"), "clock", BCON_TIMESTAMP(5, 7), "low",
                         BCON_MINKEY, "code", BCON_CODE("function() {}")));
  EXPECT_EQ(document.at("pattern").at("$regularExpression").at("pattern"), json::value("^a.*z$"));
  EXPECT_EQ(document.at("pattern").at("$regularExpression").at("options"), json::value("i"));
  EXPECT_EQ(document.at("clock").at("$timestamp").at("t"), json::value(5));
  EXPECT_EQ(document.at("clock").at("$timestamp").at("i"), json::value(7));
  EXPECT_EQ(document.at("low").at("$minKey"), json::value(1));
  EXPECT_EQ(document.at("code").at("$code"), json::value("function() {}"));
}

TEST(BsonJson, RulesReadAsExtendedJson) {
  const BsonPtr filter = json_to_bson(json::parse(
      R"({"_id": {"$oid": "64b7f0a1c2d3e4f5a6b7c8d9"}, "n": {"$gt": 3}, "when": {"$date": "2023-11-14T22:13:20Z"}})"));
  bson_iter_t it;
  ASSERT_TRUE(bson_iter_init_find(&it, filter.get(), "_id"));
  EXPECT_EQ(bson_iter_type(&it), BSON_TYPE_OID);
  ASSERT_TRUE(bson_iter_init_find(&it, filter.get(), "when"));
  EXPECT_EQ(bson_iter_type(&it), BSON_TYPE_DATE_TIME);
  EXPECT_EQ(bson_iter_date_time(&it), 1700000000000LL);
  EXPECT_THROW(json_to_bson(json::parse(R"({"x": {"$oid": "not hex"}})")), std::invalid_argument);
}

}  // namespace
}  // namespace ei::sources::mongodb
