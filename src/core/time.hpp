#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ei::core {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

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

// Reads ISO 8601 date-times as ES and the reference write them: `YYYY-MM-DD`, then
// optionally `T` (or `t` or a space) `HH:MM[:SS[.fraction]]`, then optionally `Z` or an
// offset `±HH`, `±HHMM`, `±HH:MM`. Without an offset the time is taken as UTC (the
// reference's naive datetimes are UTC). Nothing when the text is not such a date.
std::optional<TimePoint> parse_iso8601(std::string_view text);

}  // namespace ei::core
