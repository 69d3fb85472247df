#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace ei::tns {

struct StreamOptions {
  std::string host;
  int port = 1521;
  // TCPS: TLS from the first byte, the certificate verified against `ca_file` (or the
  // system's trust store when empty) and required to name `host`.
  bool tls = false;
  std::string ca_file;
  // The longest a connect, a read or a write may take before the stream is closed.
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
};

// A connected byte stream to the server, plain TCP or TLS. Failures throw TnsError
// (Kind::connection) naming the server.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  virtual boost::asio::awaitable<std::size_t> read_some(char* data, std::size_t size) = 0;
  virtual boost::asio::awaitable<void> write_all(std::string_view bytes) = 0;
  virtual void close() = 0;
};

boost::asio::awaitable<std::unique_ptr<ByteStream>> open_byte_stream(
    boost::asio::any_io_executor executor, StreamOptions options);

}  // namespace ei::tns
