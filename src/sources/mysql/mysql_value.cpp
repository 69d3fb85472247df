#include "sources/mysql/mysql_value.hpp"

#include <charconv>
#include <cstdint>
#include <string>

namespace ei::sources::mysql {

namespace {

constexpr unsigned int kBinaryCharset = 63;

template <typename Number>
bool parse_number(std::string_view text, Number& value) {
  auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && ptr == text.data() + text.size();
}

}  // namespace

sql::SqlValue decode_mysql_value(const MYSQL_FIELD& field, std::string_view text) {
  switch (field.type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR: {
      std::int64_t value = 0;
      if (parse_number(text, value)) return value;
      std::uint64_t unsigned_value = 0;
      if (parse_number(text, unsigned_value)) return unsigned_value;
      return std::string(text);
    }
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE: {
      double value = 0;
      if (parse_number(text, value)) return value;
      return std::string(text);
    }
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
      return sql::SqlDecimal{std::string(text)};
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
      if (auto date = core::parse_iso_date(text)) return *date;
      return std::string(text);  // zero dates are not dates in Python either
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP:
      if (auto datetime = core::parse_iso_datetime(text)) return *datetime;
      return std::string(text);
    case MYSQL_TYPE_TIME:
      return sql::SqlTime{std::string(text)};
    case MYSQL_TYPE_BIT:
      return sql::SqlBytes{std::string(text)};
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_STRING:
    case MYSQL_TYPE_VARCHAR:
      if (field.charsetnr == kBinaryCharset) return sql::SqlBytes{std::string(text)};
      return std::string(text);
    default:
      return std::string(text);  // JSON, ENUM, SET, GEOMETRY...
  }
}

}  // namespace ei::sources::mysql
