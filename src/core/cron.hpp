#pragma once

#include <bitset>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ei::core {

// A cron expression that cannot be parsed. The message names the expression, the field
// and what is wrong, e.g.
//   invalid cron expression "0 0 0 ? * 8": day-of-week: value 8 is out of range 1-7
class CronError : public Error {
 public:
  using Error::Error;
};

// A Quartz cron expression (the syntax of `scheduling.interval`, spec framework.md 9.6):
//   seconds minutes hours day-of-month month day-of-week [year]
// with `*`, `?`, lists, ranges, steps, names, `L`, `W`, `LW`, `L-n`, `nL` and `n#k`.
// Fire times are computed in UTC with whole seconds; years are limited to 1970-2099.
class CronExpression {
 public:
  // Throws CronError when the expression is not valid.
  static CronExpression parse(std::string_view expr);

  // The first fire time strictly after t, or nothing when there is none (the year range is
  // exhausted, or the expression can never fire, like "0 0 0 30 2 ?").
  std::optional<std::chrono::sys_seconds> next_after(std::chrono::sys_seconds t) const;

  const std::string& text() const { return text_; }

 private:
  static constexpr int kMinYear = 1970;
  static constexpr int kMaxYear = 2099;

  // How the day-of-month field selects days.
  enum class DomRule : std::uint8_t {
    kAny,             // `*` or `?`
    kSet,             // values, ranges, steps
    kLast,            // `L` or `L-n` (arg = n)
    kLastWeekday,     // `LW`
    kNearestWeekday,  // `nW` (arg = n)
  };
  // How the day-of-week field selects days.
  enum class DowRule : std::uint8_t {
    kAny,   // `*` or `?`
    kSet,   // values, ranges, steps (`L` alone = 7 = Saturday, as in Quartz)
    kLast,  // `nL`: last weekday n of the month (arg = n)
    kNth,   // `n#k`: k-th weekday n of the month (arg = n, nth = k)
  };

  CronExpression() = default;

  // Bit i of the result is set when day i (1-based) of the month matches both day fields.
  std::uint64_t day_mask(std::chrono::year y, std::chrono::month m) const;
  // The first matching date on or after `from`, if any before the end of kMaxYear.
  std::optional<std::chrono::year_month_day> next_date(std::chrono::year_month_day from) const;

  std::string text_;
  std::bitset<60> seconds_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_of_month_;  // bits 1-31, used when dom_rule_ == kSet
  std::bitset<13> months_;         // bits 1-12
  std::bitset<8> days_of_week_;    // bits 1-7 (1 = Sunday), used when dow_rule_ == kSet
  std::bitset<kMaxYear - kMinYear + 1> years_;  // bit i = year kMinYear + i
  DomRule dom_rule_ = DomRule::kAny;
  int dom_arg_ = 0;
  DowRule dow_rule_ = DowRule::kAny;
  int dow_arg_ = 0;
  int dow_nth_ = 0;
};

}  // namespace ei::core
