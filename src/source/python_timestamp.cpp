#include "source/python_timestamp.hpp"

#include <chrono>
#include <cmath>

#include "core/time.hpp"

namespace ei::source {

double python_stat_time(std::int64_t seconds, std::int64_t nanoseconds) {
  return static_cast<double>(seconds) + static_cast<double>(nanoseconds) * 1e-9;
}

std::string python_utc_isoformat(double timestamp) {
  // CPython's _PyTime_DoubleToDenominator with ROUND_HALF_EVEN.
  double whole = 0;
  double fraction = std::modf(timestamp, &whole) * 1e6;
  fraction = std::nearbyint(fraction);  // the default rounding mode is half-even
  if (fraction >= 1e6) {
    fraction -= 1e6;
    whole += 1.0;
  } else if (fraction < 0) {
    fraction += 1e6;
    whole -= 1.0;
  }
  const core::TimePoint time{std::chrono::duration_cast<core::Clock::duration>(
      std::chrono::seconds(static_cast<std::int64_t>(whole)) +
      std::chrono::microseconds(static_cast<std::int64_t>(fraction)))};
  return core::iso_utc(time);
}

}  // namespace ei::source
