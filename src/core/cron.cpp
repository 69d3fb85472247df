#include "core/cron.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <charconv>
#include <vector>

namespace ei::core {

namespace {

using namespace std::chrono;

// Wide enough for the largest field (years 1970-2099); bit i is value min + i.
using Values = std::bitset<130>;

struct FieldSpec {
  const char* name;
  int min;
  int max;
};

constexpr std::array<FieldSpec, 7> kFields{{{"seconds", 0, 59},
                                            {"minutes", 0, 59},
                                            {"hours", 0, 23},
                                            {"day-of-month", 1, 31},
                                            {"month", 1, 12},
                                            {"day-of-week", 1, 7},
                                            {"year", 1970, 2099}}};
enum FieldIndex { kSeconds, kMinutes, kHours, kDayOfMonth, kMonth, kDayOfWeek, kYear };

constexpr std::array<std::string_view, 12> kMonthNames{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
// Quartz numbering: 1 = SUN ... 7 = SAT.
constexpr std::array<std::string_view, 7> kDayNames{"SUN", "MON", "TUE", "WED",
                                                    "THU", "FRI", "SAT"};

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (;;) {
    auto pos = s.find(sep);
    parts.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return parts;
    s.remove_prefix(pos + 1);
  }
}

// Parses one field of an expression; every error names the expression and the field.
class FieldParser {
 public:
  FieldParser(std::string_view expr, FieldIndex index)
      : expr_(expr), index_(index), spec_(kFields[static_cast<std::size_t>(index)]) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw CronError("invalid cron expression \"" + std::string(expr_) + "\": " + spec_.name + ": " +
                    what);
  }

  // A plain number, without range check.
  int number(std::string_view tok, const char* what) const {
    int v = 0;
    auto [end, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), v);
    if (tok.empty() || ec != std::errc() || end != tok.data() + tok.size() || tok.size() > 4) {
      fail(std::string(what) + " '" + std::string(tok) + "' is not a number");
    }
    return v;
  }

  // A number or (month, day-of-week) a name, within the field's range.
  int value(std::string_view tok) const {
    if (!tok.empty() && std::isalpha(static_cast<unsigned char>(tok.front()))) {
      if (index_ == kMonth) return name_index(tok, kMonthNames, "month") + 1;
      if (index_ == kDayOfWeek) return name_index(tok, kDayNames, "day") + 1;
    }
    int v = number(tok, "value");
    if (v < spec_.min || v > spec_.max) {
      fail("value " + std::to_string(v) + " is out of range " + std::to_string(spec_.min) + "-" +
           std::to_string(spec_.max));
    }
    return v;
  }

  // Values, ranges and steps separated by commas.
  Values list(std::string_view field) const {
    Values out;
    for (auto item : split(field, ',')) {
      if (item.empty()) fail("empty element in list '" + std::string(field) + "'");
      if (item == "?") fail("'?' must stand alone and only in day-of-month or day-of-week");
      add_item(item, out);
    }
    return out;
  }

 private:
  template <std::size_t N>
  int name_index(std::string_view tok, const std::array<std::string_view, N>& names,
                 const char* kind) const {
    auto it = std::find(names.begin(), names.end(), tok);
    if (it == names.end())
      fail("unknown " + std::string(kind) + " name '" + std::string(tok) + "'");
    return static_cast<int>(it - names.begin());
  }

  void add_item(std::string_view item, Values& out) const {
    auto slash = split(item, '/');
    if (slash.size() > 2) fail("more than one '/' in '" + std::string(item) + "'");
    int step = 1;
    if (slash.size() == 2) {
      step = number(slash[1], "step");
      int span = spec_.max - spec_.min + 1;
      if (step < 1 || step > span) {
        fail("step " + std::to_string(step) + " must be between 1 and " + std::to_string(span));
      }
    }
    std::string_view base = slash[0];
    int lo = 0;
    int hi = 0;
    if (base == "*") {
      lo = spec_.min;
      hi = spec_.max;
    } else {
      auto dash = split(base, '-');
      if (dash.size() > 2) fail("more than one '-' in '" + std::string(item) + "'");
      lo = value(dash[0]);
      // Quartz: "a/n" runs from a to the end of the field's range.
      hi = dash.size() == 2 ? value(dash[1]) : (slash.size() == 2 ? spec_.max : lo);
    }
    // Quartz 2 accepts wrapping ranges such as FRI-MON or 22-2; for years that would be
    // a range that never ends, so it is refused there.
    if (hi < lo && index_ == kYear) {
      fail("range " + std::string(base) + " ends before it starts");
    }
    int span = spec_.max - spec_.min + 1;
    int count = (hi >= lo ? hi - lo : hi - lo + span) + 1;
    for (int i = 0; i < count; i += step) {
      int v = lo + i;
      if (v > spec_.max) v -= span;
      out.set(static_cast<std::size_t>(v - spec_.min));
    }
  }

  std::string_view expr_;
  FieldIndex index_;
  FieldSpec spec_;
};

template <std::size_t N>
std::bitset<N> to_bits(const Values& values, int offset) {
  std::bitset<N> out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] && i + static_cast<std::size_t>(offset) < N) {
      out.set(i + static_cast<std::size_t>(offset));
    }
  }
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// The first set bit at or after `from`, or -1.
template <std::size_t N>
int next_bit(const std::bitset<N>& bits, int from) {
  for (auto i = static_cast<std::size_t>(std::max(from, 0)); i < N; ++i) {
    if (bits[i]) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

CronExpression CronExpression::parse(std::string_view expr) {
  CronExpression cron;
  cron.text_ = std::string(expr);

  std::vector<std::string> fields;
  std::string current;
  for (char c : expr) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!current.empty()) fields.push_back(std::move(current));
      current.clear();
    } else {
      // Names are case-insensitive.
      current.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  if (!current.empty()) fields.push_back(std::move(current));
  if (fields.size() != 6 && fields.size() != 7) {
    throw CronError("invalid cron expression \"" + cron.text_ +
                    "\": expected 6 or 7 fields (seconds minutes hours day-of-month month "
                    "day-of-week [year]), got " +
                    std::to_string(fields.size()));
  }

  cron.seconds_ = to_bits<60>(FieldParser(expr, kSeconds).list(fields[kSeconds]), 0);
  cron.minutes_ = to_bits<60>(FieldParser(expr, kMinutes).list(fields[kMinutes]), 0);
  cron.hours_ = to_bits<24>(FieldParser(expr, kHours).list(fields[kHours]), 0);
  cron.months_ = to_bits<13>(FieldParser(expr, kMonth).list(fields[kMonth]), 1);
  if (fields.size() == 7) {
    cron.years_ = to_bits<kMaxYear - kMinYear + 1>(FieldParser(expr, kYear).list(fields[kYear]), 0);
  } else {
    cron.years_.set();
  }

  // Day of month: `*`, `?`, L, L-n, LW, nW, or a list.
  {
    FieldParser p(expr, kDayOfMonth);
    const std::string& f = fields[kDayOfMonth];
    if (f == "*" || f == "?") {
      cron.dom_rule_ = DomRule::kAny;
    } else if (f == "L") {
      cron.dom_rule_ = DomRule::kLast;
    } else if (f.starts_with("L-")) {
      cron.dom_rule_ = DomRule::kLast;
      cron.dom_arg_ = p.number(std::string_view(f).substr(2), "offset");
      if (cron.dom_arg_ > 30) p.fail("offset in '" + f + "' must be between 0 and 30");
    } else if (f == "LW") {
      cron.dom_rule_ = DomRule::kLastWeekday;
    } else if (f.size() > 1 && f.back() == 'W' &&
               all_digits(std::string_view(f).substr(0, f.size() - 1))) {
      cron.dom_rule_ = DomRule::kNearestWeekday;
      cron.dom_arg_ = p.value(std::string_view(f).substr(0, f.size() - 1));
    } else if (f.find_first_of("LW") != std::string::npos) {
      p.fail("'" + f + "': 'L' and 'W' must stand alone, as L, L-n, LW or nW");
    } else {
      cron.dom_rule_ = DomRule::kSet;
      cron.days_of_month_ = to_bits<32>(p.list(f), 1);
    }
  }

  // Day of week: `*`, `?`, L (Saturday), nL, n#k, or a list.
  {
    FieldParser p(expr, kDayOfWeek);
    const std::string& f = fields[kDayOfWeek];
    if (f == "?" && fields[kDayOfMonth] == "?") {
      p.fail("'?' cannot be used in both day-of-month and day-of-week");
    }
    if (f == "*" || f == "?") {
      cron.dow_rule_ = DowRule::kAny;
    } else if (auto hash = f.find('#'); hash != std::string::npos) {
      if (f.find_first_of(",-/") != std::string::npos) {
        p.fail("'" + f + "': '#' cannot be combined with lists, ranges or steps");
      }
      cron.dow_rule_ = DowRule::kNth;
      cron.dow_arg_ = p.value(std::string_view(f).substr(0, hash));
      cron.dow_nth_ = p.number(std::string_view(f).substr(hash + 1), "occurrence");
      if (cron.dow_nth_ < 1 || cron.dow_nth_ > 5) {
        p.fail("occurrence in '" + f + "' must be between 1 and 5");
      }
    } else if (f == "L") {
      cron.dow_rule_ = DowRule::kSet;
      cron.days_of_week_.set(7);
    } else if (f.back() == 'L') {
      if (f.find_first_of(",-/") != std::string::npos) {
        p.fail("'" + f + "': 'L' cannot be combined with lists, ranges or steps");
      }
      cron.dow_rule_ = DowRule::kLast;
      cron.dow_arg_ = p.value(std::string_view(f).substr(0, f.size() - 1));
    } else {
      cron.dow_rule_ = DowRule::kSet;
      cron.days_of_week_ = to_bits<8>(p.list(f), 1);
    }
  }
  // Quartz itself insists that one of the two day fields is `?`. The reference's library
  // (cron-schedule-triggers) is lenient and the spec's own example `* * * * * *` must work
  // (framework.md 9.6), so `*` is accepted in both; when both restrict days, a day must
  // match both.
  return cron;
}

std::uint64_t CronExpression::day_mask(year y, month m) const {
  const auto last = static_cast<int>(static_cast<unsigned>((y / m / std::chrono::last).day()));
  const int first_wd = static_cast<int>(weekday(sys_days(y / m / 1)).c_encoding());  // 0 = Sun
  auto weekday_of = [&](int d) { return (first_wd + d - 1) % 7; };
  const std::uint64_t all = ((std::uint64_t{1} << (last + 1)) - 1) & ~std::uint64_t{1};
  auto bit = [](int d) { return std::uint64_t{1} << d; };

  std::uint64_t dom = 0;
  switch (dom_rule_) {
    case DomRule::kAny:
      dom = all;
      break;
    case DomRule::kSet:
      dom = days_of_month_.to_ullong() & all;
      break;
    case DomRule::kLast:
      if (last - dom_arg_ >= 1) dom = bit(last - dom_arg_);
      break;
    case DomRule::kLastWeekday: {
      int d = last;
      if (weekday_of(d) == 6) d -= 1;
      if (weekday_of(d) == 0) d -= 2;
      dom = bit(d);
      break;
    }
    case DomRule::kNearestWeekday: {
      int d = dom_arg_;
      if (d > last) break;  // e.g. 31W in April: that month has no such day
      // The nearest weekday, never leaving the month.
      if (weekday_of(d) == 6)
        d = d == 1 ? 3 : d - 1;
      else if (weekday_of(d) == 0)
        d = d == last ? d - 2 : d + 1;
      dom = bit(d);
      break;
    }
  }

  std::uint64_t dow = 0;
  switch (dow_rule_) {
    case DowRule::kAny:
      dow = all;
      break;
    case DowRule::kSet:
      for (int d = 1; d <= last; ++d) {
        if (days_of_week_[static_cast<std::size_t>(weekday_of(d) + 1)]) dow |= bit(d);
      }
      break;
    case DowRule::kLast:
      dow = bit(last - (weekday_of(last) - (dow_arg_ - 1) + 7) % 7);
      break;
    case DowRule::kNth: {
      int d = 1 + (dow_arg_ - 1 - first_wd + 7) % 7 + 7 * (dow_nth_ - 1);
      if (d <= last) dow = bit(d);
      break;
    }
  }
  return dom & dow;
}

std::optional<year_month_day> CronExpression::next_date(year_month_day from) const {
  const int from_year = static_cast<int>(from.year());
  const auto from_month = static_cast<unsigned>(from.month());
  const auto from_day = static_cast<int>(static_cast<unsigned>(from.day()));
  // At most 130 years * 12 months are visited, so impossible expressions end quickly.
  for (int y = std::max(from_year, kMinYear); y <= kMaxYear; ++y) {
    if (!years_[static_cast<std::size_t>(y - kMinYear)]) continue;
    const bool same_year = y == from_year;
    for (unsigned m = same_year ? from_month : 1; m <= 12; ++m) {
      if (!months_[m]) continue;
      const int start = same_year && m == from_month ? from_day : 1;
      const std::uint64_t mask = day_mask(year(y), month(m)) >> start;
      if (mask != 0) {
        return year(y) / month(m) / day(static_cast<unsigned>(start + std::countr_zero(mask)));
      }
    }
  }
  return std::nullopt;
}

std::optional<sys_seconds> CronExpression::next_after(sys_seconds t) const {
  const sys_seconds lower = sys_days(year(kMinYear) / 1 / 1);
  const sys_seconds upper = sys_days(year(kMaxYear + 1) / 1 / 1);
  if (t >= upper - seconds(1)) return std::nullopt;
  // Clamping keeps the calendar arithmetic away from extreme time points.
  const sys_seconds start = std::max(t + seconds(1), lower);

  const sys_days start_day = floor<days>(start);
  const hh_mm_ss<seconds> hms(start - start_day);
  const int h0 = static_cast<int>(hms.hours().count());
  const int m0 = static_cast<int>(hms.minutes().count());
  const int s0 = static_cast<int>(hms.seconds().count());

  const int first_h = next_bit(hours_, 0);
  const int first_m = next_bit(minutes_, 0);
  const int first_s = next_bit(seconds_, 0);
  auto at = [](sys_days d, int h, int m, int s) {
    return sys_seconds(d) + hours(h) + minutes(m) + seconds(s);
  };

  auto date = next_date(year_month_day(start_day));
  if (!date) return std::nullopt;
  if (sys_days(*date) != start_day) return at(sys_days(*date), first_h, first_m, first_s);

  // The start day matches: the first time of day at or after h0:m0:s0, carrying upwards.
  if (hours_[static_cast<std::size_t>(h0)]) {
    if (minutes_[static_cast<std::size_t>(m0)]) {
      if (int s = next_bit(seconds_, s0); s >= 0) return at(start_day, h0, m0, s);
    }
    if (int m = next_bit(minutes_, m0 + 1); m >= 0) return at(start_day, h0, m, first_s);
  }
  if (int h = next_bit(hours_, h0 + 1); h >= 0) return at(start_day, h, first_m, first_s);

  // Nothing left today: the first time on the next matching day.
  date = next_date(year_month_day(start_day + days(1)));
  if (!date) return std::nullopt;
  return at(sys_days(*date), first_h, first_m, first_s);
}

}  // namespace ei::core
