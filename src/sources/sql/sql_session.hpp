#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sources/sql/sql_connection.hpp"

namespace ei::sources::sql {

// A statement's whole result (small results only: catalog queries).
struct QueryResult {
  std::vector<std::string> columns;
  std::vector<SqlRow> rows;
};

// The queries of a source over one recycled connection: it is opened on first use, reused
// while healthy, and replaced after a failure or an abandoned result. Every query runs with
// up to `attempts` attempts, sleeping interval^k after failure k (sources spec §4.2, §3.6);
// statement errors (SqlError::programming) are never retried.
class SqlSession {
 public:
  using ConnectionFactory = std::function<std::unique_ptr<SqlConnection>()>;
  // Receives each batch of a stream; what it throws ends the stream unretried.
  using BatchHandler = std::function<boost::asio::awaitable<void>(
      const std::vector<std::string>& columns, std::vector<SqlRow>& rows)>;

  SqlSession(ConnectionFactory factory, int attempts,
             std::chrono::milliseconds interval = std::chrono::seconds(2));

  int attempts() const { return attempts_; }

  boost::asio::awaitable<QueryResult> fetch_all(std::string sql);

  // The first column of the first row, or NULL for an empty result.
  boost::asio::awaitable<SqlValue> fetch_scalar(std::string sql);

  // Streams the rows of `sql` in batches of at most `fetch_size`. A failure re-runs the query
  // and streams again from the first row (the reference's behavior).
  boost::asio::awaitable<void> stream(std::string sql, std::size_t fetch_size,
                                      BatchHandler on_batch);

  // Connects (once) and runs the protocol ping; no retries.
  boost::asio::awaitable<void> ping();

  boost::asio::awaitable<void> close();

 private:
  boost::asio::awaitable<SqlConnection*> connection();
  boost::asio::awaitable<QueryResult> fetch_all_once(const std::string& sql);
  boost::asio::awaitable<void> stream_once(const std::string& sql, std::size_t fetch_size,
                                           const BatchHandler& on_batch);
  boost::asio::awaitable<void> discard();

  ConnectionFactory factory_;
  int attempts_;
  std::chrono::milliseconds interval_;
  std::unique_ptr<SqlConnection> connection_;
};

}  // namespace ei::sources::sql
