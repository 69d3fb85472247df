// The REST client against a test HTTP server: authorization, retries, errors that name the
// server and the vendor's words, token renewal, bounded fan-out, paging.
#include "sources/rest/rest_client.hpp"

#include <gmock/gmock.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/base64.hpp"
#include "core/run_to_completion.hpp"
#include "sources/rest/fan_out.hpp"
#include "sources/rest/paging.hpp"
#include "support/http_test_server.hpp"

namespace ei::sources::rest {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using http::test::TestServer;
using namespace std::chrono_literals;

TestServer::Reply reply(unsigned status, std::string body = "", TestServer::Fields headers = {}) {
  TestServer::Reply made;
  made.status = status;
  made.body = std::move(body);
  made.headers = std::move(headers);
  return made;
}

RestClientSettings settings_for(const TestServer& server, std::string context = "") {
  RestClientSettings settings;
  settings.service = "Jira";
  settings.base_url = server.url(context) + "/";
  settings.retries = 2;
  settings.first_delay = 1ms;
  return settings;
}

TEST(RestClient, SendsBasicAuthorizationAndKeepsTheContextPath) {
  TestServer server([](const TestServer::Received& request) {
    if (request.target != "/jira/rest/api/2/myself") return reply(404);
    return reply(200, R"({"name": "me"})");
  });
  asio::io_context io;
  RestClient client(io.get_executor(), settings_for(server, "/jira"),
                    Authorization::basic("me@example.com", "secret"));
  EXPECT_EQ(client.url("/rest/api/2/x"), server.url("/jira/rest/api/2/x"));
  EXPECT_EQ(client.url("rest/api/2/x"), server.url("/jira/rest/api/2/x"));
  EXPECT_EQ(client.url("https://elsewhere/x"), "https://elsewhere/x");
  const json::value answer = core::run_to_completion(io, client.get_json("/rest/api/2/myself"));
  EXPECT_EQ(answer.at("name"), "me");
  const auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].header("Authorization"),
            "Basic " + core::base64_encode("me@example.com:secret"));
  EXPECT_EQ(received[0].header("Accept"), "application/json");
}

TEST(RestClient, ErrorsNameTheServerTheRequestAndTheVendorsWords) {
  std::atomic<int> calls{0};
  TestServer server([&](const TestServer::Received& request) {
    ++calls;
    if (request.target == "/denied") {
      return reply(401, R"({"errorMessages": ["You are not authenticated."], "errors": {}})");
    }
    if (request.target == "/html") return reply(200, "<html>login</html>");
    return reply(500, R"({"message": "database unavailable"})");
  });
  asio::io_context io;
  RestClient client(io.get_executor(), settings_for(server), Authorization());
  try {
    core::run_to_completion(io, client.get_json("/denied"));
    FAIL() << "a 401 passed";
  } catch (const RestError& error) {
    EXPECT_EQ(error.status(), 401);
    EXPECT_EQ(std::string(error.what()),
              "Jira at " + server.url("") + ": GET " + server.url("/denied") +
                  " answered HTTP 401 (the credentials were refused): You are not authenticated.");
  }
  EXPECT_EQ(calls, 1);  // a refusal is not retried
  calls = 0;
  try {
    core::run_to_completion(io, client.get_json("/storm"));
    FAIL() << "a 500 passed";
  } catch (const RestError& error) {
    EXPECT_EQ(error.status(), 500);
    EXPECT_THAT(error.what(), ::testing::HasSubstr("answered HTTP 500: database unavailable"));
  }
  EXPECT_EQ(calls, 3);  // the first attempt and 2 retries
  EXPECT_THROW(core::run_to_completion(io, client.get_json("/html")), RestError);
}

TEST(RestClient, ANoAnswerIsARestErrorNamingTheServer) {
  asio::io_context io;
  RestClientSettings settings;
  settings.service = "Confluence";
  settings.base_url = "http://127.0.0.1:1";
  settings.retries = 0;
  RestClient client(io.get_executor(), settings, Authorization::bearer("t"));
  try {
    core::run_to_completion(io, client.get_bytes("/x"));
    FAIL() << "a closed port answered";
  } catch (const RestError& error) {
    EXPECT_EQ(error.status(), 0);
    EXPECT_THAT(error.what(), ::testing::StartsWith("Confluence at http://127.0.0.1:1: "));
  }
}

TEST(RestClient, RetriesThrottlingWithAndWithoutRetryAfter) {
  std::atomic<int> calls{0};
  TestServer server([&](const TestServer::Received&) {
    const int call = ++calls;
    if (call == 1) return reply(429, "", {{"Retry-After", "1"}});
    if (call == 2) return reply(429);  // no rate-limit header at all
    return reply(200, "bytes");
  });
  asio::io_context io;
  RestClient client(io.get_executor(), settings_for(server), Authorization::bearer("pat"));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(core::run_to_completion(io, client.get_bytes("/file")), "bytes");
  EXPECT_GE(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_EQ(server.received().back().header("Authorization"), "Bearer pat");
}

TEST(RestAuthorization, ARenewedTokenIsFetchedOnceAndRenewedBeforeItExpires) {
  TestServer server([](const TestServer::Received&) { return reply(200, "{}"); });
  asio::io_context io;
  int fetched = 0;
  core::TimePoint expiry = core::Clock::now() + 1h;
  Authorization authorization =
      Authorization::renewed(io.get_executor(), [&]() -> asio::awaitable<AccessToken> {
        ++fetched;
        asio::steady_timer timer(co_await asio::this_coro::executor, 20ms);
        co_await timer.async_wait(asio::use_awaitable);
        co_return AccessToken{"token" + std::to_string(fetched), expiry};
      });
  RestClient client(io.get_executor(), settings_for(server), authorization);
  // Ten requests at once share one fetch.
  core::run_to_completion(io,
                          for_each_concurrently(io.get_executor(), 10, 10,
                                                [&client](std::size_t) -> asio::awaitable<void> {
                                                  auto getting = client.get_json("/x");
                                                  co_await std::move(getting);
                                                }));
  EXPECT_EQ(fetched, 1);
  EXPECT_EQ(client.authorization().fetches(), 1);
  EXPECT_EQ(server.received().back().header("Authorization"), "Bearer token1");
  // Within 20 s of its expiry a token is renewed.
  expiry = core::Clock::now() + 10s;
  core::run_to_completion(io, client.get_json("/x"));  // token1 still valid for an hour
  EXPECT_EQ(fetched, 1);
  core::run_to_completion(io, client.get_json("/x"));
  EXPECT_EQ(server.received().back().header("Authorization"), "Bearer token1");
}

TEST(RestAuthorization, ATokenCloseToExpiryIsRenewedAndAFailedFetchFailsTheRequest) {
  TestServer server([](const TestServer::Received&) { return reply(200, "{}"); });
  asio::io_context io;
  int fetched = 0;
  bool refuse = false;
  Authorization authorization =
      Authorization::renewed(io.get_executor(), [&]() -> asio::awaitable<AccessToken> {
        ++fetched;
        if (refuse) throw source::SourceError("token endpoint answered HTTP 401");
        co_return AccessToken{"t" + std::to_string(fetched), core::Clock::now() + 10s};
      });
  RestClient client(io.get_executor(), settings_for(server), authorization);
  core::run_to_completion(io, client.get_json("/x"));
  core::run_to_completion(io, client.get_json("/x"));  // 10 s left < 20 s margin: renewed
  EXPECT_EQ(fetched, 2);
  EXPECT_EQ(server.received().back().header("Authorization"), "Bearer t2");
  refuse = true;
  try {
    core::run_to_completion(io, client.get_json("/x"));
    FAIL() << "a request went without a token";
  } catch (const RestError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("no access token: token endpoint answered"));
  }
}

TEST(RestFanOut, RunsAtMostLimitAtOnceAndRethrowsTheFirstFailureAfterAllEnded) {
  asio::io_context io;
  int running = 0;
  int most = 0;
  int ended = 0;
  auto task = [&](std::size_t i) -> asio::awaitable<void> {
    ++running;
    most = std::max(most, running);
    asio::steady_timer timer(co_await asio::this_coro::executor, 5ms);
    co_await timer.async_wait(asio::use_awaitable);
    --running;
    ++ended;
    if (i == 3) throw source::SourceError("task 3 failed");
  };
  try {
    core::run_to_completion(io, for_each_concurrently(io.get_executor(), 20, 4, task));
    FAIL() << "the failure was lost";
  } catch (const source::SourceError& error) {
    EXPECT_STREQ(error.what(), "task 3 failed");
  }
  EXPECT_EQ(most, 4);
  EXPECT_EQ(running, 0);  // none outlives the call
  EXPECT_LT(ended, 20);   // no new task after the failure
  ended = 0;
  most = 0;
  core::run_to_completion(io, for_each_concurrently(io.get_executor(), 0, 4, task));
  EXPECT_EQ(ended, 0);
}

TEST(RestForEachPage, FollowsLinksAndStopsOnARepeatedLink) {
  TestServer server([](const TestServer::Received& request) {
    if (request.target == "/wiki/rest/api/space?limit=2") {
      return reply(200,
                   R"({"results": [1, 2], "_links": {"next": "/rest/api/space?limit=2&start=2"}})");
    }
    if (request.target == "/wiki/rest/api/space?limit=2&start=2") {
      return reply(200,
                   R"({"results": [3], "_links": {"next": "/rest/api/space?limit=2&start=2"}})");
    }
    return reply(404, R"({"message": "no such page"})");
  });
  asio::io_context io;
  RestClient client(io.get_executor(), settings_for(server, "/wiki"), Authorization());
  std::vector<std::int64_t> seen;
  core::run_to_completion(
      io, for_each_page(
              client, "/rest/api/space?limit=2",
              [](std::string_view, const json::value& page) { return next_link(page); },
              [&seen](json::value page) -> asio::awaitable<void> {
                for (const json::value& item : page.at("results").as_array()) {
                  seen.push_back(item.as_int64());
                }
                co_return;
              }));
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(server.received().size(), 2u);
  EXPECT_THROW(
      core::run_to_completion(
          io, for_each_page(
                  client, "/missing",
                  [](std::string_view, const json::value&) { return std::optional<std::string>(); },
                  [](json::value) -> asio::awaitable<void> { co_return; })),
      RestError);
}

}  // namespace
}  // namespace ei::sources::rest
