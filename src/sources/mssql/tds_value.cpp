#include "sources/mssql/tds_value.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>

namespace ei::sources::mssql {

namespace {

// uniqueidentifier: SYBUNIQUE of FreeTDS's internal tds.h, which sybdb.h does not declare.
constexpr int kGuidType = 0x24;

template <typename T>
T load(const BYTE* data) {
  T value;
  std::memcpy(&value, data, sizeof(T));
  return value;
}

// Days since 1900-01-01 (DB-Library's day zero, negative before it) as a civil date.
core::CivilDate date_from_1900(std::int64_t days) {
  using namespace std::chrono;
  const year_month_day day{sys_days{1900y / January / 1} + std::chrono::days(days)};
  return core::CivilDate{static_cast<int>(day.year()), static_cast<int>(unsigned(day.month())),
                         static_cast<int>(unsigned(day.day()))};
}

// A time of day in 100-nanosecond units.
void set_time(core::CivilDateTime& out, std::uint64_t ticks) {
  const std::uint64_t micros = ticks / 10;
  out.hour = static_cast<int>(micros / 3'600'000'000ULL);
  out.minute = static_cast<int>(micros / 60'000'000ULL % 60);
  out.second = static_cast<int>(micros / 1'000'000ULL % 60);
  out.microsecond = static_cast<int>(micros % 1'000'000ULL);
}

std::string converted_text(DBPROCESS* process, int type, const BYTE* data, DBINT length) {
  // Room for any number's text, and for other values in their hexadecimal form.
  std::string text(static_cast<std::size_t>(length) * 2 + 128, '\0');
  const DBINT written =
      dbconvert(process, type, data, length, SYBCHAR, reinterpret_cast<BYTE*>(text.data()),
                static_cast<DBINT>(text.size()));
  if (written < 0) return {};
  text.resize(static_cast<std::size_t>(written));
  // A conversion to CHAR pads with blanks.
  while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) text.pop_back();
  return text;
}

}  // namespace

std::string guid_text(const std::uint8_t* bytes) {
  // A GUID's first three groups are little-endian on the wire and in FreeTDS's buffer.
  char text[37];
  std::snprintf(text, sizeof(text),
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[3],
                bytes[2], bytes[1], bytes[0], bytes[5], bytes[4], bytes[7], bytes[6], bytes[8],
                bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
  return text;
}

sql::SqlValue ms_datetime_value(int type, const DBDATETIMEALL& value) {
  if (type == SYBMSTIME) {
    core::CivilDateTime time;
    set_time(time, value.time);
    char text[32];
    std::snprintf(text, sizeof(text), "%02d:%02d:%02d", time.hour, time.minute, time.second);
    std::string result = text;
    if (time.microsecond != 0) {
      std::snprintf(text, sizeof(text), ".%06d", time.microsecond);
      result += text;
    }
    return sql::SqlTime{result};
  }
  if (type == SYBMSDATE) return sql::SqlDate{date_from_1900(value.date)};
  core::CivilDateTime result;
  if (type == SYBMSDATETIMEOFFSET && value.has_offset) {
    // The wire holds UTC and the offset; the value reads in its own offset, as SQL Server
    // shows it.
    const std::int64_t ticks_per_day = 864'000'000'000LL;
    std::int64_t ticks = static_cast<std::int64_t>(value.time) +
                         static_cast<std::int64_t>(value.offset) * 600'000'000LL;
    std::int64_t days = value.date;
    while (ticks < 0) {
      ticks += ticks_per_day;
      --days;
    }
    while (ticks >= ticks_per_day) {
      ticks -= ticks_per_day;
      ++days;
    }
    result.date = date_from_1900(days);
    set_time(result, static_cast<std::uint64_t>(ticks));
    result.utc_offset_minutes = value.offset;
    return result;
  }
  result.date = date_from_1900(value.date);
  set_time(result, value.time);
  return result;
}

sql::SqlValue legacy_datetime_value(const DBDATETIME& value) {
  core::CivilDateTime result;
  result.date = date_from_1900(value.dtdays);
  // dttime counts 1/300 seconds since midnight.
  const std::uint64_t ticks = static_cast<std::uint64_t>(value.dttime) * 10'000'000ULL / 300;
  set_time(result, ticks);
  return result;
}

sql::SqlValue tds_value(DBPROCESS* process, int column) {
  const BYTE* data = dbdata(process, column);
  if (data == nullptr) return {};
  const DBINT length = dbdatlen(process, column);
  const int type = dbcoltype(process, column);
  switch (type) {
    case SYBINT1:
      return static_cast<std::int64_t>(load<std::uint8_t>(data));
    case SYBINT2:
      return static_cast<std::int64_t>(load<std::int16_t>(data));
    case SYBINT4:
      return static_cast<std::int64_t>(load<std::int32_t>(data));
    case SYBINT8:
      return static_cast<std::int64_t>(load<std::int64_t>(data));
    case SYBBIT:
    case SYBBITN:
      return load<std::uint8_t>(data) != 0;
    case SYBREAL:
      return static_cast<double>(load<float>(data));
    case SYBFLT8:
      return load<double>(data);
    case SYBDECIMAL:
    case SYBNUMERIC:
    case SYBMONEY:
    case SYBMONEY4:
      return sql::SqlDecimal{converted_text(process, type, data, length)};
    case SYBCHAR:
    case SYBVARCHAR:
    case SYBTEXT:
    case SYBNTEXT:
    case SYBNVARCHAR:
      return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
    case SYBBINARY:
    case SYBVARBINARY:
    case SYBIMAGE:
      return sql::SqlBytes{
          std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length))};
    case SYBMSDATE:
    case SYBMSTIME:
    case SYBMSDATETIME2:
    case SYBMSDATETIMEOFFSET:
      return ms_datetime_value(type, load<DBDATETIMEALL>(data));
    case SYBDATETIME:
      return legacy_datetime_value(load<DBDATETIME>(data));
    case SYBDATETIME4: {
      const auto small = load<DBDATETIME4>(data);
      return legacy_datetime_value(DBDATETIME{small.days, small.minutes * 60 * 300});
    }
    case kGuidType:
      if (length == 16) return guid_text(data);
      return converted_text(process, type, data, length);
    default:
      // sql_variant, xml and the rest: their text form.
      return converted_text(process, type, data, length);
  }
}

}  // namespace ei::sources::mssql
