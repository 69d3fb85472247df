#include "support/http_test_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "core/strings.hpp"

namespace ei::http::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

std::optional<std::string> TestServer::Received::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (core::iequals(key, name)) return value;
  }
  return std::nullopt;
}

TestServer::TestServer(Handler handler, std::optional<Tls> tls)
    : handler_(std::move(handler)),
      acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
  port_ = acceptor_.local_endpoint().port();
  if (tls) {
    ssl_.emplace(asio::ssl::context::tls_server);
    ssl_->use_certificate_chain(asio::buffer(tls->certificate_chain_pem));
    ssl_->use_private_key(asio::buffer(tls->private_key_pem), asio::ssl::context::pem);
  }
  asio::co_spawn(io_, accept_loop(), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

TestServer::~TestServer() {
  io_.stop();
  thread_.join();
}

std::string TestServer::url(std::string_view path) const {
  return std::string(ssl_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) +
         std::string(path);
}

std::vector<TestServer::Received> TestServer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

asio::awaitable<void> TestServer::accept_loop() {
  for (;;) {
    tcp::socket socket = co_await acceptor_.async_accept(asio::use_awaitable);
    const std::size_t number = ++connections_;
    asio::co_spawn(io_, session(std::move(socket), number), asio::detached);
  }
}

asio::awaitable<void> TestServer::session(tcp::socket socket, std::size_t number) {
  try {
    if (ssl_) {
      asio::ssl::stream<tcp::socket> stream(std::move(socket), *ssl_);
      co_await stream.async_handshake(asio::ssl::stream_base::server, asio::use_awaitable);
      co_await serve(stream, number);
    } else {
      co_await serve(socket, number);
    }
  } catch (const std::exception&) {
    // The client went away (timeouts, cancellation, refused certificates): expected.
  }
}

template <typename Stream>
asio::awaitable<void> TestServer::serve(Stream& stream, std::size_t number) {
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
    bhttp::request<bhttp::string_body> request = parser.release();

    Received received;
    received.method = std::string(request.method_string());
    received.target = std::string(request.target());
    for (const auto& field : request) {
      received.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    received.body = request.body();
    received.connection = number;
    {
      std::lock_guard lock(mutex_);
      received_.push_back(received);
    }

    Reply reply = handler_(received);
    if (reply.delay.count() > 0) {
      asio::steady_timer timer(co_await asio::this_coro::executor, reply.delay);
      co_await timer.async_wait(asio::use_awaitable);
    }
    bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(reply.status),
                                                 request.version()};
    for (const auto& [name, value] : reply.headers) response.set(name, value);
    response.keep_alive(request.keep_alive());
    if (request.method() == bhttp::verb::head) {
      response.set(bhttp::field::content_length, std::to_string(reply.head_length.value_or(0)));
    } else {
      response.body() = std::move(reply.body);
      response.prepare_payload();
    }
    bhttp::response_serializer<bhttp::string_body> serializer(response);
    if (request.method() == bhttp::verb::head) serializer.split(true);
    if (request.method() == bhttp::verb::head) {
      co_await bhttp::async_write_header(stream, serializer, asio::use_awaitable);
    } else {
      co_await bhttp::async_write(stream, serializer, asio::use_awaitable);
    }
    if (!request.keep_alive()) co_return;
  }
}

}  // namespace ei::http::test
