#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <exception>
#include <memory>
#include <utility>

#include "core/error.hpp"
#include "http/client_options.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace ei::http {

// The request never got an HTTP answer: connection refused or reset, DNS, TLS, timeout.
class TransportError : public core::Error {
 public:
  TransportError(const std::string& message, bool timed_out, bool retryable = true)
      : core::Error(message), timed_out_(timed_out), retryable_(retryable) {}
  bool timed_out() const { return timed_out_; }
  // False when sending the request again would fail the same way (a body over the limit).
  bool retryable() const { return retryable_; }

 private:
  bool timed_out_;
  bool retryable_;
};

// Asynchronous HTTP(S) client: libcurl's multi-socket API driven by an Asio executor, so
// many requests are in flight on one thread and connections are reused. Any HTTP status
// is a Response (the caller decides what is an error); only transport failures throw.
// Must be used from the executor's thread.
//
// Cancellation: the awaiting operation's cancellation slot is honoured (terminal,
// partial and total all abort the request), completing with
// boost::asio::error::operation_aborted. Destroying the Client aborts every request in
// flight the same way.
class Client {
 public:
  using Signature = void(std::exception_ptr, Response);

  Client(boost::asio::any_io_executor executor, ClientOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  boost::asio::awaitable<Response> send(Request request);

  // The same as send() for any completion token (callbacks, use_future, deferred...).
  // Failures arrive as the exception_ptr: TransportError or boost::system::system_error.
  template <typename CompletionToken>
  auto async_send(Request request, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, Signature>(
        [this](auto handler, Request r) { start(std::move(handler), std::move(r)); }, token,
        std::move(request));
  }

  const ClientOptions& options() const;

  // Requests started and not yet completed (for tests and metrics).
  std::size_t in_flight() const;

 private:
  class Impl;

  void start(boost::asio::any_completion_handler<Signature> handler, Request request);

  // Shared so that Asio handlers still queued after the Client is gone can tell.
  std::shared_ptr<Impl> impl_;
};

}  // namespace ei::http
