#include "core/time.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace ei::core {

namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;

struct Fields {
  int year;
  unsigned month, day, hour, minute, second;
  std::int64_t sub_second;  // in the unit the caller floored to
};

template <typename Unit>
Fields split(TimePoint time) {
  const auto truncated = floor<Unit>(time);
  const auto day_start = floor<days>(truncated);
  const std::chrono::year_month_day date{day_start};
  const std::chrono::hh_mm_ss clock{truncated - day_start};
  return Fields{static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()),
                static_cast<unsigned>(clock.hours().count()),
                static_cast<unsigned>(clock.minutes().count()),
                static_cast<unsigned>(clock.seconds().count()),
                static_cast<std::int64_t>(clock.subseconds().count())};
}

// `value` as exactly `width` decimal digits at `out` (value < 10^width); returns the end.
char* put_digits(char* out, std::uint64_t value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

// A tiny cursor over the text; every reader returns false on a mismatch.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool done() const { return pos_ == text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }

  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  // Exactly `count` decimal digits.
  bool digits(std::size_t count, int& value) {
    if (text_.size() - pos_ < count) return false;
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    pos_ += count;
    return true;
  }

  // One or more digits of a fraction, as nanoseconds (digits past the ninth are dropped).
  bool fraction(std::int64_t& nanos) {
    std::size_t count = 0;
    nanos = 0;
    while (!done() && peek() >= '0' && peek() <= '9') {
      if (count < 9) nanos = nanos * 10 + (peek() - '0');
      ++count;
      ++pos_;
    }
    for (std::size_t i = count; i < 9; ++i) nanos *= 10;
    return count > 0;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// The offset of an aware time: `+HH:MM`.
char* put_offset(char* out, int offset_minutes) {
  *out++ = offset_minutes < 0 ? '-' : '+';
  const int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  out = put_digits(out, static_cast<std::uint64_t>(magnitude / 60 % 100), 2);
  *out++ = ':';
  return put_digits(out, static_cast<std::uint64_t>(magnitude % 60), 2);
}

bool in_range(int value, int low, int high) {
  return value >= low && value <= high;
}

// `YYYY-MM-DD` of a year in 0..9999.
char* put_date(char* out, const CivilDate& date) {
  out = put_digits(out, static_cast<std::uint64_t>(date.year), 4);
  *out++ = '-';
  out = put_digits(out, static_cast<std::uint64_t>(date.month % 100), 2);
  *out++ = '-';
  return put_digits(out, static_cast<std::uint64_t>(date.day % 100), 2);
}

}  // namespace

std::string isoformat(const CivilDate& date) {
  if (!in_range(date.year, 0, 9999)) {
    return fmt::format("{:04d}-{:02d}-{:02d}", date.year, date.month, date.day);
  }
  char buffer[16];
  return std::string(buffer, put_date(buffer, date));
}

std::string isoformat(const CivilDateTime& time, char separator) {
  if (!in_range(time.date.year, 0, 9999)) {
    CivilDateTime in_range_year = time;
    in_range_year.date.year = 0;
    return isoformat(time.date) + isoformat(in_range_year, separator).substr(10);
  }
  // By hand, into one buffer: sources stamp every document with this, and fmt's parsing of
  // a format string was a tenth of a directory walk's time.
  char buffer[48];
  char* end = put_date(buffer, time.date);
  *end++ = separator;
  end = put_digits(end, static_cast<std::uint64_t>(time.hour % 100), 2);
  *end++ = ':';
  end = put_digits(end, static_cast<std::uint64_t>(time.minute % 100), 2);
  *end++ = ':';
  end = put_digits(end, static_cast<std::uint64_t>(time.second % 100), 2);
  if (time.microsecond != 0) {
    *end++ = '.';
    end = put_digits(end, static_cast<std::uint64_t>(time.microsecond % 1000000), 6);
  }
  if (time.utc_offset_minutes) end = put_offset(end, *time.utc_offset_minutes);
  return std::string(buffer, end);
}

std::optional<CivilDate> parse_iso_date(std::string_view text) {
  Cursor in(text);
  CivilDate date;
  if (!in.digits(4, date.year) || !in.accept('-') || !in.digits(2, date.month) || !in.accept('-') ||
      !in.digits(2, date.day) || !in.done()) {
    return std::nullopt;
  }
  const std::chrono::year_month_day checked{std::chrono::year{date.year},
                                            std::chrono::month{static_cast<unsigned>(date.month)},
                                            std::chrono::day{static_cast<unsigned>(date.day)}};
  if (date.year < 1 || !checked.ok()) return std::nullopt;
  return date;
}

std::optional<CivilDateTime> parse_iso_datetime(std::string_view text, bool time_required) {
  CivilDateTime time;
  const std::optional<CivilDate> date = parse_iso_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  time.date = *date;
  Cursor in(text.substr(10));
  if (in.done()) {
    if (time_required) return std::nullopt;
    return time;
  }
  if (!in.accept('T') && !in.accept('t') && !in.accept(' ')) return std::nullopt;
  if (!in.digits(2, time.hour) || !in.accept(':') || !in.digits(2, time.minute)) {
    return std::nullopt;
  }
  if (in.accept(':')) {
    if (!in.digits(2, time.second)) return std::nullopt;
    std::int64_t nanos = 0;
    if ((in.accept('.') || in.accept(',')) && !in.fraction(nanos)) return std::nullopt;
    time.microsecond = static_cast<int>(nanos / 1000);
    time.nanosecond = static_cast<int>(nanos % 1000);
  }
  if (!in_range(time.hour, 0, 23) || !in_range(time.minute, 0, 59) ||
      !in_range(time.second, 0, 59)) {
    return std::nullopt;
  }
  if (in.accept('Z') || in.accept('z')) {
    time.utc_offset_minutes = 0;
  } else if (in.peek() == '+' || in.peek() == '-') {
    const int sign = in.peek() == '-' ? -1 : 1;
    in.accept(in.peek());
    int hours = 0;
    int minutes = 0;
    int seconds = 0;
    if (!in.digits(2, hours)) return std::nullopt;
    if (in.accept(':')) {
      if (!in.digits(2, minutes)) return std::nullopt;
      if (in.accept(':') && !in.digits(2, seconds)) return std::nullopt;
    } else if (!in.done()) {
      if (!in.digits(2, minutes)) return std::nullopt;
    }
    if (!in_range(hours, 0, 23) || !in_range(minutes, 0, 59) || !in_range(seconds, 0, 59)) {
      return std::nullopt;
    }
    time.utc_offset_minutes = sign * (hours * 60 + minutes);
  }
  if (!in.done()) return std::nullopt;
  return time;
}

CivilDateTime civil_utc(TimePoint time, bool aware) {
  const Fields f = split<microseconds>(time);
  CivilDateTime civil;
  civil.date = CivilDate{f.year, static_cast<int>(f.month), static_cast<int>(f.day)};
  civil.hour = static_cast<int>(f.hour);
  civil.minute = static_cast<int>(f.minute);
  civil.second = static_cast<int>(f.second);
  civil.microsecond = static_cast<int>(f.sub_second);
  if (aware) civil.utc_offset_minutes = 0;
  return civil;
}

TimePoint to_time_point(const CivilDateTime& time) {
  const std::chrono::year_month_day date{std::chrono::year{time.date.year},
                                         std::chrono::month{static_cast<unsigned>(time.date.month)},
                                         std::chrono::day{static_cast<unsigned>(time.date.day)}};
  const auto local = std::chrono::sys_days{date} + std::chrono::hours(time.hour) +
                     std::chrono::minutes(time.minute) + std::chrono::seconds(time.second) +
                     microseconds(time.microsecond) + nanoseconds(time.nanosecond);
  const std::chrono::minutes offset(time.utc_offset_minutes.value_or(0));
  return std::chrono::time_point_cast<Clock::duration>(local - offset);
}

std::string iso_utc(TimePoint time) {
  return isoformat(civil_utc(time, true));
}

std::string iso_utc_now() {
  return iso_utc(Clock::now());
}

std::string iso_naive_utc(TimePoint time) {
  return isoformat(civil_utc(time, false));
}

std::string ecs_timestamp(TimePoint time) {
  const Fields f = split<milliseconds>(time);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", f.year, f.month, f.day,
                     f.hour, f.minute, f.second, f.sub_second);
}

std::optional<TimePoint> parse_iso8601(std::string_view text) {
  const std::optional<CivilDateTime> civil = parse_iso_datetime(text, false);
  if (!civil) return std::nullopt;
  return to_time_point(*civil);
}

std::optional<TimePoint> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": 29 characters at fixed places.
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  if (text.size() != 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  const auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const std::size_t month = kMonths.find(text.substr(8, 3));
  const auto day = number(5, 2);
  const auto year = number(12, 4);
  const auto hour = number(17, 2);
  const auto minute = number(20, 2);
  const auto second = number(23, 2);
  if (month == std::string_view::npos || month % 3 != 0 || !day || !year || !hour || !minute ||
      !second || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(month / 3 + 1)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::time_point_cast<TimePoint::duration>(
      std::chrono::sys_days{date} + std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
      std::chrono::seconds(*second));
}

}  // namespace ei::core
