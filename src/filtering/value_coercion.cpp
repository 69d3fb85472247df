#include "filtering/value_coercion.hpp"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "filtering/python_text.hpp"

namespace ei::filtering {

namespace json = boost::json;

namespace {

constexpr double kTwoPow63 = 9223372036854775808.0;
constexpr double kTwoPow64 = 18446744073709551616.0;

// The sign of `d - trunc(d)`: what decides when the integral parts are equal.
std::partial_ordering fraction_order(double d) {
  const double fraction = d - std::trunc(d);
  if (fraction > 0) return std::partial_ordering::less;
  if (fraction < 0) return std::partial_ordering::greater;
  return std::partial_ordering::equivalent;
}

// Python compares int and float exactly (no rounding of the integer to a double).
std::partial_ordering compare_exact(std::int64_t i, double d) {
  if (std::isnan(d)) return std::partial_ordering::unordered;
  if (d >= kTwoPow63) return std::partial_ordering::less;
  if (d < -kTwoPow63) return std::partial_ordering::greater;
  const auto whole = static_cast<std::int64_t>(std::trunc(d));
  if (i != whole) return i < whole ? std::partial_ordering::less : std::partial_ordering::greater;
  return fraction_order(d);
}

std::partial_ordering compare_exact(std::uint64_t u, double d) {
  if (std::isnan(d)) return std::partial_ordering::unordered;
  if (d >= kTwoPow64) return std::partial_ordering::less;
  if (d < 0) return std::partial_ordering::greater;
  const auto whole = static_cast<std::uint64_t>(std::trunc(d));
  if (u != whole) return u < whole ? std::partial_ordering::less : std::partial_ordering::greater;
  return fraction_order(d);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// dateutil's two-digit years: the century that puts the year within 50 years of now.
int expand_year(int year, std::size_t digits) {
  if (digits > 2) return year;
  const std::chrono::year_month_day today{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  const int this_year = static_cast<int>(today.year());
  int full = year + this_year / 100 * 100;
  if (full >= this_year + 50) full -= 100;
  if (full < this_year - 50) full += 100;
  return full;
}

bool valid_date(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return std::chrono::year_month_day{std::chrono::year{year},
                                     std::chrono::month{static_cast<unsigned>(month)},
                                     std::chrono::day{static_cast<unsigned>(day)}}
      .ok();
}

// `A<sep>B<sep>C` with one separator of `-`, `/`, `.`; returns the ISO date or nothing.
std::optional<std::string> numeric_date_to_iso(std::string_view date) {
  std::vector<std::string_view> parts;
  char separator = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= date.size(); ++i) {
    if (i == date.size() || !is_digit(date[i])) {
      if (i < date.size()) {
        const char c = date[i];
        if (c != '-' && c != '/' && c != '.') return std::nullopt;
        if (separator != 0 && c != separator) return std::nullopt;
        separator = c;
      }
      if (i == start) return std::nullopt;
      parts.push_back(date.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 3) return std::nullopt;
  const auto number = [](std::string_view text) {
    int value = 0;
    for (char c : text) value = value * 10 + (c - '0');
    return value;
  };
  for (const auto part : parts) {
    if (part.size() > 4) return std::nullopt;
  }
  int year = 0;
  int month = 0;
  int day = 0;
  if (parts[0].size() == 4) {  // Y/M/D, or Y/D/M when the middle cannot be a month
    year = number(parts[0]);
    month = number(parts[1]);
    day = number(parts[2]);
    if (month > 12) std::swap(month, day);
  } else if (parts[2].size() == 4 || parts[2].size() <= 2) {  // M/D/Y, or D/M/Y
    if (parts[0].size() > 2 || parts[1].size() > 2) return std::nullopt;
    month = number(parts[0]);
    day = number(parts[1]);
    if (month > 12) std::swap(month, day);
    year = expand_year(number(parts[2]), parts[2].size());
  } else {
    return std::nullopt;
  }
  if (!valid_date(year, month, day)) return std::nullopt;
  return core::isoformat(core::CivilDate{year, month, day});
}

}  // namespace

std::optional<bool> to_bool(std::string_view text) {
  // The reference matches `^(...)$` with Python's `re`, whose `$` also matches before a
  // final newline.
  std::string folded = casefold(text);
  if (text.empty()) return false;
  if (folded.ends_with('\n')) folded.pop_back();
  if (folded == "false" || folded == "f" || folded == "no" || folded == "n" || folded == "off") {
    return false;
  }
  if (folded == "true" || folded == "t" || folded == "yes" || folded == "y" || folded == "on") {
    return true;
  }
  return std::nullopt;
}

std::optional<core::TimePoint> parse_flexible_datetime(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (auto iso = core::parse_iso8601(text)) return iso;

  std::size_t date_end = 0;
  while (date_end < text.size() && text[date_end] != ' ' && text[date_end] != 'T') ++date_end;
  const auto date = numeric_date_to_iso(text.substr(0, date_end));
  if (!date) return std::nullopt;
  std::string rebuilt = *date;
  if (date_end < text.size()) {
    rebuilt += 'T';
    rebuilt.append(text.substr(date_end + 1));
  }
  return core::parse_iso8601(rebuilt);
}

CoercedValue try_coerce(std::string_view text) {
  if (auto number = parse_python_float(text)) return *number;
  if (auto date = parse_flexible_datetime(text)) return *date;
  if (auto boolean = to_bool(text)) return *boolean;
  return std::string(text);
}

std::optional<std::partial_ordering> compare_to_rule_value(const json::value& document_value,
                                                           std::string_view rule_value) {
  switch (document_value.kind()) {
    case json::kind::string: {
      const int order = std::string_view(document_value.get_string()).compare(rule_value);
      // char_traits<char> compares as unsigned char: UTF-8 byte order is code point order.
      if (order < 0) return std::partial_ordering::less;
      if (order > 0) return std::partial_ordering::greater;
      return std::partial_ordering::equivalent;
    }
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: {
      const auto number = parse_python_float(rule_value);
      if (!number) return std::nullopt;  // number against the rule value as a string
      if (document_value.is_int64()) return compare_exact(document_value.get_int64(), *number);
      if (document_value.is_uint64()) return compare_exact(document_value.get_uint64(), *number);
      return document_value.get_double() <=> *number;
    }
    default:
      // A boolean against the text "True"/"False"/value, null, arrays and objects against
      // the rule value as a string: never equal, never ordered.
      return std::nullopt;
  }
}

}  // namespace ei::filtering
