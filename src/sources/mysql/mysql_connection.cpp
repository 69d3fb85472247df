#include "sources/mysql/mysql_connection.hpp"

#include <errmsg.h>
#include <mysqld_error.h>

#include "sources/mysql/mysql_value.hpp"
#include "sources/sql/host_resolution.hpp"
#include "sources/sql/sql_error.hpp"

namespace ei::sources::mysql {

namespace asio = boost::asio;
using sql::SqlError;

namespace {

// Errors of the statement itself: the same statement fails again on a retry.
bool is_programming_error(unsigned int code) {
  switch (code) {
    case ER_PARSE_ERROR:
    case ER_NO_SUCH_TABLE:
    case ER_BAD_FIELD_ERROR:
    case ER_BAD_TABLE_ERROR:
    case ER_NON_UNIQ_ERROR:
    case ER_SYNTAX_ERROR:
    case ER_WRONG_DB_NAME:
    case ER_WRONG_TABLE_NAME:
    case ER_TABLEACCESS_DENIED_ERROR:
    case ER_COLUMNACCESS_DENIED_ERROR:
    case ER_BAD_DB_ERROR:
    case ER_NO_DB_ERROR:
      return true;
    default:
      return false;
  }
}

}  // namespace

MySqlConnection::MySqlConnection(asio::any_io_executor executor, MySqlConnectionOptions options)
    : options_(std::move(options)), executor_(executor), waiter_(std::move(executor)) {}

MySqlConnection::~MySqlConnection() {
  waiter_.forget();
  if (mysql_ && result_) mariadb_cancel(mysql_);  // unread rows: drop the link, do not read them
  if (result_) mysql_free_result(result_);
  if (mysql_) mysql_close(mysql_);
}

void MySqlConnection::fail(const std::string& what) {
  const unsigned int code = mysql_ ? mysql_errno(mysql_) : 0;
  std::string message = what;
  if (mysql_ && code != 0) message += ": " + std::string(mysql_error(mysql_));
  SqlError::Kind kind = SqlError::Kind::query;
  if (is_programming_error(code)) {
    kind = SqlError::Kind::programming;
  } else if (code >= CR_MIN_ERROR && code <= CR_MAX_ERROR) {
    kind = SqlError::Kind::connection;
    connected_ = false;
  }
  throw SqlError(kind, message);
}

asio::awaitable<int> MySqlConnection::wait_for(int status) {
  std::optional<std::chrono::milliseconds> timeout;
  if (status & MYSQL_WAIT_TIMEOUT) {
    timeout = std::chrono::milliseconds(mysql_get_timeout_value_ms(mysql_));
  }
  const int fd = static_cast<int>(mysql_get_socket(mysql_));
  auto waiting =
      waiter_.wait(fd, (status & MYSQL_WAIT_READ) != 0, (status & MYSQL_WAIT_WRITE) != 0, timeout);
  const auto ready = co_await std::move(waiting);
  int bits = 0;
  if (ready.readable) bits |= MYSQL_WAIT_READ;
  if (ready.writable) bits |= MYSQL_WAIT_WRITE;
  if (ready.timed_out) bits |= MYSQL_WAIT_TIMEOUT;
  co_return bits;
}

asio::awaitable<void> MySqlConnection::connect() {
  mysql_ = mysql_init(nullptr);
  if (mysql_ == nullptr)
    throw SqlError(SqlError::Kind::connection, "MariaDB client: out of memory");
  mysql_options(mysql_, MYSQL_OPT_NONBLOCK, nullptr);
  const unsigned int timeout = static_cast<unsigned int>(options_.connect_timeout.count());
  mysql_options(mysql_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  if (options_.ssl_enabled) {
    // Encrypted and authenticated: the certificate chains to the CA file (the configured
    // one, or the system's) and names the host.
    mysql_ssl_set(mysql_, nullptr, nullptr, options_.ssl_ca_file.c_str(), nullptr, nullptr);
    const my_bool verify = 1;
    mysql_options(mysql_, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
  }
  // An address spares the library a blocking lookup; with certificate verification the name
  // must stay (it is checked against the certificate).
  std::string host = options_.host;
  if (!options_.ssl_enabled) {
    auto resolving = sql::numeric_host(executor_, options_.host, options_.port);
    host = co_await std::move(resolving);
  }
  MYSQL* connected = nullptr;
  int status = mysql_real_connect_start(
      &connected, mysql_, host.c_str(), options_.user.c_str(), options_.password.c_str(),
      options_.database.empty() ? nullptr : options_.database.c_str(), options_.port, nullptr, 0);
  while (status != 0) {
    const int ready = co_await wait_for(status);
    status = mysql_real_connect_cont(&connected, mysql_, ready);
  }
  if (connected == nullptr) {
    const std::string message = "Cannot connect to MySQL at " + options_.host + ":" +
                                std::to_string(options_.port) + ": " + mysql_error(mysql_);
    const unsigned int code = mysql_errno(mysql_);
    // An unknown or forbidden database fails the same way on every attempt.
    const bool bad_database = code == ER_BAD_DB_ERROR || code == ER_DBACCESS_DENIED_ERROR;
    throw SqlError(bad_database ? SqlError::Kind::programming : SqlError::Kind::connection,
                   message);
  }
  connected_ = true;
}

bool MySqlConnection::reusable() const {
  return connected_ && result_ == nullptr;
}

asio::awaitable<void> MySqlConnection::free_result() {
  if (result_ == nullptr) co_return;
  // Freeing an unbuffered result reads the rows still on the wire.
  int status = mysql_free_result_start(result_);
  while (status != 0) {
    const int ready = co_await wait_for(status);
    status = mysql_free_result_cont(result_, ready);
  }
  result_ = nullptr;
}

asio::awaitable<std::vector<std::string>> MySqlConnection::start_query(std::string sql) {
  if (!reusable()) throw SqlError(SqlError::Kind::connection, "MySQL link not ready");
  fields_.clear();
  int error = 0;
  int status = mysql_real_query_start(&error, mysql_, sql.data(), sql.size());
  while (status != 0) {
    const int ready = co_await wait_for(status);
    status = mysql_real_query_cont(&error, mysql_, ready);
  }
  if (error != 0) fail("MySQL query failed");
  std::vector<std::string> columns;
  result_ = mysql_use_result(mysql_);
  if (result_ == nullptr) {
    if (mysql_field_count(mysql_) != 0) fail("MySQL result failed");
    co_return columns;  // a statement without rows
  }
  const unsigned int count = mysql_num_fields(result_);
  const MYSQL_FIELD* fields = mysql_fetch_fields(result_);
  for (unsigned int i = 0; i < count; ++i) {
    fields_.push_back(fields[i]);
    columns.emplace_back(fields[i].name, fields[i].name_length);
  }
  co_return columns;
}

asio::awaitable<std::vector<sql::SqlRow>> MySqlConnection::fetch(std::size_t max_rows) {
  std::vector<sql::SqlRow> rows;
  while (result_ != nullptr && rows.size() < max_rows) {
    MYSQL_ROW row = nullptr;
    int status = mysql_fetch_row_start(&row, result_);
    while (status != 0) {
      const int ready = co_await wait_for(status);
      status = mysql_fetch_row_cont(&row, result_, ready);
    }
    if (row == nullptr) {
      const bool failed = mysql_errno(mysql_) != 0;
      if (failed) {
        const unsigned int code = mysql_errno(mysql_);
        const std::string message = "MySQL fetch failed: " + std::string(mysql_error(mysql_));
        mysql_free_result(result_);  // the link is broken: nothing left to read
        result_ = nullptr;
        connected_ = false;
        throw SqlError(
            is_programming_error(code) ? SqlError::Kind::programming : SqlError::Kind::connection,
            message);
      }
      co_await free_result();
      break;
    }
    const unsigned long* lengths = mysql_fetch_lengths(result_);
    sql::SqlRow values;
    values.reserve(fields_.size());
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      if (row[i] == nullptr) {
        values.emplace_back();
      } else {
        values.push_back(decode_mysql_value(fields_[i], std::string_view(row[i], lengths[i])));
      }
    }
    rows.push_back(std::move(values));
  }
  co_return rows;
}

asio::awaitable<void> MySqlConnection::ping() {
  int error = 0;
  int status = mysql_ping_start(&error, mysql_);
  while (status != 0) {
    const int ready = co_await wait_for(status);
    status = mysql_ping_cont(&error, mysql_, ready);
  }
  if (error != 0) fail("MySQL ping failed");
}

asio::awaitable<void> MySqlConnection::close() {
  if (mysql_ == nullptr) co_return;
  if (result_) {
    // An abandoned stream: freeing it would read the rest of the rows. Drop the link instead.
    mariadb_cancel(mysql_);
    mysql_free_result(result_);
    result_ = nullptr;
    connected_ = false;
  }
  if (connected_) {
    int status = mysql_close_start(mysql_);
    while (status != 0) {
      const int ready = co_await wait_for(status);
      status = mysql_close_cont(mysql_, ready);
    }
  } else {
    mysql_close(mysql_);
  }
  waiter_.forget();
  mysql_ = nullptr;
  connected_ = false;
}

}  // namespace ei::sources::mysql
