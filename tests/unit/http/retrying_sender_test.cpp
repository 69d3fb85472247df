// The retrying sender against a test HTTP server answering what each case needs.
#include "http/retrying_sender.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>

#include "core/run_to_completion.hpp"
#include "support/http_test_server.hpp"

namespace ei::http {
namespace {

using http::test::TestServer;
using namespace std::chrono_literals;

TestServer::Reply reply(unsigned status, std::string body = "", TestServer::Fields headers = {}) {
  TestServer::Reply made;
  made.status = status;
  made.body = std::move(body);
  made.headers = std::move(headers);
  return made;
}

struct Sender {
  explicit Sender(RetrySettings settings = fast())
      : http(std::make_shared<http::Client>(io.get_executor(), http::ClientOptions{}), settings,
             "Store") {}

  static RetrySettings fast() {
    RetrySettings settings;
    settings.retries = 3;
    settings.first_delay = 1ms;
    settings.max_delay = 4ms;
    return settings;
  }

  http::Response get(const std::string& url) {
    return core::run_to_completion(io, http.send([url] {
      http::Request request;
      request.url = url;
      return request;
    }));
  }

  boost::asio::io_context io;
  RetryingSender http;
};

TEST(RetryingSender, RetriesServerErrorsAndThrottlingUntilAnAnswer) {
  std::atomic<int> calls{0};
  TestServer server([&](const TestServer::Received&) {
    const int call = ++calls;
    if (call == 1) return reply(503);
    if (call == 2) return reply(429);
    return reply(200, "done");
  });
  Sender sender;
  const http::Response response = sender.get(server.url("/x"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "done");
  EXPECT_EQ(calls, 3);
}

TEST(RetryingSender, ReturnsTheLastAnswerWhenTheRetriesAreSpent) {
  std::atomic<int> calls{0};
  TestServer server([&](const TestServer::Received&) {
    ++calls;
    return reply(500, "still down");
  });
  Sender sender;
  const http::Response response = sender.get(server.url("/x"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(calls, 4);  // the first attempt and 3 retries
}

TEST(RetryingSender, DoesNotRetryAnswersThatWouldNotChange) {
  std::atomic<int> calls{0};
  TestServer server([&](const TestServer::Received&) {
    ++calls;
    return reply(403, "denied");
  });
  Sender sender;
  EXPECT_EQ(sender.get(server.url("/x")).status, 403);
  EXPECT_EQ(calls, 1);
}

TEST(RetryingSender, WaitsAsRetryAfterSaysCappedByTheSettings) {
  std::atomic<int> calls{0};
  TestServer server([&](const TestServer::Received&) {
    return ++calls == 1 ? reply(429, "", {{"Retry-After", "1"}}) : reply(200);
  });
  Sender sender;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(sender.get(server.url("/x")).status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 1s);  // not the 1 ms backoff

  RetrySettings capped = Sender::fast();
  capped.max_retry_after = 10ms;
  calls = 0;
  Sender impatient(capped);
  const auto again = std::chrono::steady_clock::now();
  EXPECT_EQ(impatient.get(server.url("/x")).status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - again, 900ms);
}

TEST(RetryingSender, ConnectionFailuresAreRetriedThenThrown) {
  Sender sender;
  EXPECT_THROW(sender.get("http://127.0.0.1:1/x"), http::TransportError);
}

TEST(RetryingSender, MakesAFreshRequestForEveryAttempt) {
  std::atomic<int> calls{0};
  TestServer server([&](const TestServer::Received& request) {
    ++calls;
    return request.header("X-Attempt") == "3" ? reply(200) : reply(502);
  });
  Sender sender;
  int made = 0;
  const http::Response response = core::run_to_completion(sender.io, sender.http.send([&] {
    http::Request request;
    request.url = server.url("/x");
    request.headers = {{"X-Attempt", std::to_string(++made)}};
    return request;
  }));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(made, 3);
}

TEST(RetryAfter, SecondsAndHttpDates) {
  const auto now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37
  EXPECT_EQ(parse_retry_after("120", now), std::chrono::milliseconds(120'000));
  EXPECT_EQ(parse_retry_after(" 0 ", now), std::chrono::milliseconds(0));
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now),
            std::chrono::milliseconds(10'000));
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now), std::chrono::milliseconds(0));
  EXPECT_FALSE(parse_retry_after("-5", now));
  EXPECT_FALSE(parse_retry_after("soon", now));
  EXPECT_FALSE(parse_retry_after("", now));
}

TEST(Backoff, DoublesUpToTheMaximum) {
  RetrySettings settings;
  settings.first_delay = 500ms;
  settings.max_delay = 3s;
  EXPECT_EQ(backoff_delay(settings, 1), 500ms);
  EXPECT_EQ(backoff_delay(settings, 2), 1000ms);
  EXPECT_EQ(backoff_delay(settings, 3), 2000ms);
  EXPECT_EQ(backoff_delay(settings, 4), 3000ms);
  EXPECT_EQ(backoff_delay(settings, 40), 3000ms);
  EXPECT_TRUE(retryable_status(503));
  EXPECT_TRUE(retryable_status(408));
  EXPECT_FALSE(retryable_status(404));
  EXPECT_FALSE(retryable_status(501));
}

}  // namespace
}  // namespace ei::http
