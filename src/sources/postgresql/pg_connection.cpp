#include "sources/postgresql/pg_connection.hpp"

#include <memory>

#include "sources/postgresql/pg_value.hpp"
#include "sources/sql/host_resolution.hpp"
#include "sources/sql/sql_error.hpp"

namespace ei::sources::postgresql {

namespace asio = boost::asio;
using sql::SqlError;

namespace {

std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Statement errors (SQLSTATE class 42: syntax, undefined table/column; 0A: unsupported)
// cannot succeed on a retry.
SqlError result_error(const PGresult* result) {
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string sqlstate = state ? state : "";
  const bool programming = sqlstate.starts_with("42") || sqlstate.starts_with("0A");
  return SqlError(programming ? SqlError::Kind::programming : SqlError::Kind::query,
                  trimmed(PQresultErrorMessage(result)));
}

}  // namespace

PgConnection::PgConnection(asio::any_io_executor executor, PgConnectionOptions options)
    : options_(std::move(options)), executor_(executor), waiter_(std::move(executor)) {}

PgConnection::~PgConnection() {
  waiter_.forget();
  if (conn_) PQfinish(conn_);
}

void PgConnection::fail_connection(const std::string& what) {
  std::string message = what;
  if (conn_) {
    const std::string detail = trimmed(PQerrorMessage(conn_));
    if (!detail.empty()) message += ": " + detail;
  }
  connected_ = false;
  in_result_ = false;
  throw SqlError(SqlError::Kind::connection, message);
}

asio::awaitable<void> PgConnection::connect() {
  const std::string port = std::to_string(options_.port);
  // `host` stays the name (TLS verifies it); `hostaddr` spares libpq a blocking lookup.
  auto resolving =
      sql::numeric_host(executor_, options_.host, static_cast<unsigned int>(options_.port));
  const std::string address = co_await std::move(resolving);
  const std::string timeout_seconds =
      std::to_string(std::max<long long>(1, options_.connect_timeout.count() / 1000));
  std::vector<const char*> keys{"host",
                                "port",
                                "user",
                                "password",
                                "dbname",
                                "options",
                                "client_encoding",
                                "application_name",
                                "connect_timeout"};
  std::vector<const char*> values{options_.host.c_str(),
                                  port.c_str(),
                                  options_.user.c_str(),
                                  options_.password.c_str(),
                                  options_.database.c_str(),
                                  "-c DateStyle=ISO -c TimeZone=UTC -c extra_float_digits=3",
                                  "UTF8",
                                  "elastic-ingest",
                                  timeout_seconds.c_str()};
  if (!address.empty() && address.front() != '/') {
    keys.push_back("hostaddr");
    values.push_back(address.c_str());
  }
  if (options_.ssl_enabled) {
    // Encrypted and authenticated: the certificate chains to the CA file (the configured
    // one, or the system's) and names the host.
    keys.push_back("sslmode");
    values.push_back("verify-full");
    keys.push_back("sslrootcert");
    values.push_back(options_.ssl_ca_file.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);

  conn_ = PQconnectStartParams(keys.data(), values.data(), 0);
  if (conn_ == nullptr) throw SqlError(SqlError::Kind::connection, "libpq: out of memory");
  const std::string where = "Cannot connect to PostgreSQL at " + options_.host + ":" + port;
  if (PQstatus(conn_) == CONNECTION_BAD) fail_connection(where);

  // libpq's protocol: act as if PQconnectPoll had asked for writing, then follow its asks.
  const auto deadline = std::chrono::steady_clock::now() + options_.connect_timeout;
  PostgresPollingStatusType poll = PGRES_POLLING_WRITING;
  while (poll != PGRES_POLLING_OK) {
    if (poll == PGRES_POLLING_FAILED) fail_connection(where);
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      throw SqlError(SqlError::Kind::connection, where + ": timed out");
    }
    auto waiting = waiter_.wait(PQsocket(conn_), poll == PGRES_POLLING_READING,
                                poll == PGRES_POLLING_WRITING, left);
    const auto ready = co_await std::move(waiting);
    if (ready.timed_out) throw SqlError(SqlError::Kind::connection, where + ": timed out");
    // libpq may close and reopen the socket (another address, SSL fallback): re-register.
    waiter_.forget();
    poll = PQconnectPoll(conn_);
  }
  if (PQsetnonblocking(conn_, 1) != 0)
    fail_connection("Cannot make the PostgreSQL link non-blocking");
  connected_ = true;
}

bool PgConnection::reusable() const {
  return connected_ && !in_result_ && PQstatus(conn_) == CONNECTION_OK;
}

asio::awaitable<void> PgConnection::flush() {
  for (;;) {
    const int state = PQflush(conn_);
    if (state == 0) co_return;
    if (state < 0) fail_connection("Cannot send to PostgreSQL");
    auto waiting = waiter_.wait(PQsocket(conn_), true, true, std::nullopt);
    const auto ready = co_await std::move(waiting);
    // The server may be sending while we send: take its data in, or we could deadlock.
    if (ready.readable && !PQconsumeInput(conn_)) fail_connection("Lost the PostgreSQL link");
  }
}

asio::awaitable<PGresult*> PgConnection::next_result() {
  while (PQisBusy(conn_)) {
    auto waiting = waiter_.wait(PQsocket(conn_), true, false, std::nullopt);
    co_await std::move(waiting);
    if (!PQconsumeInput(conn_)) fail_connection("Lost the PostgreSQL link");
  }
  co_return PQgetResult(conn_);
}

asio::awaitable<void> PgConnection::drain() {
  for (;;) {
    ResultPtr result(co_await next_result());
    if (!result) break;
  }
  in_result_ = false;
}

sql::SqlRow PgConnection::row_of(const PGresult* result, int row) const {
  sql::SqlRow values;
  const int columns = PQnfields(result);
  values.reserve(static_cast<std::size_t>(columns));
  for (int column = 0; column < columns; ++column) {
    if (PQgetisnull(result, row, column)) {
      values.emplace_back();
      continue;
    }
    std::string_view text(PQgetvalue(result, row, column),
                          static_cast<std::size_t>(PQgetlength(result, row, column)));
    values.push_back(decode_pg_value(column_types_[static_cast<std::size_t>(column)], text));
  }
  return values;
}

asio::awaitable<std::vector<std::string>> PgConnection::start_query(std::string sql) {
  if (!reusable()) throw SqlError(SqlError::Kind::connection, "PostgreSQL link not ready");
  pending_.clear();
  column_types_.clear();
  if (!PQsendQuery(conn_, sql.c_str())) fail_connection("Cannot send the query to PostgreSQL");
  in_result_ = true;
  // Rows arrive one by one as the server sends them: memory stays bounded by the batch.
  PQsetSingleRowMode(conn_);
  co_await flush();

  ResultPtr first(co_await next_result());
  std::vector<std::string> columns;
  if (!first) {
    in_result_ = false;
    co_return columns;
  }
  const ExecStatusType status = PQresultStatus(first.get());
  if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE ||
      status == PGRES_NONFATAL_ERROR) {
    SqlError error = result_error(first.get());
    first.reset();
    co_await drain();
    throw error;
  }
  const int count = PQnfields(first.get());
  for (int column = 0; column < count; ++column) {
    columns.emplace_back(PQfname(first.get(), column));
    column_types_.push_back(PQftype(first.get(), column));
  }
  if (status == PGRES_SINGLE_TUPLE) {
    pending_.push_back(row_of(first.get(), 0));
  } else {
    first.reset();  // TUPLES_OK without rows, or COMMAND_OK
    co_await drain();
  }
  co_return columns;
}

asio::awaitable<std::vector<sql::SqlRow>> PgConnection::fetch(std::size_t max_rows) {
  std::vector<sql::SqlRow> rows;
  while (!pending_.empty() && rows.size() < max_rows) {
    rows.push_back(std::move(pending_.front()));
    pending_.pop_front();
  }
  while (in_result_ && rows.size() < max_rows) {
    ResultPtr result(co_await next_result());
    if (!result) {
      in_result_ = false;
      break;
    }
    const ExecStatusType status = PQresultStatus(result.get());
    if (status == PGRES_SINGLE_TUPLE) {
      rows.push_back(row_of(result.get(), 0));
    } else if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      result.reset();
      co_await drain();
    } else {
      SqlError error = result_error(result.get());
      result.reset();
      co_await drain();
      throw error;
    }
  }
  co_return rows;
}

asio::awaitable<void> PgConnection::ping() {
  auto starting = start_query("SELECT 1");
  co_await std::move(starting);
  for (;;) {
    std::vector<sql::SqlRow> rows = co_await fetch(16);
    if (rows.empty()) break;
  }
}

asio::awaitable<void> PgConnection::close() {
  waiter_.forget();
  if (conn_) PQfinish(conn_);
  conn_ = nullptr;
  connected_ = false;
  in_result_ = false;
  co_return;
}

}  // namespace ei::sources::postgresql
