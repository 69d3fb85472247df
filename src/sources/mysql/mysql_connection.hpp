#pragma once

#include <mysql.h>

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "sources/sql/socket_waiter.hpp"
#include "sources/sql/sql_connection.hpp"

namespace ei::sources::mysql {

struct MySqlConnectionOptions {
  std::string host;
  unsigned int port = 3306;
  std::string user;
  std::string password;
  std::string database;
  bool ssl_enabled = false;
  std::string ssl_ca_file;  // with ssl_enabled: the server certificate is verified against it
  std::chrono::seconds connect_timeout{30};
};

// A MariaDB Connector/C connection on its non-blocking API (mysql_*_start / mysql_*_cont),
// waiting on MYSQL_WAIT_READ/WRITE/TIMEOUT through Asio. Rows are streamed with
// mysql_use_result: the server sends them as they are fetched.
class MySqlConnection : public sql::SqlConnection {
 public:
  MySqlConnection(boost::asio::any_io_executor executor, MySqlConnectionOptions options);
  ~MySqlConnection() override;

  boost::asio::awaitable<void> connect() override;
  bool reusable() const override;
  boost::asio::awaitable<std::vector<std::string>> start_query(std::string sql) override;
  boost::asio::awaitable<std::vector<sql::SqlRow>> fetch(std::size_t max_rows) override;
  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<void> close() override;

 private:
  // Waits for what a *_start/_cont call asked (`status`) and returns the ready bits to pass
  // to the next *_cont call.
  boost::asio::awaitable<int> wait_for(int status);
  boost::asio::awaitable<void> free_result();
  [[noreturn]] void fail(const std::string& what);

  MySqlConnectionOptions options_;
  boost::asio::any_io_executor executor_;
  sql::SocketWaiter waiter_;
  MYSQL* mysql_ = nullptr;
  MYSQL_RES* result_ = nullptr;
  bool connected_ = false;
  std::vector<MYSQL_FIELD> fields_;
};

}  // namespace ei::sources::mysql
