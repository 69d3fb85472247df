#include "core/cron.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using ei::core::CronError;
using ei::core::CronExpression;
using namespace std::chrono;

// "YYYY-MM-DDTHH:MM:SS" (UTC) -> time point.
sys_seconds at(const std::string& iso) {
  int y = 0;
  unsigned mo = 0, d = 0;
  int h = 0, mi = 0, s = 0;
  if (std::sscanf(iso.c_str(), "%d-%u-%uT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6) {
    ADD_FAILURE() << "bad test time " << iso;
  }
  return sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) + seconds(s);
}

// Time point -> "YYYY-MM-DDTHH:MM:SS", or "none"; compared as text for readable failures.
std::string iso(std::optional<sys_seconds> t) {
  if (!t) return "none";
  const auto dp = floor<days>(*t);
  const year_month_day ymd(dp);
  const hh_mm_ss hms(*t - dp);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

struct NextCase {
  const char* expr;
  const char* from;
  const char* expected;  // "none" when the expression never fires again
};

// Expected values were worked out by hand and checked against python3's calendar module
// (e.g. 2023-07-01 is a Saturday, 2023-12-31 a Sunday, 2023-08-31 a Thursday).
const NextCase kNextCases[] = {
    // Plain values, the spec's examples, strictly-after semantics.
    {"* * * * * *", "2023-08-02T12:00:00", "2023-08-02T12:00:01"},
    {"1 * * * * *", "2023-08-02T12:00:00", "2023-08-02T12:00:01"},
    {"1 * * * * *", "2023-08-02T12:00:01", "2023-08-02T12:01:01"},
    {"0 0 12 * * ?", "2023-08-02T12:00:00", "2023-08-03T12:00:00"},
    {"0 15 10 ? * *", "2023-08-02T09:00:00", "2023-08-02T10:15:00"},
    {"30 59 23 * * ?", "2023-08-02T23:59:29", "2023-08-02T23:59:30"},
    // Rollover of every field at once, across a year boundary.
    {"* * * * * ?", "2023-12-31T23:59:59", "2024-01-01T00:00:00"},
    {"0 0 0 1 1 ?", "2023-12-31T23:59:59", "2024-01-01T00:00:00"},
    {"0 0 0 1 1 ?", "2024-01-01T00:00:00", "2025-01-01T00:00:00"},
    {"59 59 23 31 12 ?", "2023-12-31T23:59:59", "2024-12-31T23:59:59"},
    // Steps.
    {"0/15 * * * * ?", "2023-08-02T12:00:44", "2023-08-02T12:00:45"},
    {"0/15 * * * * ?", "2023-08-02T12:00:45", "2023-08-02T12:01:00"},
    {"*/20 * * * * ?", "2023-08-02T12:00:40", "2023-08-02T12:01:00"},
    {"0 5/20 * * * ?", "2023-08-02T12:45:00", "2023-08-02T13:05:00"},
    {"0 0 8-18/4 * * ?", "2023-08-02T16:00:00", "2023-08-03T08:00:00"},
    {"0 0 0 ? * 2/2", "2023-08-02T00:00:00", "2023-08-04T00:00:00"},  // MON,WED,FRI
    {"0 0 0 1 */5 ?", "2023-08-02T00:00:00", "2023-11-01T00:00:00"},  // JAN,JUN,NOV
    // Lists, ranges and wrapping ranges.
    {"0 10,44 14 ? 3 WED", "2023-08-02T00:00:00", "2024-03-06T14:10:00"},
    {"0 10,44 14 ? 3 WED", "2024-03-06T14:10:00", "2024-03-06T14:44:00"},
    {"0 15 10 ? * MON-FRI", "2023-08-04T10:15:00", "2023-08-07T10:15:00"},
    {"0 0 22-2 * * ?", "2023-08-02T02:00:00", "2023-08-02T22:00:00"},
    {"0 0 0 ? * FRI-MON", "2023-08-01T00:00:00", "2023-08-04T00:00:00"},
    // Names, case-insensitive; day-of-week 1 = Sunday.
    {"0 0 0 1 jan,Jul ?", "2023-02-01T00:00:00", "2023-07-01T00:00:00"},
    {"0 30 9 ? * sat", "2023-08-02T00:00:00", "2023-08-05T09:30:00"},
    {"0 0 0 ? * 1", "2023-08-02T00:00:00", "2023-08-06T00:00:00"},
    {"0 0 0 ? Aug-Sep sun", "2023-08-27T00:00:00", "2023-09-03T00:00:00"},
    // The 31st skips 30-day months (and February).
    {"0 0 0 31 * ?", "2023-04-01T00:00:00", "2023-05-31T00:00:00"},
    {"0 0 0 31 * ?", "2023-05-31T00:00:00", "2023-07-31T00:00:00"},
    {"0 0 0 31 * ?", "2023-08-31T00:00:00", "2023-10-31T00:00:00"},
    {"0 0 0 30 * ?", "2023-01-30T00:00:00", "2023-03-30T00:00:00"},
    // February 29 only in leap years.
    {"0 0 0 29 2 ?", "2023-01-01T00:00:00", "2024-02-29T00:00:00"},
    {"0 0 0 29 2 ?", "2024-02-29T00:00:00", "2028-02-29T00:00:00"},
    {"0 0 12 29 FEB ? 2025-2027", "2023-01-01T00:00:00", "none"},
    {"0 0 0 30 2 ?", "2023-01-01T00:00:00", "none"},
    {"0 0 0 31 4,6,9,11 ?", "1970-01-01T00:00:00", "none"},
    // L, L-n, LW in day-of-month.
    {"0 0 0 L * ?", "2024-02-01T00:00:00", "2024-02-29T00:00:00"},
    {"0 0 0 L * ?", "2023-02-01T00:00:00", "2023-02-28T00:00:00"},
    {"0 0 0 L * ?", "2024-02-29T00:00:00", "2024-03-31T00:00:00"},
    {"0 0 0 L-2 * ?", "2024-02-01T00:00:00", "2024-02-27T00:00:00"},
    {"0 0 0 L-2 * ?", "2023-04-28T00:00:00", "2023-05-29T00:00:00"},
    {"0 0 0 L-30 * ?", "2023-02-01T00:00:00", "2023-03-01T00:00:00"},  // Feb has no L-30
    {"0 0 0 LW * ?", "2023-09-01T00:00:00", "2023-09-29T00:00:00"},    // 30th is a Saturday
    {"0 0 0 LW * ?", "2023-12-01T00:00:00", "2023-12-29T00:00:00"},    // 31st is a Sunday
    {"0 0 0 LW * ?", "2023-08-01T00:00:00", "2023-08-31T00:00:00"},    // 31st is a Thursday
    // nW: nearest weekday, never leaving the month.
    {"0 0 0 15W * ?", "2023-07-01T00:00:00", "2023-07-14T00:00:00"},  // Saturday -> Friday
    {"0 0 0 15W * ?", "2023-10-01T00:00:00", "2023-10-16T00:00:00"},  // Sunday -> Monday
    {"0 0 0 15W * ?", "2023-08-01T00:00:00", "2023-08-15T00:00:00"},  // already a weekday
    {"0 0 0 1W * ?", "2023-06-15T00:00:00", "2023-07-03T00:00:00"},   // Sat 1st -> Mon 3rd
    {"0 0 0 31W * ?", "2023-12-01T00:00:00", "2023-12-29T00:00:00"},  // Sun 31st -> Fri 29th
    {"0 0 0 31W * ?", "2023-09-01T00:00:00", "2023-10-31T00:00:00"},  // September has no 31st
    // n#k: k-th weekday of the month.
    {"0 0 10 ? * 6#3", "2023-08-01T00:00:00", "2023-08-18T10:00:00"},
    {"0 0 0 ? * 2#5", "2023-08-01T00:00:00", "2023-10-30T00:00:00"},  // no 5th Monday Aug, Sep
    {"0 0 0 ? * MON#1", "2023-08-01T00:00:00", "2023-08-07T00:00:00"},
    // nL: last weekday n of the month; L alone is Saturday.
    {"0 0 0 ? * 6L", "2023-08-01T00:00:00", "2023-08-25T00:00:00"},  // last Friday
    {"0 0 0 ? * 5L", "2023-08-01T00:00:00", "2023-08-31T00:00:00"},  // last Thursday
    {"0 0 0 ? * friL", "2023-08-26T00:00:00", "2023-09-29T00:00:00"},
    {"0 0 0 ? * L", "2023-08-02T00:00:00", "2023-08-05T00:00:00"},
    // Both day fields restricted: a day must match both (Friday the 13th).
    {"0 0 0 13 * FRI", "2023-08-01T00:00:00", "2023-10-13T00:00:00"},
    // Year field and the 1970-2099 range.
    {"0 0 0 1 1 ? 2030", "2023-08-02T00:00:00", "2030-01-01T00:00:00"},
    {"0 0 0 1 1 ? 2030", "2030-01-01T00:00:00", "none"},
    {"0 0 0 1 1 ? 2024/2", "2024-06-01T00:00:00", "2026-01-01T00:00:00"},
    {"0/5 14,18,52 * ? JAN,MAR,SEP MON-FRI 2010-2030", "2023-08-02T00:00:00",
     "2023-09-01T00:14:00"},
    {"* * * * * ?", "2099-12-31T23:59:58", "2099-12-31T23:59:59"},
    {"* * * * * ?", "2099-12-31T23:59:59", "none"},
    {"* * * * * ?", "2150-01-01T00:00:00", "none"},
    {"0 0 0 * * ?", "1960-05-01T00:00:00", "1970-01-01T00:00:00"},
};

class CronNextTest : public testing::TestWithParam<NextCase> {};

TEST_P(CronNextTest, NextFireTime) {
  const auto& c = GetParam();
  const auto cron = CronExpression::parse(c.expr);
  EXPECT_EQ(iso(cron.next_after(at(c.from))), c.expected)
      << "expression \"" << c.expr << "\" after " << c.from;
}

INSTANTIATE_TEST_SUITE_P(Table, CronNextTest, testing::ValuesIn(kNextCases));

// Consecutive fire times, each computed from the previous one.
std::vector<std::string> iterate(const char* expr, const char* from, int n) {
  const auto cron = CronExpression::parse(expr);
  std::vector<std::string> out;
  std::optional<sys_seconds> t = at(from);
  for (int i = 0; i < n && t; ++i) {
    t = cron.next_after(*t);
    out.push_back(iso(t));
  }
  return out;
}

TEST(CronIterate, WorkingHoursEveryHalfHour) {
  EXPECT_EQ(iterate("0 0/30 9-10 ? * MON-FRI", "2023-08-04T10:00:00", 6),
            (std::vector<std::string>{"2023-08-04T10:30:00", "2023-08-07T09:00:00",
                                      "2023-08-07T09:30:00", "2023-08-07T10:00:00",
                                      "2023-08-07T10:30:00", "2023-08-08T09:00:00"}));
}

TEST(CronIterate, LastDayOfMonthThroughLeapFebruary) {
  EXPECT_EQ(iterate("0 0 23 L * ?", "2024-01-01T00:00:00", 4),
            (std::vector<std::string>{"2024-01-31T23:00:00", "2024-02-29T23:00:00",
                                      "2024-03-31T23:00:00", "2024-04-30T23:00:00"}));
}

TEST(CronIterate, FifthMondays) {
  EXPECT_EQ(iterate("0 0 0 ? * 2#5", "2024-01-01T00:00:00", 6),
            (std::vector<std::string>{"2024-01-29T00:00:00", "2024-04-29T00:00:00",
                                      "2024-07-29T00:00:00", "2024-09-30T00:00:00",
                                      "2024-12-30T00:00:00", "2025-03-31T00:00:00"}));
}

TEST(CronIterate, LastFridayAndThirdFriday) {
  EXPECT_EQ(iterate("0 0 0 ? * 6L", "2024-01-01T00:00:00", 3),
            (std::vector<std::string>{"2024-01-26T00:00:00", "2024-02-23T00:00:00",
                                      "2024-03-29T00:00:00"}));
  EXPECT_EQ(iterate("0 0 0 ? * FRI#3", "2024-01-01T00:00:00", 3),
            (std::vector<std::string>{"2024-01-19T00:00:00", "2024-02-16T00:00:00",
                                      "2024-03-15T00:00:00"}));
}

TEST(CronIterate, EndsWithTheYearRange) {
  EXPECT_EQ(iterate("0 0 0 29 2 ? 2090-2099", "2090-01-01T00:00:00", 4),
            (std::vector<std::string>{"2092-02-29T00:00:00", "2096-02-29T00:00:00", "none"}));
}

TEST(CronIterate, SecondsAcrossMinuteAndHour) {
  EXPECT_EQ(iterate("58/1 59 * * * ?", "2023-08-02T10:59:57", 4),
            (std::vector<std::string>{"2023-08-02T10:59:58", "2023-08-02T10:59:59",
                                      "2023-08-02T11:59:58", "2023-08-02T11:59:59"}));
}

TEST(Cron, ImpossibleExpressionEndsQuickly) {
  const auto cron = CronExpression::parse("0 0 0 30 2 ?");
  const auto started = steady_clock::now();
  EXPECT_EQ(cron.next_after(at("1970-01-01T00:00:00")), std::nullopt);
  EXPECT_LT(steady_clock::now() - started, seconds(1));
}

TEST(Cron, KeepsText) {
  EXPECT_EQ(CronExpression::parse("0 0 12 * * ?").text(), "0 0 12 * * ?");
  EXPECT_EQ(CronExpression::parse("  0 0\t12 * * ?  ").text(), "  0 0\t12 * * ?  ");
}

TEST(Cron, ErrorIsAnEiError) {
  EXPECT_THROW(CronExpression::parse("bad"), ei::core::Error);
}

struct ErrorCase {
  const char* expr;
  const char* field;   // expected in the message, e.g. "day-of-week"
  const char* detail;  // expected in the message too
};

const ErrorCase kErrorCases[] = {
    {"", "6 or 7 fields", "got 0"},
    {"* * * * *", "6 or 7 fields", "got 5"},
    {"0 0 0 * * ? 2024 x", "6 or 7 fields", "got 8"},
    {"60 * * * * ?", "seconds", "60 is out of range 0-59"},
    {"* 60 * * * ?", "minutes", "out of range"},
    {"* * 24 * * ?", "hours", "out of range 0-23"},
    {"* * * 32 * ?", "day-of-month", "out of range 1-31"},
    {"* * * 0 * ?", "day-of-month", "out of range"},
    {"* * * ? 13 *", "month", "out of range 1-12"},
    {"* * * ? 0 *", "month", "out of range"},
    {"* * * ? * 8", "day-of-week", "out of range 1-7"},
    {"* * * ? * 0", "day-of-week", "out of range"},
    {"* * * ? * * 1969", "year", "out of range 1970-2099"},
    {"* * * ? * * 2100", "year", "out of range"},
    {"* * * ? * * 2030-2020", "year", "ends before it starts"},
    {"* * * ? FOO *", "month", "unknown month name 'FOO'"},
    {"* * * ? * FUN", "day-of-week", "unknown day name 'FUN'"},
    {"* * * ? MON *", "month", "unknown month name"},
    {"* * * ? * JAN", "day-of-week", "unknown day name"},
    {"? * * * * *", "seconds", "'?'"},
    {"* * ? * * *", "hours", "'?'"},
    {"* * * ? ? *", "month", "'?'"},
    {"* * * ? * * ?", "year", "'?'"},
    {"* * * ? * ?", "day-of-week", "both"},
    {"* * * 1,? * *", "day-of-month", "'?'"},
    {"a b c d e f", "seconds", "'A' is not a number"},
    {"*/0 * * * * ?", "seconds", "step 0"},
    {"0/61 * * * * ?", "seconds", "step 61"},
    {"* */x * * * ?", "minutes", "not a number"},
    {"1,,2 * * * * ?", "seconds", "empty element"},
    {"1-2-3 * * * * ?", "seconds", "more than one '-'"},
    {"1/2/3 * * * * ?", "seconds", "more than one '/'"},
    {"* * * L-31 * ?", "day-of-month", "between 0 and 30"},
    {"* * * L-x * ?", "day-of-month", "not a number"},
    {"* * * 1,L * ?", "day-of-month", "'L' and 'W'"},
    {"* * * 32W * ?", "day-of-month", "out of range"},
    {"* * * W * ?", "day-of-month", "'L' and 'W'"},
    {"* * * ? * 6#6", "day-of-week", "between 1 and 5"},
    {"* * * ? * 6#0", "day-of-week", "between 1 and 5"},
    {"* * * ? * MON#", "day-of-week", "not a number"},
    {"* * * ? * 1,6#3", "day-of-week", "'#'"},
    {"* * * ? * 1-3L", "day-of-week", "'L'"},
    {"* * * ? * 8L", "day-of-week", "out of range"},
    {"* * * ? * 1-", "day-of-week", "not a number"},
    {"99999999999 * * * * ?", "seconds", "not a number"},
};

class CronErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(CronErrorTest, MessageNamesExpressionAndField) {
  const auto& c = GetParam();
  try {
    (void)CronExpression::parse(c.expr);
    ADD_FAILURE() << "\"" << c.expr << "\" parsed";
  } catch (const CronError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("\"" + std::string(c.expr) + "\""), std::string::npos) << msg;
    EXPECT_NE(msg.find(c.field), std::string::npos) << msg;
    EXPECT_NE(msg.find(c.detail), std::string::npos) << msg;
  }
}

INSTANTIATE_TEST_SUITE_P(Table, CronErrorTest, testing::ValuesIn(kErrorCases));

}  // namespace
