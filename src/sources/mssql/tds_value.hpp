#pragma once

#include <sybdb.h>

#include <cstdint>
#include <string>

#include "sources/sql/sql_value.hpp"

namespace ei::sources::mssql {

// The value of column `column` (1-based) of the current row, typed as the reference's driver
// returns it: integers, bit as bool, float/real as double, decimal/numeric/money as exact
// text, character types as UTF-8, binary as bytes, date/datetime2/datetimeoffset/datetime
// as dates (datetimeoffset in its own offset), time as text, uniqueidentifier as its
// lower-case text. NULL is monostate.
sql::SqlValue tds_value(DBPROCESS* process, int column);

// The pieces of the conversion, public for tests.
sql::SqlValue ms_datetime_value(int type, const DBDATETIMEALL& value);
sql::SqlValue legacy_datetime_value(const DBDATETIME& value);
std::string guid_text(const std::uint8_t* bytes);

}  // namespace ei::sources::mssql
