#pragma once

#include <libpq-fe.h>

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <deque>
#include <string>
#include <vector>

#include "sources/sql/socket_waiter.hpp"
#include "sources/sql/sql_connection.hpp"

namespace ei::sources::postgresql {

struct PgConnectionOptions {
  std::string host;
  int port = 5432;
  std::string user;
  std::string password;
  std::string database;
  bool ssl_enabled = false;
  std::string ssl_ca_file;  // with ssl_enabled: verify-full against this CA
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(30)};
};

// A libpq connection in non-blocking mode: PQconnectStart/PQconnectPoll, PQsendQuery in
// single-row mode, PQconsumeInput/PQisBusy, with the socket watched by Asio. Sessions use
// DateStyle ISO and TimeZone UTC so that timestamps parse and timestamptz reads as UTC.
class PgConnection : public sql::SqlConnection {
 public:
  PgConnection(boost::asio::any_io_executor executor, PgConnectionOptions options);
  ~PgConnection() override;

  boost::asio::awaitable<void> connect() override;
  bool reusable() const override;
  boost::asio::awaitable<std::vector<std::string>> start_query(std::string sql) override;
  boost::asio::awaitable<std::vector<sql::SqlRow>> fetch(std::size_t max_rows) override;
  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<void> close() override;

 private:
  boost::asio::awaitable<void> flush();
  // The next result of the running query, reading from the socket as needed; null at the end.
  boost::asio::awaitable<PGresult*> next_result();
  // Reads and drops the remaining results of the query.
  boost::asio::awaitable<void> drain();
  [[noreturn]] void fail_connection(const std::string& what);
  sql::SqlRow row_of(const PGresult* result, int row) const;

  PgConnectionOptions options_;
  boost::asio::any_io_executor executor_;
  sql::SocketWaiter waiter_;
  PGconn* conn_ = nullptr;
  bool connected_ = false;
  bool in_result_ = false;
  std::vector<Oid> column_types_;
  std::deque<sql::SqlRow> pending_;
};

}  // namespace ei::sources::postgresql
