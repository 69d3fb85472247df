#include "sources/sql/sql_session.hpp"

#include <algorithm>

#include "core/logging.hpp"
#include "core/retry.hpp"
#include "sources/sql/sql_error.hpp"

namespace ei::sources::sql {

namespace asio = boost::asio;

namespace {

bool worth_retrying(const std::exception& error) {
  const auto* sql_error = dynamic_cast<const SqlError*>(&error);
  return sql_error != nullptr && sql_error->retryable();
}

}  // namespace

SqlSession::SqlSession(ConnectionFactory factory, int attempts, std::chrono::milliseconds interval)
    : factory_(std::move(factory)), attempts_(std::max(1, attempts)), interval_(interval) {}

asio::awaitable<SqlConnection*> SqlSession::connection() {
  if (connection_ && !connection_->reusable()) co_await discard();
  if (!connection_) {
    auto fresh = factory_();
    co_await fresh->connect();
    connection_ = std::move(fresh);
  }
  co_return connection_.get();
}

asio::awaitable<void> SqlSession::discard() {
  if (!connection_) co_return;
  auto old = std::move(connection_);
  try {
    co_await old->close();
  } catch (const std::exception& error) {
    core::log().debug("Closing a broken database connection: {}", error.what());
  }
}

asio::awaitable<QueryResult> SqlSession::fetch_all_once(const std::string& sql) {
  try {
    SqlConnection* db = co_await connection();
    QueryResult result;
    result.columns = co_await db->start_query(sql);
    for (;;) {
      std::vector<SqlRow> rows = co_await db->fetch(1024);
      if (rows.empty()) break;
      std::move(rows.begin(), rows.end(), std::back_inserter(result.rows));
    }
    co_return result;
  } catch (const SqlError& error) {
    if (!error.programming()) connection_.reset();  // a broken link: never reuse it
    throw;
  }
}

asio::awaitable<QueryResult> SqlSession::fetch_all(std::string sql) {
  core::RetryPolicy policy{attempts_, interval_, core::RetryStrategy::exponential};
  auto attempt = [this, &sql] { return fetch_all_once(sql); };
  auto retrying = core::retry(policy, attempt, worth_retrying);
  co_return co_await std::move(retrying);
}

asio::awaitable<SqlValue> SqlSession::fetch_scalar(std::string sql) {
  auto querying = fetch_all(std::move(sql));
  QueryResult result = co_await std::move(querying);
  if (result.rows.empty() || result.rows.front().empty()) co_return SqlValue{};
  co_return std::move(result.rows.front().front());
}

asio::awaitable<void> SqlSession::stream_once(const std::string& sql, std::size_t fetch_size,
                                              const BatchHandler& on_batch) {
  SqlConnection* db = nullptr;
  std::vector<std::string> columns;
  try {
    db = co_await connection();
    columns = co_await db->start_query(sql);
  } catch (const SqlError& error) {
    if (!error.programming()) connection_.reset();
    throw;
  }
  for (;;) {
    std::vector<SqlRow> rows;
    try {
      rows = co_await db->fetch(fetch_size);
    } catch (const SqlError&) {
      connection_.reset();
      throw;
    }
    if (rows.empty()) co_return;
    // The handler (the sync's sink) may stop the sync; the half-read result then makes the
    // connection unusable and the next query replaces it.
    co_await on_batch(columns, rows);
  }
}

asio::awaitable<void> SqlSession::stream(std::string sql, std::size_t fetch_size,
                                         BatchHandler on_batch) {
  core::RetryPolicy policy{attempts_, interval_, core::RetryStrategy::exponential};
  const std::size_t batch = std::max<std::size_t>(1, fetch_size);
  auto attempt = [this, &sql, batch, &on_batch] { return stream_once(sql, batch, on_batch); };
  auto retrying = core::retry(policy, attempt, worth_retrying);
  co_await std::move(retrying);
}

asio::awaitable<void> SqlSession::ping() {
  try {
    SqlConnection* db = co_await connection();
    co_await db->ping();
  } catch (const SqlError&) {
    connection_.reset();
    throw;
  }
}

asio::awaitable<void> SqlSession::close() {
  co_await discard();
}

}  // namespace ei::sources::sql
