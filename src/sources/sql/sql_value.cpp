#include "sources/sql/sql_value.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/utf8.hpp"

namespace ei::sources::sql {

namespace json = boost::json;

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// Python's repr of a float: shortest round-trip digits, with ".0" for integral values.
std::string python_float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  std::string text(buffer, end);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

bool parse_int(std::string_view text, int& out) {
  auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc{} && ptr == text.data() + text.size();
}

// Decimal text is zero when every digit is 0 (e.g. "0", "-0.00", "0E+2").
bool decimal_is_zero(std::string_view text) {
  for (char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c >= '1' && c <= '9') return false;
  }
  return text.find_first_of("0123456789") != std::string_view::npos;
}

std::string two_digits(int value) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%02d", value);
  return buffer;
}

}  // namespace

bool is_null(const SqlValue& value) {
  return std::holds_alternative<std::monostate>(value);
}

std::string isoformat(const SqlDate& value) {
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", value.year, value.month, value.day);
  return buffer;
}

std::string isoformat(const SqlDateTime& value, char separator) {
  std::string text = isoformat(value.date);
  text += separator;
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "%02d:%02d:%02d", value.hour, value.minute, value.second);
  text += buffer;
  if (value.microsecond != 0) {
    std::snprintf(buffer, sizeof(buffer), ".%06d", value.microsecond);
    text += buffer;
  }
  if (value.utc_offset_minutes) {
    const int offset = *value.utc_offset_minutes;
    const int magnitude = std::abs(offset);
    text += offset < 0 ? '-' : '+';
    text += two_digits(magnitude / 60) + ":" + two_digits(magnitude % 60);
  }
  return text;
}

std::optional<SqlDate> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  SqlDate date;
  if (!parse_int(text.substr(0, 4), date.year) || !parse_int(text.substr(5, 2), date.month) ||
      !parse_int(text.substr(8, 2), date.day)) {
    return std::nullopt;
  }
  if (date.year < 1 || date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) {
    return std::nullopt;  // zero dates and the like are not datetimes in Python
  }
  return date;
}

std::optional<SqlDateTime> parse_datetime(std::string_view text) {
  if (text.size() < 19 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  auto date = parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  SqlDateTime value;
  value.date = *date;
  if (!parse_int(text.substr(11, 2), value.hour) || !parse_int(text.substr(14, 2), value.minute) ||
      !parse_int(text.substr(17, 2), value.second)) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest[0] == '.') {
    std::size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    std::string fraction(rest.substr(1, digits - 1));
    fraction.resize(6, '0');  // microseconds; finer digits are not stored by either DB
    if (!parse_int(fraction, value.microsecond)) return std::nullopt;
    rest = rest.substr(digits);
  }
  if (!rest.empty()) {
    if (rest[0] != '+' && rest[0] != '-') return std::nullopt;
    const int sign = rest[0] == '-' ? -1 : 1;
    int hours = 0;
    int minutes = 0;
    if (rest.size() < 3 || !parse_int(rest.substr(1, 2), hours)) return std::nullopt;
    if (rest.size() >= 6 && rest[3] == ':' && !parse_int(rest.substr(4, 2), minutes)) {
      return std::nullopt;
    }
    value.utc_offset_minutes = sign * (hours * 60 + minutes);
  }
  return value;
}

SqlDateTime utc_now(bool aware) {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto days = floor<std::chrono::days>(now);
  const year_month_day ymd(days);
  const hh_mm_ss time(floor<microseconds>(now - days));
  SqlDateTime value;
  value.date = {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day()))};
  value.hour = static_cast<int>(time.hours().count());
  value.minute = static_cast<int>(time.minutes().count());
  value.second = static_cast<int>(time.seconds().count());
  value.microsecond = static_cast<int>(time.subseconds().count());
  if (aware) value.utc_offset_minutes = 0;
  return value;
}

json::value to_json(const SqlValue& value) {
  return std::visit(
      Overloaded{
          [](std::monostate) -> json::value { return nullptr; },
          [](bool v) -> json::value { return v; },
          [](std::int64_t v) -> json::value { return v; },
          [](std::uint64_t v) -> json::value { return v; },
          [](double v) -> json::value {
            if (!std::isfinite(v)) return json::string(python_float_repr(v));  // no JSON form
            return v;
          },
          [](const SqlDecimal& v) -> json::value {
            double parsed = 0;
            auto [ptr, error] =
                std::from_chars(v.text.data(), v.text.data() + v.text.size(), parsed);
            if (error != std::errc{} || !std::isfinite(parsed)) return json::string(v.text);
            return parsed;
          },
          [](const std::string& v) -> json::value { return json::string(v); },
          [](const SqlBytes& v) -> json::value {
            return json::string(core::drop_invalid_utf8(v.data));
          },
          [](const SqlDate& v) -> json::value { return json::string(isoformat(v)); },
          [](const SqlDateTime& v) -> json::value { return json::string(isoformat(v)); },
          [](const SqlTime& v) -> json::value { return json::string(v.text); },
      },
      value);
}

std::string python_str(const SqlValue& value) {
  return std::visit(
      Overloaded{
          [](std::monostate) -> std::string { return "None"; },
          [](bool v) -> std::string { return v ? "True" : "False"; },
          [](std::int64_t v) -> std::string { return std::to_string(v); },
          [](std::uint64_t v) -> std::string { return std::to_string(v); },
          [](double v) -> std::string { return python_float_repr(v); },
          [](const SqlDecimal& v) -> std::string { return v.text; },
          [](const std::string& v) -> std::string { return v; },
          [](const SqlBytes& v) -> std::string { return core::drop_invalid_utf8(v.data); },
          [](const SqlDate& v) -> std::string { return isoformat(v); },
          [](const SqlDateTime& v) -> std::string { return isoformat(v, ' '); },
          [](const SqlTime& v) -> std::string { return v.text; },
      },
      value);
}

bool python_truthy(const SqlValue& value) {
  return std::visit(Overloaded{
                        [](std::monostate) { return false; },
                        [](bool v) { return v; },
                        [](std::int64_t v) { return v != 0; },
                        [](std::uint64_t v) { return v != 0; },
                        [](double v) { return v != 0.0; },
                        [](const SqlDecimal& v) { return !decimal_is_zero(v.text); },
                        [](const std::string& v) { return !v.empty(); },
                        [](const SqlBytes& v) { return !v.data.empty(); },
                        [](const SqlDate&) { return true; },
                        [](const SqlDateTime&) { return true; },
                        [](const SqlTime&) { return true; },
                    },
                    value);
}

}  // namespace ei::sources::sql
