#pragma once

#include <curl/curl.h>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

namespace ei::http::detail {

// Asio's view of one socket curl asked us to watch. curl owns the file descriptor: the
// stream_descriptor is always released, never closed, so Asio cannot close it under curl.
struct SocketWatch {
  SocketWatch(const boost::asio::any_io_executor& executor, curl_socket_t socket)
      : fd(socket), descriptor(executor, socket) {}
  ~SocketWatch() { forget(); }
  SocketWatch(const SocketWatch&) = delete;
  SocketWatch& operator=(const SocketWatch&) = delete;

  // Deregisters from the reactor (pending waits complete with operation_aborted) and
  // marks late completions as stale.
  void forget() {
    closed = true;
    if (descriptor.is_open()) descriptor.release();
  }

  curl_socket_t fd;
  boost::asio::posix::stream_descriptor descriptor;
  int wanted = 0;        // CURL_POLL_IN / CURL_POLL_OUT bits curl asked for
  bool reading = false;  // a read wait is in flight
  bool writing = false;  // a write wait is in flight
  bool closed = false;   // curl is done with the fd
};

}  // namespace ei::http::detail
