#include "http/client.hpp"

#include <gtest/gtest.h>
#include <netdb.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <string>

#include "support/http_test_server.hpp"
#include "test_support.hpp"

namespace ei::http {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using test::TestServer;

TestServer::Reply text(std::string body, unsigned status = 200) {
  TestServer::Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

Request get(std::string url) {
  Request request;
  request.url = std::move(url);
  return request;
}

class HttpClientTest : public ::testing::Test {
 protected:
  Response send(Client& client, Request request) {
    return test::run(io, client.send(std::move(request)));
  }

  test::NoProxyEnvironment no_proxy;
  asio::io_context io;
};

TEST_F(HttpClientTest, GetReturnsStatusHeadersAndBody) {
  TestServer server([](const TestServer::Received&) {
    auto reply = text("hello");
    reply.headers.emplace_back("X-Answer", "42");
    return reply;
  });
  Client client(io.get_executor(), {});
  Response response = send(client, get(server.url("/hello?x=1")));
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.ok());
  EXPECT_EQ(response.body, "hello");
  EXPECT_EQ(response.header("x-answer"), "42");
  EXPECT_EQ(response.header("X-ANSWER"), "42");
  EXPECT_EQ(response.header("x-missing"), std::nullopt);
  auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "GET");
  EXPECT_EQ(received[0].target, "/hello?x=1");
  EXPECT_EQ(received[0].header("User-Agent"), "elastic-ingest");
  EXPECT_EQ(received[0].header("Content-Type"), std::nullopt);
  EXPECT_EQ(client.in_flight(), 0u);
}

TEST_F(HttpClientTest, ABodyOverTheLimitIsAClearErrorNotUnboundedMemory) {
  TestServer server([](const TestServer::Received&) { return text(std::string(300000, 'x')); });
  ClientOptions options;
  options.max_response_bytes = 100000;
  Client client(io.get_executor(), options);
  try {
    send(client, get(server.url("/big")));
    ADD_FAILURE() << "no error for a body over the limit";
  } catch (const TransportError& error) {
    EXPECT_NE(std::string(error.what()).find("larger than the limit of 100000 bytes"),
              std::string::npos)
        << error.what();
    EXPECT_FALSE(error.retryable());
  }
  EXPECT_EQ(client.in_flight(), 0u);
  // At the limit exactly, the body is whole.
  options.max_response_bytes = 300000;
  Client exact(io.get_executor(), options);
  EXPECT_EQ(send(exact, get(server.url("/big"))).body.size(), 300000u);
}

TEST_F(HttpClientTest, ErrorStatusIsAResponseNotAnException) {
  TestServer server([](const TestServer::Received&) { return text("{\"found\":false}", 404); });
  Client client(io.get_executor(), {});
  Response response = send(client, get(server.url("/missing")));
  EXPECT_EQ(response.status, 404);
  EXPECT_FALSE(response.ok());
  EXPECT_EQ(response.body, "{\"found\":false}");
}

TEST_F(HttpClientTest, PostSendsLargeBodyWithoutExpectContinue) {
  TestServer server(
      [](const TestServer::Received& r) { return text(std::to_string(r.body.size())); });
  Client client(io.get_executor(), {});
  Request request = get(server.url("/_bulk"));
  request.method = "POST";
  request.body = std::string(3 * 1024 * 1024, 'x');
  request.headers.emplace_back("Content-Type", "application/x-ndjson");
  const auto start = std::chrono::steady_clock::now();
  Response response = send(client, request);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 900ms);  // no 1 s Expect wait
  EXPECT_EQ(response.body, std::to_string(request.body.size()));
  auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "POST");
  EXPECT_EQ(received[0].body, request.body);
  EXPECT_EQ(received[0].header("Expect"), std::nullopt);
  EXPECT_EQ(received[0].header("Content-Type"), "application/x-ndjson");
}

TEST_F(HttpClientTest, BodyWithoutContentTypeIsNotLabelledAsAForm) {
  TestServer server([](const TestServer::Received&) { return text("ok"); });
  Client client(io.get_executor(), {});
  Request request = get(server.url("/x"));
  request.method = "POST";
  request.body = "{}";
  send(client, request);
  auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].header("Content-Type"), std::nullopt);
  EXPECT_EQ(received[0].body, "{}");
}

TEST_F(HttpClientTest, PutDeleteAndGetCarryTheirBodies) {
  TestServer server([](const TestServer::Received&) { return text("ok"); });
  Client client(io.get_executor(), {});
  auto make = [&](std::string method, std::string body) {
    Request request = get(server.url("/idx"));
    request.method = std::move(method);
    request.body = std::move(body);
    return request;
  };
  send(client, make("PUT", "{\"settings\":{}}"));
  send(client, make("DELETE", "{\"ids\":[1]}"));
  send(client, make("GET", "{\"query\":{}}"));
  send(client, make("DELETE", ""));
  send(client, make("PUT", ""));
  auto received = server.received();
  ASSERT_EQ(received.size(), 5u);
  EXPECT_EQ(received[0].method, "PUT");
  EXPECT_EQ(received[0].body, "{\"settings\":{}}");
  EXPECT_EQ(received[1].method, "DELETE");
  EXPECT_EQ(received[1].body, "{\"ids\":[1]}");
  EXPECT_EQ(received[2].method, "GET");
  EXPECT_EQ(received[2].body, "{\"query\":{}}");
  EXPECT_EQ(received[3].method, "DELETE");
  EXPECT_EQ(received[3].body, "");
  EXPECT_EQ(received[4].method, "PUT");
  EXPECT_EQ(received[4].header("Content-Length"), "0");
}

TEST_F(HttpClientTest, HeadReturnsHeadersWithoutBody) {
  TestServer server([](const TestServer::Received&) {
    TestServer::Reply reply;
    reply.head_length = 42;
    reply.headers.emplace_back("X-Elastic-Product", "Elasticsearch");
    return reply;
  });
  Client client(io.get_executor(), {});
  Request request = get(server.url("/idx"));
  request.method = "HEAD";
  Response response = send(client, request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(response.header("Content-Length"), "42");
  EXPECT_EQ(response.header("X-Elastic-Product"), "Elasticsearch");
  ASSERT_EQ(server.received().size(), 1u);
  EXPECT_EQ(server.received()[0].method, "HEAD");
  // The connection is still usable after a HEAD (curl did not wait for 42 bytes).
  EXPECT_EQ(send(client, get(server.url("/after"))).status, 200);
  EXPECT_EQ(server.connections(), 1u);
}

TEST_F(HttpClientTest, SequentialRequestsReuseOneConnection) {
  TestServer server([](const TestServer::Received& r) { return text(r.target); });
  Client client(io.get_executor(), {});
  for (int i = 0; i < 20; ++i) {
    Response response = send(client, get(server.url("/n/" + std::to_string(i))));
    EXPECT_EQ(response.body, "/n/" + std::to_string(i));
  }
  EXPECT_EQ(server.received().size(), 20u);
  EXPECT_EQ(server.connections(), 1u);
}

TEST_F(HttpClientTest, SendsDefaultHeadersUserAgentAndRequestHeaders) {
  TestServer server([](const TestServer::Received&) { return text("ok"); });
  ClientOptions options;
  options.user_agent = "ei-test/1.0";
  options.default_headers = {{"X-Opaque-Id", "sync-1"}, {"X-Empty", ""}};
  Client client(io.get_executor(), options);
  Request request = get(server.url("/"));
  request.headers.emplace_back("X-Request", "yes");
  send(client, request);
  auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].header("User-Agent"), "ei-test/1.0");
  EXPECT_EQ(received[0].header("X-Opaque-Id"), "sync-1");
  EXPECT_EQ(received[0].header("X-Empty"), "");
  EXPECT_EQ(received[0].header("X-Request"), "yes");
  EXPECT_EQ(received[0].header("Authorization"), std::nullopt);
}

TEST_F(HttpClientTest, BasicAuthHeaderIsSent) {
  TestServer server([](const TestServer::Received&) { return text("ok"); });
  ClientOptions options;
  options.basic_auth = BasicAuth{"elastic", "s3cret:x"};
  Client client(io.get_executor(), options);
  send(client, get(server.url("/")));
  ASSERT_EQ(server.received().size(), 1u);
  // base64("elastic:s3cret:x")
  EXPECT_EQ(server.received()[0].header("Authorization"), "Basic ZWxhc3RpYzpzM2NyZXQ6eA==");
}

TEST_F(HttpClientTest, ApiKeyHeaderIsSentAndARequestsOwnAuthorizationWins) {
  TestServer server([](const TestServer::Received&) { return text("ok"); });
  ClientOptions options;
  options.api_key = "dGhlLWtleQ==";
  Client client(io.get_executor(), options);
  send(client, get(server.url("/")));
  Request own = get(server.url("/"));
  own.headers.emplace_back("Authorization", "Bearer token");
  send(client, own);
  auto received = server.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].header("Authorization"), "ApiKey dGhlLWtleQ==");
  EXPECT_EQ(received[1].header("Authorization"), "Bearer token");
}

TEST_F(HttpClientTest, GzipResponseIsInflated) {
  std::string document;
  for (int i = 0; i < 2000; ++i) document += "{\"id\":" + std::to_string(i) + "}\n";
  TestServer server([&document](const TestServer::Received& r) {
    auto accept = r.header("Accept-Encoding").value_or("");
    if (accept.find("gzip") == std::string::npos) return text("gzip not offered", 406);
    auto reply = text(test::gzip(document));
    reply.headers.emplace_back("Content-Encoding", "gzip");
    return reply;
  });
  Client client(io.get_executor(), {});
  Response response = send(client, get(server.url("/docs")));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, document);
  EXPECT_LT(test::gzip(document).size(), document.size() / 4);  // it was compressed
}

TEST_F(HttpClientTest, GzipCanBeTurnedOff) {
  TestServer server([](const TestServer::Received&) { return text("plain"); });
  ClientOptions options;
  options.gzip = false;
  Client client(io.get_executor(), options);
  EXPECT_EQ(send(client, get(server.url("/"))).body, "plain");
  ASSERT_EQ(server.received().size(), 1u);
  EXPECT_EQ(server.received()[0].header("Accept-Encoding"), std::nullopt);
}

TEST_F(HttpClientTest, RequestTimeoutIsATimedOutTransportError) {
  TestServer server([](const TestServer::Received&) {
    auto reply = text("late");
    reply.delay = 3s;
    return reply;
  });
  ClientOptions options;
  options.request_timeout = 200ms;
  Client client(io.get_executor(), options);
  const std::string url = server.url("/slow");
  const auto start = std::chrono::steady_clock::now();
  try {
    send(client, get(url));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.timed_out());
    EXPECT_NE(std::string(e.what()).find(url), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("200 ms"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(client.in_flight(), 0u);
}

TEST_F(HttpClientTest, PerRequestTimeoutOverridesTheClients) {
  TestServer server([](const TestServer::Received&) {
    auto reply = text("late");
    reply.delay = 3s;
    return reply;
  });
  Client client(io.get_executor(), {});  // 120 s by default
  Request request = get(server.url("/slow"));
  request.timeout = 150ms;
  const auto start = std::chrono::steady_clock::now();
  try {
    send(client, request);
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.timed_out());
    EXPECT_NE(std::string(e.what()).find("150 ms"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST_F(HttpClientTest, ConnectionRefusedIsATransportErrorNotATimeout) {
  unsigned short port = 0;
  {
    // Bind a port and close it again: nothing listens there afterwards.
    asio::ip::tcp::acceptor probe(io, {asio::ip::make_address("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }
  Client client(io.get_executor(), {});
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
  try {
    send(client, get(url));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_FALSE(e.timed_out());
    EXPECT_NE(std::string(e.what()).find(url), std::string::npos) << e.what();
  }
}

TEST_F(HttpClientTest, ErrorMessagesDoNotShowCredentialsFromTheUrl) {
  Client client(io.get_executor(), {});
  try {
    send(client, get("http://user:hunter2@127.0.0.1:1/"));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("http://127.0.0.1:1/"), std::string::npos) << e.what();
  }
}

TEST_F(HttpClientTest, OnlyHttpAndHttpsUrlsAreAccepted) {
  Client client(io.get_executor(), {});
  EXPECT_THROW(send(client, get("file:///etc/hostname")), TransportError);
}

TEST_F(HttpClientTest, BothCaFileAndCaPemIsAConfigurationError) {
  ClientOptions options;
  options.ca_file = "/tmp/ca.pem";
  options.ca_pem = "-----BEGIN CERTIFICATE-----";
  EXPECT_THROW(Client(io.get_executor(), options), core::Error);
}

TEST_F(HttpClientTest, HundredConcurrentRequestsOnOneThreadShareFewConnections) {
  TestServer server([](const TestServer::Received& r) {
    auto reply = text(r.target);
    reply.delay = 5ms;
    return reply;
  });
  ClientOptions options;
  options.max_connections_per_host = 4;
  Client client(io.get_executor(), options);
  constexpr int kRequests = 100;
  int succeeded = 0;
  std::size_t peak_in_flight = 0;
  for (int i = 0; i < kRequests; ++i) {
    const std::string path = "/n/" + std::to_string(i);
    asio::co_spawn(io, client.send(get(server.url(path))),
                   [&, path](std::exception_ptr error, Response response) {
                     if (!error && response.status == 200 && response.body == path) ++succeeded;
                   });
  }
  // Start every coroutine, then watch them complete.
  while (io.poll_one() > 0) peak_in_flight = std::max(peak_in_flight, client.in_flight());
  io.restart();
  io.run_for(30s);
  EXPECT_EQ(succeeded, kRequests);
  EXPECT_EQ(peak_in_flight, static_cast<std::size_t>(kRequests));
  EXPECT_EQ(server.received().size(), static_cast<std::size_t>(kRequests));
  EXPECT_GE(server.connections(), 1u);
  EXPECT_LE(server.connections(), 4u);
}

TEST_F(HttpClientTest, ConcurrentRequestsRunInParallel) {
  TestServer server([](const TestServer::Received&) {
    auto reply = text("ok");
    reply.delay = 300ms;
    return reply;
  });
  ClientOptions options;
  options.max_connections_per_host = 0;  // no limit
  Client client(io.get_executor(), options);
  constexpr int kRequests = 10;
  int succeeded = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRequests; ++i) {
    asio::co_spawn(io, client.send(get(server.url("/p"))),
                   [&](std::exception_ptr error, Response response) {
                     if (!error && response.ok()) ++succeeded;
                   });
  }
  io.run_for(30s);
  EXPECT_EQ(succeeded, kRequests);
  // Serially this would take 3 s.
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
  EXPECT_EQ(server.connections(), static_cast<std::size_t>(kRequests));
}

// This machine's host name when it resolves to 127.0.0.1 (through /etc/hosts), else "".
std::string loopback_host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof(name) - 1) != 0) return "";
  addrinfo hints{};
  hints.ai_family = AF_INET;
  addrinfo* found = nullptr;
  if (::getaddrinfo(name, nullptr, &hints, &found) != 0) return "";
  std::string ip = found != nullptr
                       ? asio::ip::make_address_v4(
                             ntohl(reinterpret_cast<sockaddr_in*>(found->ai_addr)->sin_addr.s_addr))
                             .to_string()
                       : "";
  ::freeaddrinfo(found);
  return ip == "127.0.0.1" ? name : "";
}

TEST_F(HttpClientTest, NamesResolvedByCurlsResolverThreadWork) {
  // A name curl cannot short-cut (unlike localhost and IP literals) goes through its
  // threaded resolver, whose socketpair curl closes without the close-socket callback; the
  // connection socket then often reuses that descriptor number.
  const std::string host = loopback_host_name();
  if (host.empty()) GTEST_SKIP() << "the host name does not resolve to 127.0.0.1 here";
  TestServer server([](const TestServer::Received&) { return text("resolved"); });
  const std::string url = "http://" + host + ":" + std::to_string(server.port()) + "/";
  ClientOptions options;
  options.request_timeout = 5s;
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < 5; ++round) {
    Client client(io.get_executor(), options);  // a fresh DNS cache each round
    int ok = 0;
    for (int i = 0; i < 4; ++i) {
      asio::co_spawn(io, client.send(get(url)), [&](std::exception_ptr error, Response response) {
        if (!error && response.body == "resolved") ++ok;
      });
    }
    io.restart();
    io.run_for(10s);
    EXPECT_EQ(ok, 4) << "round " << round;
    EXPECT_EQ(send(client, get(url)).body, "resolved");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST_F(HttpClientTest, HttpProxyFromTheEnvironmentIsUsed) {
  TestServer proxy([](const TestServer::Received&) { return text("via proxy"); });
  test::EnvGuard http_proxy("http_proxy", proxy.url(""));
  Client client(io.get_executor(), {});
  Response response = send(client, get("http://example.invalid/x?y=1"));
  EXPECT_EQ(response.body, "via proxy");
  auto received = proxy.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].target, "http://example.invalid/x?y=1");
  EXPECT_EQ(received[0].header("Host"), "example.invalid");
}

TEST_F(HttpClientTest, NoProxyBypassesTheProxy) {
  TestServer proxy([](const TestServer::Received&) { return text("via proxy"); });
  TestServer server([](const TestServer::Received&) { return text("direct"); });
  test::EnvGuard http_proxy("http_proxy", proxy.url(""));
  test::EnvGuard no_proxy_env("no_proxy", "127.0.0.1");
  Client client(io.get_executor(), {});
  EXPECT_EQ(send(client, get(server.url("/"))).body, "direct");
  EXPECT_EQ(proxy.received().size(), 0u);
}

}  // namespace
}  // namespace ei::http
