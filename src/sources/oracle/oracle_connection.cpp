#include "sources/oracle/oracle_connection.hpp"

#include <charconv>
#include <chrono>
#include <cstdlib>

#include "sources/sql/sql_error.hpp"
#include "tns/tns_error.hpp"

namespace ei::sources::oracle {

namespace asio = boost::asio;

namespace {

sql::SqlError::Kind kind_of(const tns::TnsError& error) {
  // A statement's own error (an unknown table or column, a syntax error) cannot succeed on a
  // retry; everything else is about the link or the session.
  return error.kind() == tns::TnsError::Kind::statement ? sql::SqlError::Kind::programming
                                                        : sql::SqlError::Kind::connection;
}

sql::SqlValue number_value(const tns::Column& column, const tns::OracleNumber& number) {
  const bool integral_column = column.scale == 0 || (column.scale == -127 && column.precision == 0);
  if (integral_column && number.integer) {
    std::int64_t value = 0;
    const auto* end = number.text.data() + number.text.size();
    if (std::from_chars(number.text.data(), end, value).ec == std::errc{}) return value;
    std::uint64_t positive = 0;
    if (std::from_chars(number.text.data(), end, positive).ec == std::errc{}) return positive;
  }
  return std::strtod(number.text.c_str(), nullptr);
}

// TIMESTAMP WITH TIME ZONE travels in UTC with its offset: the value reads in its own offset
// (as the SQL Server source reads datetimeoffset).
sql::SqlValue datetime_value(const tns::OracleDateTime& value) {
  namespace chrono = std::chrono;
  auto moment = chrono::sys_days(chrono::year(value.year) / value.month / value.day) +
                chrono::hours(value.hour) + chrono::minutes(value.minute) +
                chrono::seconds(value.second);
  if (value.utc_offset_minutes) moment += chrono::minutes(*value.utc_offset_minutes);
  const auto day = chrono::floor<chrono::days>(moment);
  const chrono::year_month_day date(day);
  const chrono::hh_mm_ss time(moment - day);
  core::CivilDateTime out;
  out.date = core::CivilDate{static_cast<int>(date.year()),
                             static_cast<int>(static_cast<unsigned>(date.month())),
                             static_cast<int>(static_cast<unsigned>(date.day()))};
  out.hour = static_cast<int>(time.hours().count());
  out.minute = static_cast<int>(time.minutes().count());
  out.second = static_cast<int>(time.seconds().count());
  out.microsecond = value.nanosecond / 1000;
  out.utc_offset_minutes = value.utc_offset_minutes;
  return out;
}

}  // namespace

sql::SqlValue to_sql_value(const tns::Column& column, tns::Value value) {
  return std::visit(
      [&column](auto&& cell) -> sql::SqlValue {
        using T = std::decay_t<decltype(cell)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return std::monostate{};
        } else if constexpr (std::is_same_v<T, std::string>) {
          return std::move(cell);
        } else if constexpr (std::is_same_v<T, tns::OracleNumber>) {
          return number_value(column, cell);
        } else if constexpr (std::is_same_v<T, double>) {
          return cell;
        } else if constexpr (std::is_same_v<T, tns::OracleDateTime>) {
          return datetime_value(cell);
        } else {
          return sql::SqlBytes{std::move(cell.bytes)};
        }
      },
      std::move(value));
}

OracleConnection::OracleConnection(asio::any_io_executor executor, tns::ConnectOptions options)
    : connection_(std::move(executor), std::move(options)) {}

asio::awaitable<void> OracleConnection::connect() {
  try {
    co_await connection_.connect();
  } catch (const tns::TnsError& error) {
    throw sql::SqlError(sql::SqlError::Kind::connection, error.what());
  }
}

bool OracleConnection::reusable() const {
  return connection_.connected() && !connection_.in_result();
}

asio::awaitable<std::vector<std::string>> OracleConnection::start_query(std::string sql) {
  try {
    columns_ = co_await connection_.execute(std::move(sql));
  } catch (const tns::TnsError& error) {
    throw sql::SqlError(kind_of(error), error.what());
  }
  std::vector<std::string> names;
  names.reserve(columns_.size());
  for (const auto& column : columns_) names.push_back(column.name);
  co_return names;
}

asio::awaitable<std::vector<sql::SqlRow>> OracleConnection::fetch(std::size_t max_rows) {
  std::vector<tns::Row> rows;
  try {
    rows = co_await connection_.fetch(max_rows);
  } catch (const tns::TnsError& error) {
    throw sql::SqlError(kind_of(error), error.what());
  }
  std::vector<sql::SqlRow> out;
  out.reserve(rows.size());
  for (auto& row : rows) {
    sql::SqlRow converted;
    converted.reserve(row.size());
    for (std::size_t i = 0; i < row.size() && i < columns_.size(); ++i) {
      converted.push_back(to_sql_value(columns_[i], std::move(row[i])));
    }
    out.push_back(std::move(converted));
  }
  co_return out;
}

asio::awaitable<void> OracleConnection::ping() {
  try {
    co_await connection_.ping();
  } catch (const tns::TnsError& error) {
    throw sql::SqlError(sql::SqlError::Kind::connection, error.what());
  }
}

asio::awaitable<void> OracleConnection::close() {
  co_await connection_.close();
}

}  // namespace ei::sources::oracle
