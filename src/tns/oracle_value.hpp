#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace ei::tns {

// Oracle's internal type numbers (the ones a column can have in a describe).
enum class OracleType : std::uint8_t {
  varchar = 1,  // VARCHAR2, NVARCHAR2 (by character set form)
  number = 2,
  long_text = 8,  // LONG
  rowid = 11,
  date = 12,
  raw = 23,
  long_raw = 24,
  char_text = 96,  // CHAR, NCHAR
  binary_float = 100,
  binary_double = 101,
  clob = 112,  // CLOB, NCLOB
  blob = 113,
  bfile = 114,
  timestamp = 180,
  timestamp_tz = 181,
  interval_ym = 182,
  interval_ds = 183,
  urowid = 208,
  timestamp_ltz = 231,
};

// The character set form of text columns: the database's (UTF-8 here) or the national one
// (AL16UTF16).
inline constexpr std::uint8_t kCharsetFormImplicit = 1;
inline constexpr std::uint8_t kCharsetFormNchar = 2;

// One column of a query's result, as the server described it.
struct Column {
  std::string name;
  std::uint8_t ora_type = 0;
  std::uint8_t charset_form = 0;
  std::int8_t precision = 0;
  std::int8_t scale = 0;
  std::uint32_t buffer_size = 0;
  std::uint32_t max_size = 0;
  bool nullable = true;
};

// NUMBER: the exact decimal text (no exponent), and whether it is a whole number.
struct OracleNumber {
  std::string text;
  bool integer = true;
  friend bool operator==(const OracleNumber&, const OracleNumber&) = default;
};

// DATE and TIMESTAMP (with `utc_offset_minutes` for TIMESTAMP WITH TIME ZONE, the time then
// being UTC).
struct OracleDateTime {
  int year = 1;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int nanosecond = 0;
  std::optional<int> utc_offset_minutes;
  friend bool operator==(const OracleDateTime&, const OracleDateTime&) = default;
};

// RAW, LONG RAW, BLOB.
struct OracleBinary {
  std::string bytes;
  friend bool operator==(const OracleBinary&, const OracleBinary&) = default;
};

// One cell: NULL, text (UTF-8), NUMBER, BINARY_FLOAT/DOUBLE, a date-time or bytes.
using Value =
    std::variant<std::monostate, std::string, OracleNumber, double, OracleDateTime, OracleBinary>;

// The decoders of Oracle's internal formats; each throws TtcFormatError on malformed bytes.
OracleNumber decode_number(std::string_view bytes);
OracleDateTime decode_datetime(std::string_view bytes);
double decode_binary_double(std::string_view bytes);
float decode_binary_float(std::string_view bytes);
std::string utf16be_to_utf8(std::string_view bytes);

// Whether this client reads values of the type (not: ROWID, intervals, objects, BFILE, ...).
bool readable_type(std::uint8_t ora_type);

// The value of a column's bytes (as sent in a row, after a define of LOBs as LONGs); throws
// TtcFormatError for types the client does not read (see readable_type).
Value decode_value(const Column& column, std::string bytes);

// "NUMBER", "VARCHAR2", ...: for messages.
std::string type_name(std::uint8_t ora_type);

}  // namespace ei::tns
