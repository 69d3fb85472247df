#include "core/time.hpp"

#include <gtest/gtest.h>

namespace ei::core {
namespace {

using namespace std::chrono;

TimePoint at(int y, unsigned mo, unsigned d, int h, int mi, int s, microseconds us = {}) {
  return TimePoint(sys_days(year{y} / mo / d) + hours(h) + minutes(mi) + seconds(s) + us);
}

TEST(IsoUtc, ExplicitOffsetAndMicroseconds) {
  EXPECT_EQ(iso_utc(at(2023, 8, 2, 10, 11, 12, microseconds(345678))),
            "2023-08-02T10:11:12.345678+00:00");
}

TEST(IsoUtc, OmitsMicrosecondsOnlyWhenZero) {
  EXPECT_EQ(iso_utc(at(2023, 8, 2, 10, 11, 12)), "2023-08-02T10:11:12+00:00");
  EXPECT_EQ(iso_utc(at(2023, 8, 2, 10, 11, 12, microseconds(1))),
            "2023-08-02T10:11:12.000001+00:00");
  EXPECT_EQ(iso_utc(at(2023, 8, 2, 10, 11, 12, microseconds(120000))),
            "2023-08-02T10:11:12.120000+00:00");
}

TEST(IsoUtc, TruncatesNanoseconds) {
  const auto time = at(2023, 1, 1, 0, 0, 0) + nanoseconds(999);
  EXPECT_EQ(iso_utc(time_point_cast<Clock::duration>(time)), "2023-01-01T00:00:00+00:00");
}

TEST(IsoUtc, BeforeTheEpoch) {
  EXPECT_EQ(iso_utc(at(1969, 12, 31, 23, 59, 59, microseconds(500000))),
            "1969-12-31T23:59:59.500000+00:00");
}

TEST(IsoUtc, EveryFieldAtItsWidthAcrossTheRepresentableYears) {
  // The time point counts nanoseconds in 64 bits: years 1678 to 2262.
  EXPECT_EQ(iso_utc(at(1700, 1, 2, 3, 4, 5, microseconds(6))), "1700-01-02T03:04:05.000006+00:00");
  EXPECT_EQ(iso_utc(at(2261, 12, 31, 23, 59, 59, microseconds(999999))),
            "2261-12-31T23:59:59.999999+00:00");
}

TEST(IsoUtc, NowRoundTrips) {
  const std::string now = iso_utc_now();
  const auto parsed = parse_iso8601(now);
  ASSERT_TRUE(parsed.has_value()) << now;
  EXPECT_LT(abs(duration_cast<seconds>(Clock::now() - *parsed).count()), 5);
  EXPECT_NE(now.find("+00:00"), std::string::npos);
}

TEST(IsoNaiveUtc, NoOffset) {
  EXPECT_EQ(iso_naive_utc(at(2023, 8, 2, 12, 0, 0)), "2023-08-02T12:00:00");
  EXPECT_EQ(iso_naive_utc(at(2023, 8, 2, 12, 0, 0, microseconds(5))), "2023-08-02T12:00:00.000005");
}

TEST(EcsTimestamp, MillisecondsAndZ) {
  EXPECT_EQ(ecs_timestamp(at(2023, 8, 2, 10, 11, 12, microseconds(345678))),
            "2023-08-02T10:11:12.345Z");
  EXPECT_EQ(ecs_timestamp(at(2023, 8, 2, 10, 11, 12)), "2023-08-02T10:11:12.000Z");
}

TEST(ParseIso8601, ZuluAndOffsets) {
  const auto expected = at(2023, 8, 2, 10, 11, 12);
  EXPECT_EQ(parse_iso8601("2023-08-02T10:11:12Z"), expected);
  EXPECT_EQ(parse_iso8601("2023-08-02T10:11:12+00:00"), expected);
  EXPECT_EQ(parse_iso8601("2023-08-02T12:11:12+02:00"), expected);
  EXPECT_EQ(parse_iso8601("2023-08-02T05:41:12-0430"), expected);
  EXPECT_EQ(parse_iso8601("2023-08-02T11:11:12+01"), expected);
  EXPECT_EQ(parse_iso8601("2023-08-02 10:11:12"), expected);  // naive = UTC
  EXPECT_EQ(parse_iso8601("2023-08-02T10:11"), at(2023, 8, 2, 10, 11, 0));
  EXPECT_EQ(parse_iso8601("2023-08-02"), at(2023, 8, 2, 0, 0, 0));
}

TEST(ParseIso8601, FractionsOfAnyLength) {
  EXPECT_EQ(parse_iso8601("2023-08-02T10:11:12.5Z"),
            at(2023, 8, 2, 10, 11, 12, microseconds(500000)));
  EXPECT_EQ(parse_iso8601("2023-08-02T10:11:12.345678+00:00"),
            at(2023, 8, 2, 10, 11, 12, microseconds(345678)));
  const auto nanos = parse_iso8601("2023-08-02T10:11:12.123456789Z");
  ASSERT_TRUE(nanos.has_value());
  EXPECT_EQ(*nanos - at(2023, 8, 2, 10, 11, 12), nanoseconds(123456789));
  EXPECT_TRUE(parse_iso8601("2023-08-02T10:11:12.1234567891234Z").has_value());
}

TEST(ParseIso8601, RejectsInvalidText) {
  for (const char* text :
       {"", "2023", "2023-8-2", "2023-02-30", "2023-13-01", "2023-08-02T25:00:00",
        "2023-08-02T10:61:00", "2023-08-02T10:11:12.Z", "2023-08-02T10:11:12+1",
        "2023-08-02T10:11:12Zjunk", "2023-08-02X10:11:12", "not a date"}) {
    EXPECT_FALSE(parse_iso8601(text).has_value()) << text;
  }
}

TEST(ParseIso8601, RoundTripsWhatWeWrite) {
  for (const auto time :
       {at(2023, 8, 2, 10, 11, 12, microseconds(345678)), at(2000, 2, 29, 0, 0, 0),
        at(1999, 12, 31, 23, 59, 59, microseconds(1))}) {
    EXPECT_EQ(parse_iso8601(iso_utc(time)), time);
    EXPECT_EQ(parse_iso8601(iso_naive_utc(time)), time);
  }
}

// Dates and timestamps as PostgreSQL (DateStyle ISO) and MySQL write them, read by the one
// parser into civil values and written back as Python's isoformat.
TEST(CivilTime, ParsesDatabaseText) {
  const auto date = parse_iso_date("2024-12-31");
  ASSERT_TRUE(date);
  EXPECT_EQ(*date, (CivilDate{2024, 12, 31}));
  for (const char* text : {"0000-00-00", "2024-1-1", "abcd-ef-gh", "2023-02-30", "2024-12-31 "}) {
    EXPECT_FALSE(parse_iso_date(text)) << text;
  }

  const auto aware = parse_iso_datetime("2023-02-21 08:37:15.12+05:30");
  ASSERT_TRUE(aware);
  EXPECT_EQ(isoformat(*aware), "2023-02-21T08:37:15.120000+05:30");
  const auto short_offset = parse_iso_datetime("2023-02-21 08:37:15-03");
  ASSERT_TRUE(short_offset);
  EXPECT_EQ(isoformat(*short_offset), "2023-02-21T08:37:15-03:00");
  const auto historical = parse_iso_datetime("1900-01-01 00:00:00+05:53:28");  // LMT offsets
  ASSERT_TRUE(historical);
  EXPECT_EQ(historical->utc_offset_minutes, 5 * 60 + 53);
  const auto naive = parse_iso_datetime("2023-02-21T08:37:15.000001");
  ASSERT_TRUE(naive);
  EXPECT_FALSE(naive->utc_offset_minutes);
  EXPECT_EQ(isoformat(*naive, ' '), "2023-02-21 08:37:15.000001");
  EXPECT_EQ(isoformat(*parse_iso_datetime("2023-02-21 08:37:15Z")), "2023-02-21T08:37:15+00:00");
  for (const char* text : {"2023-02-21", "0000-00-00 00:00:00", "2023-02-21 08:37:15 BC",
                           "2023-02-21 08:xx:15", "2023-02-21 08:37:15+x"}) {
    EXPECT_FALSE(parse_iso_datetime(text)) << text;
  }
  EXPECT_TRUE(parse_iso_datetime("2023-02-21", false));
}

TEST(CivilTime, UtcNowIsAwareOnlyWhenAskedAndRoundTrips) {
  const TimePoint now = std::chrono::floor<std::chrono::microseconds>(Clock::now());
  EXPECT_TRUE(civil_utc(now, true).utc_offset_minutes.has_value());
  EXPECT_FALSE(civil_utc(now, false).utc_offset_minutes.has_value());
  EXPECT_EQ(to_time_point(civil_utc(now, true)), now);
  EXPECT_EQ(to_time_point(*parse_iso_datetime("2023-08-02T12:11:12+02:00")),
            at(2023, 8, 2, 10, 11, 12));
}

TEST(HttpDate, ReadsTheImfFixdateFormOnly) {
  const auto parsed = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(iso_utc(*parsed), "1994-11-06T08:49:37+00:00");
  EXPECT_EQ(iso_utc(*parse_http_date("Wed, 29 Feb 2024 23:59:59 GMT")),
            "2024-02-29T23:59:59+00:00");
  EXPECT_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));  // RFC 850: obsolete
  EXPECT_FALSE(parse_http_date("Sun Nov  6 08:49:37 1994"));        // asctime: obsolete
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"));
  EXPECT_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nox 1994 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 24:49:37 GMT"));
  EXPECT_FALSE(parse_http_date(""));
}

}  // namespace
}  // namespace ei::core
