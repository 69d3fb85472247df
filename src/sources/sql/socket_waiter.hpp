#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <chrono>
#include <optional>

namespace ei::sources::sql {

// Waits for a database client library's socket to become readable or writable, on Asio's
// reactor, so that the library's non-blocking calls never block the event loop. The library
// owns the file descriptor: it is released, never closed, here.
class SocketWaiter {
 public:
  struct Ready {
    bool readable = false;
    bool writable = false;
    bool timed_out = false;
  };

  explicit SocketWaiter(boost::asio::any_io_executor executor);
  ~SocketWaiter();
  SocketWaiter(const SocketWaiter&) = delete;
  SocketWaiter& operator=(const SocketWaiter&) = delete;

  // Waits until `fd` is ready for one of the asked directions, or `timeout` passed.
  boost::asio::awaitable<Ready> wait(int fd, bool read, bool write,
                                     std::optional<std::chrono::milliseconds> timeout);

  // Forgets the descriptor (the library is about to close or has replaced it).
  void forget();

 private:
  void watch(int fd);

  boost::asio::any_io_executor executor_;
  std::optional<boost::asio::posix::stream_descriptor> descriptor_;
  int fd_ = -1;
};

}  // namespace ei::sources::sql
