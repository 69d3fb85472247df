#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace ei::http::test {

// An HTTP/1.1 (or HTTPS) server on 127.0.0.1 with an ephemeral port, on its own thread,
// written with Boost.Beast. It records every request and answers through a handler.
class TestServer {
 public:
  using Fields = std::vector<std::pair<std::string, std::string>>;

  struct Received {
    std::string method;
    std::string target;  // as sent: origin-form, or absolute-form through a proxy
    Fields headers;
    std::string body;
    std::size_t connection = 0;  // 1-based number of the TCP connection it came on
    std::optional<std::string> header(std::string_view name) const;
  };

  struct Reply {
    unsigned status = 200;
    Fields headers;
    std::string body;
    std::chrono::milliseconds delay{0};      // wait before answering
    std::optional<std::size_t> head_length;  // Content-Length to announce for HEAD
  };

  using Handler = std::function<Reply(const Received&)>;

  struct Tls {
    std::string certificate_chain_pem;
    std::string private_key_pem;
  };

  explicit TestServer(Handler handler, std::optional<Tls> tls = std::nullopt);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  unsigned short port() const { return port_; }
  // "http(s)://127.0.0.1:<port>" + path
  std::string url(std::string_view path) const;
  std::size_t connections() const { return connections_; }
  std::vector<Received> received() const;

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket, std::size_t number);
  template <typename Stream>
  boost::asio::awaitable<void> serve(Stream& stream, std::size_t number);

  Handler handler_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::optional<boost::asio::ssl::context> ssl_;
  unsigned short port_ = 0;
  std::atomic<std::size_t> connections_{0};
  mutable std::mutex mutex_;
  std::vector<Received> received_;
  std::thread thread_;
};

}  // namespace ei::http::test
