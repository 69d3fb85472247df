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

std::string python_isoformat(TimePoint time, std::string_view offset) {
  const Fields f = split<microseconds>(time);
  if (f.year >= 0 && f.year <= 9999) {
    // By hand: sources stamp every document with this, and fmt's parsing of the format
    // string was a tenth of a directory walk's time.
    char buffer[32];
    char* end = put_digits(buffer, static_cast<std::uint64_t>(f.year), 4);
    *end++ = '-';
    end = put_digits(end, f.month, 2);
    *end++ = '-';
    end = put_digits(end, f.day, 2);
    *end++ = 'T';
    end = put_digits(end, f.hour, 2);
    *end++ = ':';
    end = put_digits(end, f.minute, 2);
    *end++ = ':';
    end = put_digits(end, f.second, 2);
    if (f.sub_second != 0) {
      *end++ = '.';
      end = put_digits(end, static_cast<std::uint64_t>(f.sub_second), 6);
    }
    std::string out;
    out.reserve(static_cast<std::size_t>(end - buffer) + offset.size());
    out.append(buffer, end);
    out += offset;
    return out;
  }
  std::string out = fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", f.year, f.month, f.day,
                                f.hour, f.minute, f.second);
  if (f.sub_second != 0) out += fmt::format(".{:06d}", f.sub_second);
  out += offset;
  return out;
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

}  // namespace

std::string iso_utc(TimePoint time) {
  return python_isoformat(time, "+00:00");
}

std::string iso_utc_now() {
  return iso_utc(Clock::now());
}

std::string iso_naive_utc(TimePoint time) {
  return python_isoformat(time, "");
}

std::string ecs_timestamp(TimePoint time) {
  const Fields f = split<milliseconds>(time);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", f.year, f.month, f.day,
                     f.hour, f.minute, f.second, f.sub_second);
}

std::optional<TimePoint> parse_iso8601(std::string_view text) {
  Cursor in(text);
  int year = 0, month = 0, day = 0;
  if (!in.digits(4, year) || !in.accept('-') || !in.digits(2, month) || !in.accept('-') ||
      !in.digits(2, day)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;

  int hour = 0, minute = 0, second = 0;
  std::int64_t nanos = 0;
  std::chrono::minutes offset{0};
  if (!in.done()) {
    if (!in.accept('T') && !in.accept('t') && !in.accept(' ')) return std::nullopt;
    if (!in.digits(2, hour) || !in.accept(':') || !in.digits(2, minute)) return std::nullopt;
    if (in.accept(':')) {
      if (!in.digits(2, second)) return std::nullopt;
      if ((in.accept('.') || in.accept(',')) && !in.fraction(nanos)) return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;

    if (in.accept('Z') || in.accept('z')) {
      // UTC
    } else if (in.peek() == '+' || in.peek() == '-') {
      const int sign = in.peek() == '-' ? -1 : 1;
      in.accept(in.peek());
      int offset_hours = 0, offset_minutes = 0;
      if (!in.digits(2, offset_hours)) return std::nullopt;
      if (in.accept(':')) {
        if (!in.digits(2, offset_minutes)) return std::nullopt;
      } else if (!in.done()) {
        if (!in.digits(2, offset_minutes)) return std::nullopt;
      }
      if (offset_hours > 23 || offset_minutes > 59) return std::nullopt;
      offset = std::chrono::minutes(sign * (offset_hours * 60 + offset_minutes));
    }
  }
  if (!in.done()) return std::nullopt;

  const auto local = std::chrono::sys_days{date} + std::chrono::hours(hour) +
                     std::chrono::minutes(minute) + std::chrono::seconds(second) +
                     nanoseconds(nanos);
  return std::chrono::time_point_cast<Clock::duration>(local - offset);
}

}  // namespace ei::core
