#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <memory>

#include "core/error.hpp"
#include "http/client_options.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace ei::http {

// The request never got an HTTP answer: connection refused or reset, DNS, TLS, timeout.
class TransportError : public core::Error {
 public:
  TransportError(const std::string& message, bool timed_out)
      : core::Error(message), timed_out_(timed_out) {}
  bool timed_out() const { return timed_out_; }

 private:
  bool timed_out_;
};

// Asynchronous HTTP(S) client: libcurl's multi-socket API driven by an Asio executor, so
// many requests are in flight on one thread and connections are reused. Any HTTP status
// is a Response (the caller decides what is an error); only transport failures throw.
// Must be used from the executor's thread.
class Client {
 public:
  Client(boost::asio::any_io_executor executor, ClientOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  boost::asio::awaitable<Response> send(Request request);

  const ClientOptions& options() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ei::http
