#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <string>
#include <vector>

#include "sources/sql/sql_connection.hpp"
#include "sources/sql/sql_value.hpp"
#include "tns/connection.hpp"

namespace ei::sources::oracle {

// The shared SQL layer's connection on our Oracle Net client (src/tns): queries and batches
// of rows, with Oracle's values as the reference's driver (python-oracledb) returns them and
// its failures as SqlError.
class OracleConnection : public sql::SqlConnection {
 public:
  OracleConnection(boost::asio::any_io_executor executor, tns::ConnectOptions options);

  boost::asio::awaitable<void> connect() override;
  bool reusable() const override;
  boost::asio::awaitable<std::vector<std::string>> start_query(std::string sql) override;
  boost::asio::awaitable<std::vector<sql::SqlRow>> fetch(std::size_t max_rows) override;
  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<void> close() override;

 private:
  tns::Connection connection_;
  std::vector<tns::Column> columns_;
};

// One value as python-oracledb gives it (sources spec §0.6 then serializes it): NUMBER as an
// int when its column has no scale (scale 0, or a plain NUMBER) and the value is whole, else
// as a float; BINARY_FLOAT/DOUBLE as floats; DATE and TIMESTAMP as datetimes; text as text;
// RAW and BLOB as bytes.
sql::SqlValue to_sql_value(const tns::Column& column, tns::Value value);

}  // namespace ei::sources::oracle
