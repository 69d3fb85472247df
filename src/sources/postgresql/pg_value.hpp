#pragma once

#include <libpq-fe.h>

#include <string_view>

#include "sources/sql/sql_value.hpp"

namespace ei::sources::postgresql {

// A cell in libpq's text format, typed by its column's type OID as asyncpg would return it:
// bool, integers, floats, numeric as decimal, bytea as bytes, date/timestamp(tz) as dates,
// time/interval as text, anything else (text, uuid, json, arrays...) as a string.
sql::SqlValue decode_pg_value(Oid type, std::string_view text);

}  // namespace ei::sources::postgresql
