#include "tns/byte_stream.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "tns/tns_error.hpp"

namespace ei::tns {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// Closes the socket when an operation outlives the deadline, so that the operation fails
// instead of waiting forever on a server that stopped answering.
class Watchdog {
 public:
  Watchdog(asio::any_io_executor executor, tcp::socket& socket, std::chrono::milliseconds timeout)
      : timer_(executor), socket_(socket), timeout_(timeout) {}

  void arm() {
    timer_.expires_after(timeout_);
    timer_.async_wait([this](const boost::system::error_code& error) {
      if (error) return;  // cancelled: the operation ended in time
      expired_ = true;
      boost::system::error_code ignored;
      socket_.close(ignored);
    });
  }
  void disarm() { timer_.cancel(); }
  bool expired() const { return expired_; }

 private:
  asio::steady_timer timer_;
  tcp::socket& socket_;
  std::chrono::milliseconds timeout_;
  bool expired_ = false;
};

std::string where(const StreamOptions& options) {
  return "Oracle at " + options.host + ":" + std::to_string(options.port);
}

template <class Stream>
class StreamImpl : public ByteStream {
 public:
  // `keep_alive` is what the stream refers to and must outlive it (the TLS context).
  template <class... Args>
  StreamImpl(asio::any_io_executor executor, StreamOptions options,
             std::shared_ptr<void> keep_alive, Args&&... args)
      : options_(std::move(options)),
        keep_alive_(std::move(keep_alive)),
        stream_(std::forward<Args>(args)...),
        watchdog_(executor, lowest(), options_.timeout) {}

  tcp::socket& lowest() {
    if constexpr (std::is_same_v<Stream, tcp::socket>) {
      return stream_;
    } else {
      return stream_.next_layer();
    }
  }
  Stream& stream() { return stream_; }
  Watchdog& watchdog() { return watchdog_; }
  const StreamOptions& options() const { return options_; }

  asio::awaitable<std::size_t> read_some(char* data, std::size_t size) override {
    watchdog_.arm();
    auto [error, count] = co_await stream_.async_read_some(asio::buffer(data, size),
                                                           asio::as_tuple(asio::use_awaitable));
    watchdog_.disarm();
    if (error) fail("reading", error);
    co_return count;
  }

  asio::awaitable<void> write_all(std::string_view bytes) override {
    watchdog_.arm();
    auto [error, count] = co_await asio::async_write(
        stream_, asio::buffer(bytes.data(), bytes.size()), asio::as_tuple(asio::use_awaitable));
    watchdog_.disarm();
    if (error) fail("writing", error);
  }

  void close() override {
    boost::system::error_code ignored;
    lowest().close(ignored);
  }

  [[noreturn]] void fail(const std::string& doing, const boost::system::error_code& error) {
    if (watchdog_.expired()) {
      throw TnsError(TnsError::Kind::connection, where(options_) + ": no answer within " +
                                                     std::to_string(options_.timeout.count()) +
                                                     " ms while " + doing);
    }
    if (error == asio::error::eof || error == asio::error::connection_reset) {
      throw TnsError(TnsError::Kind::connection,
                     where(options_) + ": the server closed the connection while " + doing);
    }
    throw TnsError(TnsError::Kind::connection,
                   where(options_) + ": " + doing + " failed: " + error.message());
  }

 private:
  StreamOptions options_;
  std::shared_ptr<void> keep_alive_;
  Stream stream_;
  Watchdog watchdog_;
};

asio::awaitable<void> connect_socket(tcp::socket& socket, Watchdog& watchdog,
                                     const StreamOptions& options) {
  tcp::resolver resolver(socket.get_executor());
  auto [resolve_error, endpoints] = co_await resolver.async_resolve(
      options.host, std::to_string(options.port), asio::as_tuple(asio::use_awaitable));
  if (resolve_error) {
    throw TnsError(TnsError::Kind::connection,
                   where(options) + ": cannot resolve the host: " + resolve_error.message());
  }
  watchdog.arm();
  auto [error, endpoint] =
      co_await asio::async_connect(socket, endpoints, asio::as_tuple(asio::use_awaitable));
  watchdog.disarm();
  if (error) {
    throw TnsError(TnsError::Kind::connection,
                   where(options) + ": cannot connect: " +
                       (watchdog.expired() ? std::string("timed out") : error.message()));
  }
  socket.set_option(tcp::no_delay(true));
}

}  // namespace

asio::awaitable<std::unique_ptr<ByteStream>> open_byte_stream(asio::any_io_executor executor,
                                                              StreamOptions options) {
  if (!options.tls) {
    auto stream = std::make_unique<StreamImpl<tcp::socket>>(executor, options, nullptr, executor);
    co_await connect_socket(stream->stream(), stream->watchdog(), stream->options());
    co_return stream;
  }
  auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
  context->set_verify_mode(asio::ssl::verify_peer);
  boost::system::error_code error;
  if (options.ca_file.empty()) {
    context->set_default_verify_paths(error);
  } else {
    context->load_verify_file(options.ca_file, error);
  }
  if (error) {
    throw TnsError(TnsError::Kind::connection,
                   where(options) + ": cannot load the certificate authorities" +
                       (options.ca_file.empty() ? "" : " of " + options.ca_file) + ": " +
                       error.message());
  }
  context->set_verify_callback(asio::ssl::host_name_verification(options.host));
  using TlsStream = asio::ssl::stream<tcp::socket>;
  auto stream =
      std::make_unique<StreamImpl<TlsStream>>(executor, options, context, executor, *context);
  co_await connect_socket(stream->lowest(), stream->watchdog(), stream->options());
  SSL_set_tlsext_host_name(stream->stream().native_handle(), options.host.c_str());
  stream->watchdog().arm();
  auto [handshake_error] = co_await stream->stream().async_handshake(
      asio::ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
  stream->watchdog().disarm();
  if (handshake_error) {
    throw TnsError(
        TnsError::Kind::connection,
        where(options) + ": the TLS handshake failed (" + handshake_error.message() +
            "): is the server's certificate signed by a trusted authority and does it name " +
            options.host + "?");
  }
  co_return stream;
}

}  // namespace ei::tns
