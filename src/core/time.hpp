#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ei::core {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// A calendar date and a time of day as written, with no time-zone conversion: a database's
// DATE and DATETIME/TIMESTAMP values, and what every ISO-8601 text here is read into and
// written from. The one formatter and the one parser of ISO 8601 work on these.
struct CivilDate {
  int year = 1;
  int month = 1;
  int day = 1;

  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

struct CivilDateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int microsecond = 0;
  std::optional<int> utc_offset_minutes;  // set for an aware value (`Z` is 0)
  int nanosecond = 0;                     // below the microsecond: kept by the parser only

  friend bool operator==(const CivilDateTime&, const CivilDateTime&) = default;
};

// Python's isoformat: `YYYY-MM-DD`, and `YYYY-MM-DD<separator>HH:MM:SS[.ffffff][+HH:MM]`
// where the microseconds are left out when zero and the offset when naive.
std::string isoformat(const CivilDate& date);
std::string isoformat(const CivilDateTime& time, char separator = 'T');

// Exactly `YYYY-MM-DD`, a valid calendar date.
std::optional<CivilDate> parse_iso_date(std::string_view text);
// `YYYY-MM-DD`, then `T` (or `t` or a space) `HH:MM[:SS[.fraction]]`, then optionally `Z` or
// an offset `±HH`, `±HHMM`, `±HH:MM` (a seconds part of an offset, `±HH:MM:SS`, is read
// and dropped). With `time_required` false a date alone is midnight, naive.
std::optional<CivilDateTime> parse_iso_datetime(std::string_view text, bool time_required = true);

// `time` in UTC; aware (offset +00:00) or naive. Sub-microsecond digits are truncated.
CivilDateTime civil_utc(TimePoint time, bool aware);
// The instant a civil time names; a naive one is taken as UTC.
TimePoint to_time_point(const CivilDateTime& time);

// ISO 8601 in UTC with an explicit offset, as every timestamp the service writes:
// `2023-08-02T10:11:12.345678+00:00`; the microsecond part is left out only when it is
// zero (Python's datetime.isoformat). Sub-microsecond digits are truncated.
std::string iso_utc(TimePoint time);
std::string iso_utc_now();

// The same without the offset (Python's isoformat of a naive UTC datetime), used for
// `last_sync_scheduled_at`: `2023-08-02T12:00:00`.
std::string iso_naive_utc(TimePoint time);

// ECS `@timestamp`: UTC, milliseconds, `Z`: `2023-08-02T10:11:12.345Z`.
std::string ecs_timestamp(TimePoint time);

// Reads ISO 8601 date-times as ES and the reference write them (parse_iso_datetime with
// the time optional). Without an offset the time is taken as UTC (the reference's naive
// datetimes are UTC). Nothing when the text is not such a date.
std::optional<TimePoint> parse_iso8601(std::string_view text);

// An HTTP date (RFC 9110 §5.6.7, the IMF-fixdate form): `Sun, 06 Nov 1994 08:49:37 GMT`, as in
// Last-Modified, Retry-After and Azure's listings. Nothing for any other text.
std::optional<TimePoint> parse_http_date(std::string_view text);

}  // namespace ei::core
