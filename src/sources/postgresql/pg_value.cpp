#include "sources/postgresql/pg_value.hpp"

#include <charconv>
#include <cstdint>
#include <string>

namespace ei::sources::postgresql {

namespace {

// Type OIDs of pg_type.dat (stable across server versions).
constexpr Oid kBool = 16;
constexpr Oid kBytea = 17;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kOid = 26;
constexpr Oid kFloat4 = 700;
constexpr Oid kFloat8 = 701;
constexpr Oid kDate = 1082;
constexpr Oid kTime = 1083;
constexpr Oid kTimestamp = 1114;
constexpr Oid kTimestampTz = 1184;
constexpr Oid kInterval = 1186;
constexpr Oid kTimeTz = 1266;
constexpr Oid kNumeric = 1700;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// bytea_output=hex (the default since 9.0): `\x` then two hex digits per byte.
sql::SqlValue decode_bytea(std::string_view text) {
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0) {
    return sql::SqlBytes{std::string(text)};
  }
  std::string bytes;
  bytes.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    const int high = hex_digit(text[i]);
    const int low = hex_digit(text[i + 1]);
    if (high < 0 || low < 0) return sql::SqlBytes{std::string(text)};
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  return sql::SqlBytes{std::move(bytes)};
}

}  // namespace

sql::SqlValue decode_pg_value(Oid type, std::string_view text) {
  switch (type) {
    case kBool:
      return text == "t";
    case kInt2:
    case kInt4:
    case kInt8:
    case kOid: {
      std::int64_t value = 0;
      auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error == std::errc{} && ptr == text.data() + text.size()) return value;
      std::uint64_t unsigned_value = 0;
      auto [uptr, uerror] = std::from_chars(text.data(), text.data() + text.size(), unsigned_value);
      if (uerror == std::errc{} && uptr == text.data() + text.size()) return unsigned_value;
      return std::string(text);
    }
    case kFloat4:
    case kFloat8: {
      double value = 0;
      auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error == std::errc{} && ptr == text.data() + text.size()) return value;
      return std::string(text);  // Infinity / NaN
    }
    case kNumeric:
      return sql::SqlDecimal{std::string(text)};
    case kBytea:
      return decode_bytea(text);
    case kDate:
      if (auto date = core::parse_iso_date(text)) return *date;
      return std::string(text);
    case kTimestamp:
    case kTimestampTz:
      if (auto datetime = core::parse_iso_datetime(text)) return *datetime;
      return std::string(text);
    case kTime:
    case kTimeTz:
    case kInterval:
      return sql::SqlTime{std::string(text)};
    default:
      return std::string(text);
  }
}

}  // namespace ei::sources::postgresql
