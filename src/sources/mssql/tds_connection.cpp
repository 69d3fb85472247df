#include "sources/mssql/tds_connection.hpp"

#include <sybdb.h>

#include <mutex>

#include "source/blocking.hpp"
#include "sources/mssql/tds_library.hpp"
#include "sources/mssql/tds_value.hpp"
#include "sources/sql/sql_error.hpp"

namespace ei::sources::mssql {

namespace asio = boost::asio;
using sql::SqlError;

namespace {

// DB-Library reads server settings from one process-wide "interfaces" file (dbsetifile);
// each connection points it at its own file and logs on while holding this lock.
std::mutex& login_mutex() {
  static std::mutex mutex;
  return mutex;
}

// SQL Server's severities 15 and 16 are errors in the statement itself (syntax, unknown
// object or column, permissions): retrying cannot help (sources spec §4.2).
bool statement_error(const TdsDiagnostics& diagnostics) {
  return diagnostics.server_severity == 15 || diagnostics.server_severity == 16;
}

}  // namespace

TdsConnection::TdsConnection(asio::any_io_executor blocking, TdsConnectionOptions options)
    : blocking_(std::move(blocking)),
      options_(std::move(options)),
      where_("Microsoft SQL Server at " + options_.host + ":" + std::to_string(options_.port)) {}

TdsConnection::~TdsConnection() {
  close_now();
}

std::string TdsConnection::configuration_section(const std::string& name) const {
  // The host goes into a FreeTDS settings file: a line break or a bracket would add settings.
  for (const char c : options_.host) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '[' || c == ']' || c == '=' || c == ';') {
      throw SqlError(SqlError::Kind::connection,
                     "The host '" + options_.host + "' is not a valid host name or address");
    }
  }
  std::string text = "[" + name + "]\n";
  text += "\thost = " + options_.host + "\n";
  text += "\tport = " + std::to_string(options_.port) + "\n";
  text += "\ttds version = 7.4\n";
  if (options_.ssl_enabled) {
    text += "\tencryption = require\n";
    text += "\tca file = " + options_.ssl_ca_file + "\n";
    text += std::string("\tcheck certificate hostname = ") +
            (options_.validate_host ? "yes" : "no") + "\n";
  }
  return text;
}

[[noreturn]] void TdsConnection::fail(const std::string& what) {
  const TdsDiagnostics& diagnostics = tds_diagnostics();
  const bool dead = process_ == nullptr || dbdead(process_) == TRUE;
  const std::string message = where_ + ": " + what + ": " + diagnostics.describe();
  if (dead) {
    close_now();
    throw SqlError(SqlError::Kind::connection, message);
  }
  // Drop what the failed statement left pending, so that the next statement can run.
  dbcancel(process_);
  in_result_ = false;
  throw SqlError(statement_error(diagnostics) ? SqlError::Kind::programming : SqlError::Kind::query,
                 message);
}

void TdsConnection::open_now() {
  ensure_tds_library();
  clear_tds_diagnostics();
  LOGINREC* login = dblogin();
  if (login == nullptr) throw SqlError(SqlError::Kind::connection, where_ + ": out of memory");
  DBSETLUSER(login, options_.user.c_str());
  DBSETLPWD(login, options_.password.c_str());
  DBSETLAPP(login, "elastic-ingest");
  DBSETLDBNAME(login, options_.database.c_str());
  DBSETLCHARSET(login, "UTF-8");
  dbsetlversion(login, DBVERSION_74);
  {
    sql::TemporaryFile settings("[global]\n" + configuration_section("elastic-ingest") + "\n");
    std::lock_guard lock(login_mutex());
    dbsetifile(const_cast<char*>(settings.path().c_str()));
    process_ = dbopen(login, "elastic-ingest");
  }
  dbloginfree(login);
  if (process_ == nullptr) {
    throw SqlError(SqlError::Kind::connection, where_ + ": " + tds_diagnostics().describe());
  }
  // DB-Library sessions start with QUOTED_IDENTIFIER OFF, where "name" is a string; our
  // statements quote names the standard way.
  start_now("SET QUOTED_IDENTIFIER ON");
  drain_now();
}

asio::awaitable<void> TdsConnection::connect() {
  // Each call is named before it is awaited: GCC 12 destroys a temporary awaited in place
  // twice when it holds captures (see source/blocking.hpp).
  auto opening = source::run_blocking(blocking_, [this] { open_now(); });
  co_await std::move(opening);
}

bool TdsConnection::reusable() const {
  return process_ != nullptr && !in_result_ && dbdead(process_) == FALSE;
}

std::vector<std::string> TdsConnection::start_now(const std::string& sql) {
  if (process_ == nullptr) throw SqlError(SqlError::Kind::connection, where_ + ": not connected");
  clear_tds_diagnostics();
  if (in_result_) {
    dbcancel(process_);
    in_result_ = false;
  }
  if (dbcmd(process_, sql.c_str()) == FAIL || dbsqlexec(process_) == FAIL) fail(sql);
  for (;;) {
    const RETCODE status = dbresults(process_);
    if (status == NO_MORE_RESULTS) return {};
    if (status == FAIL) fail(sql);
    columns_ = dbnumcols(process_);
    if (columns_ > 0) {
      in_result_ = true;
      std::vector<std::string> names;
      names.reserve(static_cast<std::size_t>(columns_));
      for (int column = 1; column <= columns_; ++column) {
        const char* name = dbcolname(process_, column);
        names.emplace_back(name != nullptr ? name : "");
      }
      return names;
    }
  }
}

void TdsConnection::drain_now() {
  for (;;) {
    const RETCODE status = dbresults(process_);
    if (status == NO_MORE_RESULTS) break;
    if (status == FAIL) fail("reading the end of a result");
    if (dbnumcols(process_) > 0) dbcanquery(process_);
  }
  in_result_ = false;
}

std::vector<sql::SqlRow> TdsConnection::fetch_now(std::size_t max_rows) {
  std::vector<sql::SqlRow> rows;
  if (!in_result_) return rows;
  clear_tds_diagnostics();
  rows.reserve(max_rows);
  while (rows.size() < max_rows) {
    const STATUS status = dbnextrow(process_);
    if (status == NO_MORE_ROWS) {
      drain_now();
      break;
    }
    if (status == FAIL) fail("reading a row");
    if (status != REG_ROW) continue;  // COMPUTE rows carry no table data
    sql::SqlRow row;
    row.reserve(static_cast<std::size_t>(columns_));
    for (int column = 1; column <= columns_; ++column) row.push_back(tds_value(process_, column));
    rows.push_back(std::move(row));
  }
  return rows;
}

asio::awaitable<std::vector<std::string>> TdsConnection::start_query(std::string sql) {
  auto starting =
      source::run_blocking(blocking_, [this, sql = std::move(sql)] { return start_now(sql); });
  co_return co_await std::move(starting);
}

asio::awaitable<std::vector<sql::SqlRow>> TdsConnection::fetch(std::size_t max_rows) {
  auto fetching = source::run_blocking(blocking_, [this, max_rows] { return fetch_now(max_rows); });
  co_return co_await std::move(fetching);
}

asio::awaitable<void> TdsConnection::ping() {
  auto pinging = source::run_blocking(blocking_, [this] {
    start_now("SELECT 1");
    while (!fetch_now(16).empty()) {
    }
  });
  co_await std::move(pinging);
}

void TdsConnection::close_now() {
  if (process_ == nullptr) return;
  dbclose(process_);
  process_ = nullptr;
  in_result_ = false;
}

asio::awaitable<void> TdsConnection::close() {
  auto closing = source::run_blocking(blocking_, [this] { close_now(); });
  co_await std::move(closing);
}

}  // namespace ei::sources::mssql
