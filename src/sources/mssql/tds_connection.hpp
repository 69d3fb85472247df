#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <string>
#include <vector>

#include "sources/sql/sql_config.hpp"
#include "sources/sql/sql_connection.hpp"

// DB-Library's connection handle (sybdb.h's DBPROCESS), declared here so that this header
// does not bring sybdb.h's macros (FAIL, SUCCEED, ...) to its users.
struct tds_dblib_dbprocess;

namespace ei::sources::mssql {

struct TdsConnectionOptions {
  std::string host;
  int port = 1433;
  std::string user;
  std::string password;
  std::string database;
  bool ssl_enabled = false;
  std::string ssl_ca_file;     // with ssl_enabled: the CA the server's certificate must chain to
  bool validate_host = false;  // with ssl_enabled: the certificate must name `host`
};

// A SQL Server connection on FreeTDS's DB-Library (TDS 7.4). DB-Library blocks, so every call
// runs on the blocking pool, one at a time: the connection is never used by two threads at
// once. A result is read row by row from the socket as `fetch` asks for rows; a result left
// half-read is cancelled before the next statement.
class TdsConnection : public sql::SqlConnection {
 public:
  TdsConnection(boost::asio::any_io_executor blocking, TdsConnectionOptions options);
  ~TdsConnection() override;
  TdsConnection(const TdsConnection&) = delete;
  TdsConnection& operator=(const TdsConnection&) = delete;

  boost::asio::awaitable<void> connect() override;
  bool reusable() const override;
  boost::asio::awaitable<std::vector<std::string>> start_query(std::string sql) override;
  boost::asio::awaitable<std::vector<sql::SqlRow>> fetch(std::size_t max_rows) override;
  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<void> close() override;

  // The FreeTDS configuration section this connection logs on with (public for tests).
  std::string configuration_section(const std::string& name) const;

 private:
  void open_now();
  std::vector<std::string> start_now(const std::string& sql);
  std::vector<sql::SqlRow> fetch_now(std::size_t max_rows);
  void drain_now();
  void close_now();
  [[noreturn]] void fail(const std::string& what);

  boost::asio::any_io_executor blocking_;
  TdsConnectionOptions options_;
  std::string where_;  // "Microsoft SQL Server at host:port", the start of every error
  tds_dblib_dbprocess* process_ = nullptr;
  bool in_result_ = false;
  int columns_ = 0;
};

}  // namespace ei::sources::mssql
