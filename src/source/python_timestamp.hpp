#pragma once

#include <cstdint>
#include <string>

namespace ei::source {

// A file time from stat (seconds and nanoseconds) as Python sees it: os.stat's float
// `st_mtime` (sec + nsec * 1e-9, in double precision).
double python_stat_time(std::int64_t seconds, std::int64_t nanoseconds);

// `datetime.fromtimestamp(t, tz=timezone.utc).isoformat()`: the float rounded half-even
// to microseconds like CPython, e.g. `2023-05-02T10:11:12.123456+00:00`. Matching the
// reference digit for digit keeps `_timestamp` equal for unchanged files in indices it wrote.
std::string python_utc_isoformat(double timestamp);

}  // namespace ei::source
