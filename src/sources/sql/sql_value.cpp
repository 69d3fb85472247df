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

// Decimal text is zero when every digit is 0 (e.g. "0", "-0.00", "0E+2").
bool decimal_is_zero(std::string_view text) {
  for (char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c >= '1' && c <= '9') return false;
  }
  return text.find_first_of("0123456789") != std::string_view::npos;
}

}  // namespace

bool is_null(const SqlValue& value) {
  return std::holds_alternative<std::monostate>(value);
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
          [](const SqlDate& v) -> json::value { return json::string(core::isoformat(v)); },
          [](const SqlDateTime& v) -> json::value { return json::string(core::isoformat(v)); },
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
          [](const SqlDate& v) -> std::string { return core::isoformat(v); },
          [](const SqlDateTime& v) -> std::string { return core::isoformat(v, ' '); },
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
