#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/time.hpp"

namespace ei::sources::sql {

// A DECIMAL/NUMERIC value as the database wrote it (exact text).
struct SqlDecimal {
  std::string text;
};

// Raw bytes (bytea, BLOB, BIT).
struct SqlBytes {
  std::string data;
};

// Dates and timestamps (`utc_offset_minutes` set for time-zone-aware values).
using SqlDate = core::CivilDate;
using SqlDateTime = core::CivilDateTime;

// A time of day or an interval, kept as the database wrote it (the reference does not
// serialize them; text is the useful form).
struct SqlTime {
  std::string text;
};

// One cell of a result row, typed as the source drivers of the reference return it, so that
// both its JSON form (sources spec §0.6) and its Python `str()` (used in `_id`) are exact.
using SqlValue = std::variant<std::monostate, bool, std::int64_t, std::uint64_t, double, SqlDecimal,
                              std::string, SqlBytes, SqlDate, SqlDateTime, SqlTime>;

using SqlRow = std::vector<SqlValue>;

// Spec §0.6: dates and datetimes → isoformat, decimals → double, bytes → UTF-8 with invalid
// sequences dropped, NULL → null.
boost::json::value to_json(const SqlValue& value);

// Python's `str(value)` (datetime with a space, decimals as written, True/False, floats as
// repr): how key values appear in `_id`.
std::string python_str(const SqlValue& value);

// Python truthiness: NULL, 0, 0.0, Decimal 0, "", b"" and False are false.
bool python_truthy(const SqlValue& value);

bool is_null(const SqlValue& value);

}  // namespace ei::sources::sql
