#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>
#include <random>

#include "http/client.hpp"
#include "support/http_test_server.hpp"
#include "test_pki.hpp"
#include "test_support.hpp"

namespace ei::http {
namespace {

namespace asio = boost::asio;
using test::TestServer;

Request get(std::string url) {
  Request request;
  request.url = std::move(url);
  return request;
}

class HttpClientTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pki_ = new test::TestPki(test::TestPki::generate("elastic-ingest test CA"));
    other_pki_ = new test::TestPki(test::TestPki::generate("some other CA"));
  }
  static void TearDownTestSuite() {
    delete pki_;
    delete other_pki_;
  }

  void SetUp() override {
    ca_file_ = std::filesystem::temp_directory_path() /
               ("ei-http-test-ca-" + std::to_string(std::random_device{}()) + ".pem");
    std::ofstream(ca_file_) << pki_->ca_certificate_pem;
  }
  void TearDown() override { std::filesystem::remove(ca_file_); }

  static TestServer::Tls tls() {
    return {pki_->server_certificate_pem, pki_->server_private_key_pem};
  }
  static TestServer::Reply hello(const TestServer::Received&) {
    TestServer::Reply reply;
    reply.body = "secure hello";
    return reply;
  }

  static test::TestPki* pki_;
  static test::TestPki* other_pki_;
  std::filesystem::path ca_file_;
  test::NoProxyEnvironment no_proxy;
  asio::io_context io;
};

test::TestPki* HttpClientTlsTest::pki_ = nullptr;
test::TestPki* HttpClientTlsTest::other_pki_ = nullptr;

TEST_F(HttpClientTlsTest, TrustsTheServerThroughACaFile) {
  TestServer server(hello, tls());
  ClientOptions options;
  options.ca_file = ca_file_.string();
  Client client(io.get_executor(), options);
  Response response = test::run(io, client.send(get(server.url("/"))));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "secure hello");
  EXPECT_EQ(server.url("/").rfind("https://", 0), 0u);
}

TEST_F(HttpClientTlsTest, TrustsTheServerThroughAnInlinePem) {
  TestServer server(hello, tls());
  ClientOptions options;
  options.ca_pem = pki_->ca_certificate_pem;
  Client client(io.get_executor(), options);
  for (int i = 0; i < 5; ++i) {
    Response response = test::run(io, client.send(get(server.url("/n"))));
    EXPECT_EQ(response.body, "secure hello");
  }
  EXPECT_EQ(server.connections(), 1u);  // TLS connections are kept alive too
}

TEST_F(HttpClientTlsTest, LocalhostMatchesTheCertificateName) {
  TestServer server(hello, tls());
  ClientOptions options;
  options.ca_pem = pki_->ca_certificate_pem;
  Client client(io.get_executor(), options);
  const std::string url = "https://localhost:" + std::to_string(server.port()) + "/";
  EXPECT_EQ(test::run(io, client.send(get(url))).body, "secure hello");
}

TEST_F(HttpClientTlsTest, UntrustedCaIsATransportErrorNamingTheUrl) {
  TestServer server(hello, tls());
  ClientOptions options;
  options.ca_pem = other_pki_->ca_certificate_pem;
  Client client(io.get_executor(), options);
  const std::string url = server.url("/");
  try {
    test::run(io, client.send(get(url)));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_FALSE(e.timed_out());
    const std::string message = e.what();
    EXPECT_NE(message.find(url), std::string::npos) << message;
    EXPECT_NE(message.find("certificate"), std::string::npos) << message;
  }
  EXPECT_TRUE(server.received().empty());
}

TEST_F(HttpClientTlsTest, SystemTrustStoreDoesNotTrustATestCa) {
  TestServer server(hello, tls());
  Client client(io.get_executor(), {});
  EXPECT_THROW(test::run(io, client.send(get(server.url("/")))), TransportError);
  EXPECT_TRUE(server.received().empty());
}

TEST_F(HttpClientTlsTest, MissingCaFileIsATransportError) {
  TestServer server(hello, tls());
  ClientOptions options;
  options.ca_file = "/nonexistent/ca.pem";
  Client client(io.get_executor(), options);
  EXPECT_THROW(test::run(io, client.send(get(server.url("/")))), TransportError);
}

}  // namespace
}  // namespace ei::http
