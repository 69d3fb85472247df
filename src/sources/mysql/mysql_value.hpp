#pragma once

#include <mysql.h>

#include <string_view>

#include "sources/sql/sql_value.hpp"

namespace ei::sources::mysql {

// A text-protocol cell typed by its field as aiomysql returns it: integers (unsigned ones
// too), floats, DECIMAL as decimal, DATE/DATETIME/TIMESTAMP as naive dates, TIME as text,
// BIT and binary-collated strings/BLOBs as bytes, everything else as a string.
sql::SqlValue decode_mysql_value(const MYSQL_FIELD& field, std::string_view text);

}  // namespace ei::sources::mysql
