#include "sources/sql/sql_session.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "core/run_to_completion.hpp"
#include "sources/sql/sql_error.hpp"

namespace ei::sources::sql {
namespace {

namespace asio = boost::asio;

// Scripted failures shared by every connection the factory makes.
struct Script {
  int connects = 0;
  int queries = 0;
  int closes = 0;
  int connect_failures = 0;        // the first N connects fail
  int fetch_failures = 0;          // the first N streams fail after their first batch
  bool programming_error = false;  // every query fails with a statement error
  std::size_t rows = 5;
};

class FakeConnection : public SqlConnection {
 public:
  explicit FakeConnection(Script& script) : script_(script) {}

  asio::awaitable<void> connect() override {
    if (script_.connects++ < script_.connect_failures) {
      throw SqlError(SqlError::Kind::connection, "refused");
    }
    connected_ = true;
    co_return;
  }
  bool reusable() const override { return connected_ && !open_; }
  asio::awaitable<std::vector<std::string>> start_query(std::string) override {
    ++script_.queries;
    if (script_.programming_error) throw SqlError(SqlError::Kind::programming, "syntax");
    open_ = true;
    next_ = 0;
    co_return std::vector<std::string>{"n"};
  }
  asio::awaitable<std::vector<SqlRow>> fetch(std::size_t max_rows) override {
    std::vector<SqlRow> rows;
    if (next_ > 0 && script_.fetch_failures > 0) {
      --script_.fetch_failures;
      connected_ = false;
      throw SqlError(SqlError::Kind::connection, "lost");
    }
    while (rows.size() < max_rows && next_ < script_.rows) {
      rows.push_back(SqlRow{SqlValue{static_cast<std::int64_t>(next_++)}});
    }
    if (rows.empty()) open_ = false;
    co_return rows;
  }
  asio::awaitable<void> ping() override { co_return; }
  asio::awaitable<void> close() override {
    ++script_.closes;
    co_return;
  }

 private:
  Script& script_;
  bool connected_ = false;
  bool open_ = false;
  std::size_t next_ = 0;
};

class SqlSessionTest : public ::testing::Test {
 protected:
  SqlSession session(int attempts) {
    return SqlSession([this] { return std::make_unique<FakeConnection>(script_); }, attempts,
                      std::chrono::milliseconds(1));
  }
  template <class T>
  T run(asio::awaitable<T> task) {
    return core::run_to_completion(io_, std::move(task));
  }

  asio::io_context io_;
  Script script_;
};

TEST_F(SqlSessionTest, ReusesOneConnectionForSuccessiveQueries) {
  auto db = session(3);
  EXPECT_EQ(run(db.fetch_all("a")).rows.size(), 5u);
  EXPECT_EQ(run(db.fetch_all("b")).rows.size(), 5u);
  EXPECT_EQ(std::get<std::int64_t>(run(db.fetch_scalar("c"))), 0);
  run(db.ping());
  EXPECT_EQ(script_.connects, 1);
  run(db.close());
  EXPECT_EQ(script_.closes, 1);
}

TEST_F(SqlSessionTest, RetriesConnectionFailuresUpToTheAttempts) {
  script_.connect_failures = 2;
  auto db = session(3);
  EXPECT_EQ(run(db.fetch_all("a")).rows.size(), 5u);
  EXPECT_EQ(script_.connects, 3);

  Script failing;
  failing.connect_failures = 5;
  SqlSession exhausted([&failing] { return std::make_unique<FakeConnection>(failing); }, 2,
                       std::chrono::milliseconds(1));
  EXPECT_THROW(run(exhausted.fetch_all("a")), SqlError);
  EXPECT_EQ(failing.connects, 2);
  EXPECT_THROW(run(exhausted.ping()), SqlError);
}

TEST_F(SqlSessionTest, StatementErrorsAreNotRetried) {
  script_.programming_error = true;
  auto db = session(3);
  EXPECT_THROW(run(db.fetch_all("bad")), SqlError);
  EXPECT_EQ(script_.queries, 1);
  // The link itself is fine: it is kept for the next statement.
  script_.programming_error = false;
  EXPECT_EQ(run(db.fetch_all("good")).rows.size(), 5u);
  EXPECT_EQ(script_.connects, 1);
}

TEST_F(SqlSessionTest, AFailedStreamRestartsFromTheFirstRowOnANewConnection) {
  script_.fetch_failures = 1;
  auto db = session(2);
  std::vector<std::int64_t> seen;
  SqlSession::BatchHandler collect = [&seen](const std::vector<std::string>& columns,
                                             std::vector<SqlRow>& rows) -> asio::awaitable<void> {
    EXPECT_EQ(columns, std::vector<std::string>{"n"});
    EXPECT_LE(rows.size(), 2u);
    for (const auto& row : rows) seen.push_back(std::get<std::int64_t>(row[0]));
    co_return;
  };
  run(db.stream("s", 2, collect));
  EXPECT_EQ(seen, (std::vector<std::int64_t>{0, 1, 0, 1, 2, 3, 4}));
  EXPECT_EQ(script_.connects, 2);
}

TEST_F(SqlSessionTest, HandlerErrorsStopTheStreamUnretried) {
  auto db = session(3);
  SqlSession::BatchHandler stop = [](const std::vector<std::string>&,
                                     std::vector<SqlRow>&) -> asio::awaitable<void> {
    throw std::runtime_error("sync stopped");
    co_return;
  };
  EXPECT_THROW(run(db.stream("s", 2, stop)), std::runtime_error);
  EXPECT_EQ(script_.queries, 1);
  // The abandoned result is not reused: the next query opens a new connection.
  EXPECT_EQ(run(db.fetch_all("a")).rows.size(), 5u);
  EXPECT_EQ(script_.connects, 2);
  EXPECT_EQ(script_.closes, 1);
}

}  // namespace
}  // namespace ei::sources::sql
