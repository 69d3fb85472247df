#include "source/coercion.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "source/errors.hpp"

namespace ei::source {

namespace json = boost::json;

namespace {

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view strip(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Digits with single underscores between them (Python's numeric literal grouping); the
// underscores are dropped. Nothing when the text breaks that shape.
std::optional<std::string> digit_run(std::string_view text) {
  if (text.empty() || !is_digit(text.front()) || !is_digit(text.back())) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      if (text[i + 1] == '_') return std::nullopt;
      continue;
    }
    if (!is_digit(text[i])) return std::nullopt;
    out += text[i];
  }
  return out;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  text = strip(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  auto digits = digit_run(text);
  if (!digits) return std::nullopt;
  std::uint64_t magnitude = 0;
  auto [end, error] = std::from_chars(digits->data(), digits->data() + digits->size(), magnitude);
  if (error != std::errc() || end != digits->data() + digits->size()) return std::nullopt;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (magnitude > kMax + (negative ? 1 : 0)) return std::nullopt;  // beyond a JSON integer
  if (negative) return static_cast<std::int64_t>(0 - magnitude);
  return static_cast<std::int64_t>(magnitude);
}

std::optional<double> parse_float(std::string_view text) {
  text = strip(text);
  std::string sign;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    if (text.front() == '-') sign = "-";
    text.remove_prefix(1);
  }
  const std::string word = lower(text);
  if (word == "inf" || word == "infinity") {
    return sign.empty() ? std::numeric_limits<double>::infinity()
                        : -std::numeric_limits<double>::infinity();
  }
  if (word == "nan") return std::numeric_limits<double>::quiet_NaN();

  // mantissa: digits[.digits] | .digits ; then optional exponent.
  std::string normalized = sign;
  const auto e = text.find_first_of("eE");
  std::string_view mantissa = text.substr(0, e);
  const auto point = mantissa.find('.');
  std::string_view whole = mantissa.substr(0, point);
  std::string_view fraction =
      point == std::string_view::npos ? std::string_view{} : mantissa.substr(point + 1);
  if (whole.empty() && fraction.empty()) return std::nullopt;
  if (!whole.empty()) {
    auto digits = digit_run(whole);
    if (!digits) return std::nullopt;
    normalized += *digits;
  } else {
    normalized += '0';
  }
  if (!fraction.empty()) {
    auto digits = digit_run(fraction);
    if (!digits) return std::nullopt;
    normalized += "." + *digits;
  }
  if (e != std::string_view::npos) {
    std::string_view exponent = text.substr(e + 1);
    normalized += 'e';
    if (!exponent.empty() && (exponent.front() == '+' || exponent.front() == '-')) {
      normalized += exponent.front();
      exponent.remove_prefix(1);
    }
    auto digits = digit_run(exponent);
    if (!digits) return std::nullopt;
    normalized += *digits;
  }
  double value = 0;
  auto [end, error] =
      std::from_chars(normalized.data(), normalized.data() + normalized.size(), value);
  if (error == std::errc::result_out_of_range) {
    // Python overflows to inf and underflows to 0 instead of failing.
    return std::strtod(normalized.c_str(), nullptr);
  }
  if (error != std::errc() || end != normalized.data() + normalized.size()) return std::nullopt;
  return value;
}

[[noreturn]] void conversion_error(std::string_view key, std::string_view text, FieldType type) {
  throw ConfigurationError("Configuration field '" + std::string(key) + "': cannot convert '" +
                           std::string(text) + "' to " + std::string(to_string(type)));
}

}  // namespace

json::value coerce_value(const json::value& value, FieldType type, std::string_view key) {
  if (!value.is_string()) return value;
  const std::string_view text = value.get_string();
  switch (type) {
    case FieldType::kInt:
      if (auto parsed = parse_int(text)) return *parsed;
      conversion_error(key, text, type);
    case FieldType::kFloat:
      if (auto parsed = parse_float(text)) return *parsed;
      conversion_error(key, text, type);
    case FieldType::kBool: {
      const std::string word = lower(text);
      return word == "y" || word == "yes" || word == "true" || word == "1";
    }
    case FieldType::kList: {
      json::array items;
      std::size_t start = 0;
      for (;;) {
        const auto comma = text.find(',', start);
        items.emplace_back(strip(text.substr(start, comma - start)));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      return items;
    }
    case FieldType::kStr:
      break;
  }
  return value;
}

bool is_empty_value(const json::value& value) {
  if (value.is_string()) return value.get_string().empty();
  if (value.is_array()) {
    for (const auto& item : value.get_array()) {
      if (!item.is_null() && !(item.is_string() && item.get_string().empty())) return false;
    }
    return true;
  }
  return value.is_null();
}

}  // namespace ei::source
