#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "sources/sql/sql_value.hpp"

namespace ei::sources::sql {

// One non-blocking connection to a database server, driven on the caller's io_context. At
// most one query is open at a time: start_query, then fetch until it returns no rows.
// Failures throw SqlError.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual boost::asio::awaitable<void> connect() = 0;

  // Connected and not in the middle of a result: safe to reuse for the next query.
  virtual bool reusable() const = 0;

  // Sends `sql` and returns the result's column names (empty for statements without rows).
  virtual boost::asio::awaitable<std::vector<std::string>> start_query(std::string sql) = 0;

  // Up to `max_rows` more rows of the open result, streamed from the server (never the
  // whole result); empty when the result is exhausted.
  virtual boost::asio::awaitable<std::vector<SqlRow>> fetch(std::size_t max_rows) = 0;

  // The protocol-level liveness check.
  virtual boost::asio::awaitable<void> ping() = 0;

  virtual boost::asio::awaitable<void> close() = 0;
};

}  // namespace ei::sources::sql
