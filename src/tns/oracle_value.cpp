#include "tns/oracle_value.hpp"

#include <bit>
#include <cstring>

#include "tns/ttc_reader.hpp"

namespace ei::tns {

namespace {

std::uint8_t at(std::string_view bytes, std::size_t i) {
  return static_cast<std::uint8_t>(bytes[i]);
}

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

}  // namespace

OracleNumber decode_number(std::string_view bytes) {
  if (bytes.empty() || bytes.size() > 21) {
    throw TtcFormatError("a NUMBER of " + std::to_string(bytes.size()) + " bytes");
  }
  const bool positive = (at(bytes, 0) & 0x80) != 0;
  if (bytes.size() == 1) {
    // A lone exponent byte: zero, or (negative) the smallest NUMBER, -1E126.
    if (positive) return {"0", true};
    return {"-1" + std::string(126, '0'), true};
  }
  const auto exponent_byte = positive ? at(bytes, 0) : static_cast<std::uint8_t>(~at(bytes, 0));
  const int exponent = (exponent_byte & 0x7F) - 65;  // of the first base-100 digit
  auto mantissa = bytes.substr(1);
  if (!positive && at(mantissa, mantissa.size() - 1) == 102) mantissa.remove_suffix(1);
  std::string digits;
  for (std::size_t i = 0; i < mantissa.size(); ++i) {
    const int byte = at(mantissa, i);
    const int digit = positive ? byte - 1 : 101 - byte;
    if (digit < 0 || digit > 99) throw TtcFormatError("a NUMBER digit out of range");
    digits.push_back(static_cast<char>('0' + digit / 10));
    digits.push_back(static_cast<char>('0' + digit % 10));
  }
  // The decimal point falls after 2 * (exponent + 1) of these digits.
  const long point = 2L * (exponent + 1);
  std::string integer_part;
  std::string fraction;
  if (point <= 0) {
    fraction = std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    integer_part = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    integer_part = digits.substr(0, static_cast<std::size_t>(point));
    fraction = digits.substr(static_cast<std::size_t>(point));
  }
  const auto first = integer_part.find_first_not_of('0');
  integer_part = first == std::string::npos ? "0" : integer_part.substr(first);
  const auto last = fraction.find_last_not_of('0');
  fraction = last == std::string::npos ? "" : fraction.substr(0, last + 1);
  OracleNumber out;
  out.integer = fraction.empty();
  out.text = (positive ? "" : "-") + integer_part + (fraction.empty() ? "" : "." + fraction);
  return out;
}

OracleDateTime decode_datetime(std::string_view bytes) {
  if (bytes.size() < 7)
    throw TtcFormatError("a DATE of " + std::to_string(bytes.size()) + " bytes");
  OracleDateTime out;
  out.year = (at(bytes, 0) - 100) * 100 + at(bytes, 1) - 100;
  out.month = at(bytes, 2);
  out.day = at(bytes, 3);
  out.hour = at(bytes, 4) - 1;
  out.minute = at(bytes, 5) - 1;
  out.second = at(bytes, 6) - 1;
  if (bytes.size() >= 11) {
    out.nanosecond =
        static_cast<int>((static_cast<std::uint32_t>(at(bytes, 7)) << 24) |
                         (static_cast<std::uint32_t>(at(bytes, 8)) << 16) |
                         (static_cast<std::uint32_t>(at(bytes, 9)) << 8) | at(bytes, 10));
  }
  if (bytes.size() >= 13 && at(bytes, 11) != 0 && at(bytes, 12) != 0) {
    if (at(bytes, 11) & 0x80) {
      throw TtcFormatError("a time zone by region name (only numeric offsets are read)");
    }
    out.utc_offset_minutes = (at(bytes, 11) - 20) * 60 + (at(bytes, 12) - 60);
  }
  if (out.month < 1 || out.month > 12 || out.day < 1 || out.day > 31 || out.hour < 0 ||
      out.hour > 23 || out.minute < 0 || out.minute > 59 || out.second < 0 || out.second > 59) {
    throw TtcFormatError("a DATE with fields out of range");
  }
  return out;
}

double decode_binary_double(std::string_view bytes) {
  if (bytes.size() != 8)
    throw TtcFormatError("a BINARY_DOUBLE of " + std::to_string(bytes.size()) + " bytes");
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < 8; ++i) bits = (bits << 8) | at(bytes, i);
  // Stored so that the bytes sort as the numbers do: positives with the sign bit set,
  // negatives with every bit inverted.
  bits = (bits & (1ULL << 63)) ? bits & ~(1ULL << 63) : ~bits;
  return std::bit_cast<double>(bits);
}

float decode_binary_float(std::string_view bytes) {
  if (bytes.size() != 4)
    throw TtcFormatError("a BINARY_FLOAT of " + std::to_string(bytes.size()) + " bytes");
  std::uint32_t bits = 0;
  for (std::size_t i = 0; i < 4; ++i) bits = (bits << 8) | at(bytes, i);
  bits = (bits & (1U << 31)) ? bits & ~(1U << 31) : ~bits;
  return std::bit_cast<float>(bits);
}

std::string utf16be_to_utf8(std::string_view bytes) {
  if (bytes.size() % 2 != 0) throw TtcFormatError("UTF-16 text of an odd number of bytes");
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    std::uint32_t unit = (static_cast<std::uint32_t>(at(bytes, i)) << 8) | at(bytes, i + 1);
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 3 < bytes.size()) {
      const std::uint32_t low =
          (static_cast<std::uint32_t>(at(bytes, i + 2)) << 8) | at(bytes, i + 3);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) unit = 0xFFFD;  // a lone surrogate
    append_utf8(out, unit);
  }
  return out;
}

bool readable_type(std::uint8_t ora_type) {
  switch (static_cast<OracleType>(ora_type)) {
    case OracleType::varchar:
    case OracleType::char_text:
    case OracleType::long_text:
    case OracleType::clob:
    case OracleType::number:
    case OracleType::binary_double:
    case OracleType::binary_float:
    case OracleType::date:
    case OracleType::timestamp:
    case OracleType::timestamp_tz:
    case OracleType::timestamp_ltz:
    case OracleType::raw:
    case OracleType::long_raw:
    case OracleType::blob:
      return true;
    default:
      return false;
  }
}

Value decode_value(const Column& column, std::string bytes) {
  switch (static_cast<OracleType>(column.ora_type)) {
    case OracleType::varchar:
    case OracleType::char_text:
    case OracleType::long_text:
    case OracleType::clob:
      if (column.charset_form == kCharsetFormNchar) return utf16be_to_utf8(bytes);
      return bytes;
    case OracleType::number:
      return decode_number(bytes);
    case OracleType::binary_double:
      return decode_binary_double(bytes);
    case OracleType::binary_float:
      return static_cast<double>(decode_binary_float(bytes));
    case OracleType::date:
    case OracleType::timestamp:
    case OracleType::timestamp_tz:
    case OracleType::timestamp_ltz:
      return decode_datetime(bytes);
    case OracleType::raw:
    case OracleType::long_raw:
    case OracleType::blob:
      return OracleBinary{std::move(bytes)};
    default:
      throw TtcFormatError("column " + column.name + " has the type " + type_name(column.ora_type) +
                           ", which this client does not read");
  }
}

std::string type_name(std::uint8_t ora_type) {
  switch (static_cast<OracleType>(ora_type)) {
    case OracleType::varchar:
      return "VARCHAR2";
    case OracleType::number:
      return "NUMBER";
    case OracleType::long_text:
      return "LONG";
    case OracleType::rowid:
      return "ROWID";
    case OracleType::date:
      return "DATE";
    case OracleType::raw:
      return "RAW";
    case OracleType::long_raw:
      return "LONG RAW";
    case OracleType::char_text:
      return "CHAR";
    case OracleType::binary_float:
      return "BINARY_FLOAT";
    case OracleType::binary_double:
      return "BINARY_DOUBLE";
    case OracleType::clob:
      return "CLOB";
    case OracleType::blob:
      return "BLOB";
    case OracleType::bfile:
      return "BFILE";
    case OracleType::timestamp:
      return "TIMESTAMP";
    case OracleType::timestamp_tz:
      return "TIMESTAMP WITH TIME ZONE";
    case OracleType::interval_ym:
      return "INTERVAL YEAR TO MONTH";
    case OracleType::interval_ds:
      return "INTERVAL DAY TO SECOND";
    case OracleType::urowid:
      return "UROWID";
    case OracleType::timestamp_ltz:
      return "TIMESTAMP WITH LOCAL TIME ZONE";
  }
  return "type " + std::to_string(ora_type);
}

}  // namespace ei::tns
