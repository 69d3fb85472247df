#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <chrono>
#include <memory>

#include "http/client.hpp"
#include "support/http_test_server.hpp"
#include "test_support.hpp"

namespace ei::http {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using test::TestServer;

// "/slow" answers after 5 s, anything else at once.
TestServer::Reply slow_or_fast(const TestServer::Received& received) {
  TestServer::Reply reply;
  reply.body = "done";
  if (received.target == "/slow") reply.delay = 5s;
  return reply;
}

Request get(std::string url) {
  Request request;
  request.url = std::move(url);
  return request;
}

bool is_operation_aborted(std::exception_ptr error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const boost::system::system_error& e) {
    return e.code() == asio::error::operation_aborted;
  } catch (...) {
  }
  return false;
}

class HttpClientCancelTest : public ::testing::Test {
 protected:
  // Runs the loop until the server has seen `count` requests.
  void run_until_received(const TestServer& server, std::size_t count) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (server.received().size() < count && std::chrono::steady_clock::now() < deadline) {
      io.restart();
      io.run_for(10ms);
    }
    ASSERT_EQ(server.received().size(), count);
  }

  test::NoProxyEnvironment no_proxy;
  asio::io_context io;
};

TEST_F(HttpClientCancelTest, AwaitableOrOperatorCancelsTheLosingRequest) {
  using namespace asio::experimental::awaitable_operators;
  TestServer server(slow_or_fast);
  Client client(io.get_executor(), {});
  const auto start = std::chrono::steady_clock::now();
  auto winner = test::run(io, [&]() -> asio::awaitable<std::size_t> {
    asio::steady_timer timer(co_await asio::this_coro::executor, 200ms);
    auto result =
        co_await (client.send(get(server.url("/slow"))) || timer.async_wait(asio::use_awaitable));
    co_return result.index();
  }());
  EXPECT_EQ(winner, 1u);  // the timer
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(client.in_flight(), 0u);
  // The client still works afterwards.
  Response after = test::run(io, client.send(get(server.url("/fast"))));
  EXPECT_EQ(after.body, "done");
}

TEST_F(HttpClientCancelTest, CancellationSignalAbortsWithOperationAborted) {
  TestServer server(slow_or_fast);
  Client client(io.get_executor(), {});
  asio::cancellation_signal signal;
  std::exception_ptr error;
  bool done = false;
  asio::co_spawn(io, client.send(get(server.url("/slow"))),
                 asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e, Response) {
                   error = e;
                   done = true;
                 }));
  run_until_received(server, 1);
  EXPECT_FALSE(done);
  EXPECT_EQ(client.in_flight(), 1u);
  const auto start = std::chrono::steady_clock::now();
  signal.emit(asio::cancellation_type::terminal);
  io.restart();
  io.run_for(2s);
  EXPECT_TRUE(done);
  EXPECT_TRUE(is_operation_aborted(error));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_EQ(client.in_flight(), 0u);
}

TEST_F(HttpClientCancelTest, CallbackTokenWithCancellationSlot) {
  TestServer server(slow_or_fast);
  Client client(io.get_executor(), {});
  asio::cancellation_signal signal;
  std::exception_ptr error;
  bool done = false;
  client.async_send(
      get(server.url("/slow")),
      asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e, Response) {
        error = e;
        done = true;
      }));
  run_until_received(server, 1);
  signal.emit(asio::cancellation_type::partial);
  io.restart();
  io.run_for(2s);
  EXPECT_TRUE(done);
  EXPECT_TRUE(is_operation_aborted(error));
  // A second emit after completion must not touch anything.
  signal.emit(asio::cancellation_type::terminal);
}

TEST_F(HttpClientCancelTest, DestroyingTheClientAbortsRequestsInFlight) {
  TestServer server(slow_or_fast);
  auto client = std::make_unique<Client>(io.get_executor(), ClientOptions{});
  int aborted = 0;
  int completed = 0;
  for (int i = 0; i < 3; ++i) {
    asio::co_spawn(io, client->send(get(server.url("/slow"))), [&](std::exception_ptr e, Response) {
      ++completed;
      if (is_operation_aborted(e)) ++aborted;
    });
  }
  run_until_received(server, 3);
  EXPECT_EQ(client->in_flight(), 3u);
  client.reset();
  io.restart();
  const auto start = std::chrono::steady_clock::now();
  io.run();  // returns once nothing is left: no timer or socket wait survives the client
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_EQ(completed, 3);
  EXPECT_EQ(aborted, 3);
}

TEST_F(HttpClientCancelTest, DestroyingTheIoContextFreesSuspendedRequests) {
  TestServer server(slow_or_fast);
  auto sentinel = std::make_shared<int>(0);
  {
    asio::io_context local;
    // The coroutine owns the client and a copy of the sentinel; it is suspended in send()
    // when the io_context goes away and must be destroyed, not leaked.
    asio::co_spawn(
        local,
        [](std::string url, std::shared_ptr<int> keep) -> asio::awaitable<void> {
          // Named locals: GCC 12 mishandles temporaries inside a co_await expression.
          auto executor = co_await asio::this_coro::executor;
          ClientOptions options;
          Client client(executor, options);
          co_await client.send(get(url));
          ++*keep;
        }(server.url("/slow"), sentinel),
        asio::detached);
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (server.received().empty() && std::chrono::steady_clock::now() < deadline) {
      local.run_for(10ms);
    }
    ASSERT_EQ(server.received().size(), 1u);
    EXPECT_EQ(sentinel.use_count(), 2);
  }
  EXPECT_EQ(sentinel.use_count(), 1);
  EXPECT_EQ(*sentinel, 0);
}

TEST_F(HttpClientCancelTest, CancelingOneRequestLeavesTheOthersAlone) {
  TestServer server([](const TestServer::Received& received) {
    TestServer::Reply reply;
    reply.body = received.target;
    reply.delay = received.target == "/slow" ? 5s : 300ms;
    return reply;
  });
  Client client(io.get_executor(), {});
  asio::cancellation_signal signal;
  std::exception_ptr slow_error;
  int fast_ok = 0;
  asio::co_spawn(io, client.send(get(server.url("/slow"))),
                 asio::bind_cancellation_slot(
                     signal.slot(), [&](std::exception_ptr e, Response) { slow_error = e; }));
  for (int i = 0; i < 3; ++i) {
    asio::co_spawn(io, client.send(get(server.url("/fast"))),
                   [&](std::exception_ptr e, Response r) {
                     if (!e && r.body == "/fast") ++fast_ok;
                   });
  }
  run_until_received(server, 4);
  signal.emit(asio::cancellation_type::terminal);
  io.restart();
  io.run_for(3s);
  EXPECT_TRUE(is_operation_aborted(slow_error));
  EXPECT_EQ(fast_ok, 3);
}

}  // namespace
}  // namespace ei::http
