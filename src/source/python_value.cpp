#include "source/python_value.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace ei::source {

namespace json = boost::json;

namespace {

bool is_number(const json::value& value) {
  return value.is_int64() || value.is_uint64() || value.is_double() || value.is_bool();
}

// Exact integers stay exact; a float on either side compares as floats, as Python does
// for the magnitudes configuration values have.
int compare_numbers(const json::value& left, const json::value& right) {
  auto as_int = [](const json::value& v, std::int64_t& out) {
    if (v.is_bool()) return out = v.get_bool() ? 1 : 0, true;
    if (v.is_int64()) return out = v.get_int64(), true;
    return false;
  };
  std::int64_t a = 0, b = 0;
  if (as_int(left, a) && as_int(right, b)) return a < b ? -1 : (a > b ? 1 : 0);
  auto as_double = [](const json::value& v) {
    if (v.is_bool()) return v.get_bool() ? 1.0 : 0.0;
    if (v.is_int64()) return static_cast<double>(v.get_int64());
    if (v.is_uint64()) return static_cast<double>(v.get_uint64());
    return v.get_double();
  };
  const double x = as_double(left), y = as_double(right);
  return x < y ? -1 : (x > y ? 1 : 0);
}

// repr(float): shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16,
// otherwise scientific with a two-digit exponent (1e+16, 1.5e-07).
std::string float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  std::string_view text(buffer, result.ptr - buffer);
  std::string sign;
  if (text.front() == '-') {
    sign = "-";
    text.remove_prefix(1);
  }
  const auto e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  int exponent = 0;
  std::string_view exp_text = text.substr(e + 1);
  if (exp_text.front() == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  const int point = exponent + 1;  // digits before the decimal point
  const auto count = static_cast<int>(digits.size());
  if (point > -4 && point <= 16) {
    if (point <= 0) return sign + "0." + std::string(-point, '0') + digits;
    if (point >= count) return sign + digits + std::string(point - count, '0') + ".0";
    return sign + digits.substr(0, point) + "." + digits.substr(point);
  }
  std::string out = sign + digits.substr(0, 1);
  if (count > 1) out += "." + digits.substr(1);
  const int shown = point - 1;
  out += shown < 0 ? "e-" : "e+";
  const int magnitude = shown < 0 ? -shown : shown;
  if (magnitude < 10) out += '0';
  out += std::to_string(magnitude);
  return out;
}

std::string string_repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c == quote) out += '\\';
        out += c;
    }
  }
  out += quote;
  return out;
}

}  // namespace

std::string python_str(const json::value& value) {
  if (value.is_string()) return std::string(value.get_string());
  return python_repr(value);
}

std::string python_repr(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      return "None";
    case json::kind::bool_:
      return value.get_bool() ? "True" : "False";
    case json::kind::int64:
      return std::to_string(value.get_int64());
    case json::kind::uint64:
      return std::to_string(value.get_uint64());
    case json::kind::double_:
      return float_repr(value.get_double());
    case json::kind::string:
      return string_repr(value.get_string());
    case json::kind::array: {
      std::string out = "[";
      for (const auto& item : value.get_array()) {
        if (out.size() > 1) out += ", ";
        out += python_repr(item);
      }
      return out + "]";
    }
    case json::kind::object: {
      std::string out = "{";
      for (const auto& [key, item] : value.get_object()) {
        if (out.size() > 1) out += ", ";
        out += string_repr(key) + ": " + python_repr(item);
      }
      return out + "}";
    }
  }
  return {};
}

bool python_equal(const json::value& left, const json::value& right) {
  if (is_number(left) && is_number(right)) return compare_numbers(left, right) == 0;
  if (left.kind() != right.kind()) return false;
  switch (left.kind()) {
    case json::kind::array: {
      const auto& a = left.get_array();
      const auto& b = right.get_array();
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!python_equal(a[i], b[i])) return false;
      }
      return true;
    }
    case json::kind::object: {
      const auto& a = left.get_object();
      const auto& b = right.get_object();
      if (a.size() != b.size()) return false;
      for (const auto& [key, item] : a) {
        const auto* other = b.if_contains(key);
        if (other == nullptr || !python_equal(item, *other)) return false;
      }
      return true;
    }
    default:
      return left == right;
  }
}

std::optional<bool> python_less(const json::value& left, const json::value& right) {
  if (is_number(left) && is_number(right)) return compare_numbers(left, right) < 0;
  if (left.is_string() && right.is_string()) {
    // UTF-8 byte order is code point order, which is how Python orders str.
    return std::string_view(left.get_string()) < std::string_view(right.get_string());
  }
  if (left.is_array() && right.is_array()) {
    const auto& a = left.get_array();
    const auto& b = right.get_array();
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
      if (python_equal(a[i], b[i])) continue;
      return python_less(a[i], b[i]);
    }
    return a.size() < b.size();
  }
  return std::nullopt;
}

bool python_truthy(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      return false;
    case json::kind::bool_:
      return value.get_bool();
    case json::kind::int64:
      return value.get_int64() != 0;
    case json::kind::uint64:
      return value.get_uint64() != 0;
    case json::kind::double_:
      return value.get_double() != 0.0;
    case json::kind::string:
      return !value.get_string().empty();
    case json::kind::array:
      return !value.get_array().empty();
    case json::kind::object:
      return !value.get_object().empty();
  }
  return false;
}

}  // namespace ei::source
