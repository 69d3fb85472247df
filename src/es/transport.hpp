#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>
#include <cstdint>

#include "es/es_options.hpp"
#include "es/es_request.hpp"
#include "http/client.hpp"

namespace ei::es {

// Counters of one transport, for logs and tests.
struct TransportStats {
  std::uint64_t requests = 0;  // logical requests
  std::uint64_t attempts = 0;  // HTTP attempts, retries included
  std::uint64_t retries = 0;
};

// The HTTP side of the client: URLs, auth and headers from EsOptions, and transport-level
// retries (spec §5.2). Shared by the client and its open scans, which may outlive a call.
// Must be used from its executor's thread.
class Transport {
 public:
  Transport(boost::asio::any_io_executor executor, EsOptions options);

  // Sends with retries and returns the final answer whatever its status. Throws
  // UnavailableError when no attempt got an answer.
  boost::asio::awaitable<http::Response> send(EsRequest request);

  // Like send, but a status outside 2xx throws the typed error (errors.hpp); returns the
  // parsed body (null when empty).
  boost::asio::awaitable<boost::json::value> call(EsRequest request);

  // One attempt, no retries: for best-effort cleanup (releasing a scroll or PIT).
  boost::asio::awaitable<http::Response> send_once(EsRequest request);

  const EsOptions& options() const { return options_; }
  const TransportStats& stats() const { return stats_; }
  boost::asio::any_io_executor executor() const { return executor_; }

 private:
  http::Request to_http(const EsRequest& request) const;

  boost::asio::any_io_executor executor_;
  EsOptions options_;
  http::Client client_;
  TransportStats stats_;
};

// Parses a response body as JSON; throws core::Error naming the request when it is not.
boost::json::value parse_json_body(std::string_view body, const EsRequest& request,
                                   boost::json::storage_ptr storage = {});

}  // namespace ei::es
