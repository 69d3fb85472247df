#include "filtering/python_text.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace ei::filtering {

namespace json = boost::json;

namespace {

// Decodes one UTF-8 sequence at `pos`; nothing (and `length` 1) for an invalid byte.
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t pos, std::size_t& length) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = byte(0);
  length = 1;
  std::size_t extra = 0;
  char32_t code = 0;
  if (lead < 0x80) return lead;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    code = lead & 0x07;
  } else {
    return std::nullopt;
  }
  if (pos + extra >= text.size()) return std::nullopt;
  for (std::size_t i = 1; i <= extra; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return std::nullopt;
    code = (code << 6) | (byte(i) & 0x3F);
  }
  length = extra + 1;
  return code;
}

// Python's str.isprintable() for one code point, approximated without the Unicode tables:
// control, format, separator (other than space), surrogate and private-use ranges.
bool is_printable(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD) return false;
  if ((c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F) return false;
  if (c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x200F)) return false;
  if ((c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000) return false;
  if ((c >= 0xD800 && c <= 0xF8FF) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB)) return false;
  if (c == 0xE0001 || (c >= 0xE0020 && c <= 0xE007F) || c >= 0xF0000) return false;
  return true;
}

void append_repr(std::string& out, const json::value& value);

void append_repr_string(std::string& out, std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  out += quote;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t length = 1;
    const auto code = decode_utf8(text, pos, length);
    if (!code) {  // not UTF-8: keep the byte, Python strings cannot hold it anyway
      out += text[pos++];
      continue;
    }
    const char32_t c = *code;
    if (c == static_cast<char32_t>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (is_printable(c)) {
      out.append(text.substr(pos, length));
    } else if (c < 0x100) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
    } else if (c < 0x10000) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += fmt::format("\\U{:08x}", static_cast<unsigned>(c));
    }
    pos += length;
  }
  out += quote;
}

void append_scalar(std::string& out, const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      out += "None";
      break;
    case json::kind::bool_:
      out += value.get_bool() ? "True" : "False";
      break;
    case json::kind::int64:
      out += std::to_string(value.get_int64());
      break;
    case json::kind::uint64:
      out += std::to_string(value.get_uint64());
      break;
    case json::kind::double_:
      out += python_float_repr(value.get_double());
      break;
    default:
      break;
  }
}

void append_repr(std::string& out, const json::value& value) {
  if (value.is_string()) {
    append_repr_string(out, value.get_string());
  } else if (value.is_array()) {
    out += '[';
    bool first = true;
    for (const auto& item : value.get_array()) {
      if (!first) out += ", ";
      first = false;
      append_repr(out, item);
    }
    out += ']';
  } else if (value.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& entry : value.get_object()) {
      if (!first) out += ", ";
      first = false;
      append_repr_string(out, entry.key());
      out += ": ";
      append_repr(out, entry.value());
    }
    out += '}';
  } else {
    append_scalar(out, value);
  }
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Copies digits with single underscores between them (Python's digitpart) into `out`;
// false when there is no digit or an underscore is misplaced.
bool read_digit_part(std::string_view text, std::size_t& pos, std::string& out) {
  if (pos >= text.size() || !is_digit(text[pos])) return false;
  while (pos < text.size()) {
    if (is_digit(text[pos])) {
      out += text[pos++];
    } else if (text[pos] == '_' && pos + 1 < text.size() && is_digit(text[pos + 1])) {
      ++pos;
    } else {
      break;
    }
  }
  return true;
}

bool is_python_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
         (c >= '\x1c' && c <= '\x1f');
}

}  // namespace

std::string python_float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  if (value == 0.0) return std::signbit(value) ? "-0.0" : "0.0";

  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string_view scientific(buffer, static_cast<std::size_t>(result.ptr - buffer));
  const std::size_t e = scientific.find('e');
  std::string digits;
  for (char c : scientific.substr(0, e)) {
    if (is_digit(c)) digits += c;
  }
  const int exponent = std::atoi(std::string(scientific.substr(e + 1)).c_str());
  // Python's float_repr_style "short": the value is 0.DIGITS * 10**decpt; positional
  // notation when -4 < decpt <= 16, exponent notation otherwise.
  const int decpt = exponent + 1;
  std::string out = value < 0 ? "-" : "";
  const int count = static_cast<int>(digits.size());
  if (decpt <= -4 || decpt > 16) {
    out += digits[0];
    if (count > 1) out += "." + digits.substr(1);
    out += fmt::format("e{}{:02d}", exponent < 0 ? '-' : '+', std::abs(exponent));
  } else if (decpt <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
  } else if (decpt >= count) {
    out += digits + std::string(static_cast<std::size_t>(decpt - count), '0') + ".0";
  } else {
    out += digits.substr(0, static_cast<std::size_t>(decpt)) + "." +
           digits.substr(static_cast<std::size_t>(decpt));
  }
  return out;
}

std::optional<double> parse_python_float(std::string_view text) {
  while (!text.empty() && is_python_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_python_space(text.back())) text.remove_suffix(1);

  std::size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }
  const std::string word = casefold(text.substr(pos));
  if (word == "inf" || word == "infinity") {
    return negative ? -HUGE_VAL : HUGE_VAL;
  }
  if (word == "nan") return negative ? -std::nan("") : std::nan("");

  std::string clean = negative ? "-" : "";
  const bool integer_part = read_digit_part(text, pos, clean);
  bool fraction_part = false;
  if (pos < text.size() && text[pos] == '.') {
    clean += text[pos++];
    std::size_t before = pos;
    fraction_part = read_digit_part(text, pos, clean);
    if (!fraction_part) pos = before;
  }
  if (!integer_part && !fraction_part) return std::nullopt;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    clean += text[pos++];
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) clean += text[pos++];
    if (!read_digit_part(text, pos, clean)) return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  double value = 0;
  const auto result = std::from_chars(clean.data(), clean.data() + clean.size(), value);
  if (result.ec == std::errc::result_out_of_range) {
    // Python rounds to infinity or to zero; strtod does the same (the grammar is checked).
    return std::strtod(clean.c_str(), nullptr);
  }
  if (result.ec != std::errc{}) return std::nullopt;
  return value;
}

std::string python_str(const json::value& value) {
  if (value.is_string()) return std::string(value.get_string());
  std::string out;
  append_repr(out, value);
  return out;
}

std::string python_repr(const json::value& value) {
  std::string out;
  append_repr(out, value);
  return out;
}

std::string python_string_repr(std::string_view text) {
  std::string out;
  append_repr_string(out, text);
  return out;
}

std::string casefold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const std::string_view rest = text.substr(i);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (rest.starts_with("\xC5\xBF")) {  // U+017F LATIN SMALL LETTER LONG S
      out += 's';
      i += 1;
    } else if (rest.starts_with("\xE2\x84\xAA")) {  // U+212A KELVIN SIGN
      out += 'k';
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace ei::filtering
