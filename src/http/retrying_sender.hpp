#pragma once

// The HTTP side the object-store and REST sources share: requests on the async client, retried with
// exponential backoff on throttling (429), server errors (500, 502, 503, 504), request
// timeouts (408) and dropped connections, honouring a `Retry-After` answer.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/client.hpp"

namespace ei::http {

struct RetrySettings {
  int retries = 3;  // attempts after the first one
  std::chrono::milliseconds first_delay{std::chrono::milliseconds(500)};
  std::chrono::milliseconds max_delay{std::chrono::seconds(30)};
  // A server's Retry-After longer than this is cut to it (a misbehaving server must not park
  // a sync for hours).
  std::chrono::milliseconds max_retry_after{std::chrono::seconds(120)};
};

// Whether an answer with this status is worth another attempt.
bool retryable_status(long status);

// The wait a `Retry-After` value asks for: delta-seconds or an HTTP date; nothing when the
// value is neither. Negative waits (a date in the past) are zero.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

// The wait after failed attempt `failures` (1-based): first_delay·2^(failures-1), at most
// max_delay.
std::chrono::milliseconds backoff_delay(const RetrySettings& settings, int failures);

class RetryingSender {
 public:
  // `service` names the store in log lines and errors ("S3", "Azure Blob Storage").
  RetryingSender(std::shared_ptr<http::Client> client, RetrySettings settings, std::string service);

  // Sends the request `make_request` builds (called again for every attempt, so that
  // signatures carry a fresh date) until it gets an answer that is not retryable or the
  // retries are spent. Returns that last answer, whatever its status; throws the last
  // http::TransportError when no attempt got an answer.
  boost::asio::awaitable<http::Response> send(std::function<http::Request()> make_request) const;

  const std::shared_ptr<http::Client>& client() const { return client_; }
  const RetrySettings& settings() const { return settings_; }
  const std::string& service() const { return service_; }

 private:
  std::shared_ptr<http::Client> client_;
  RetrySettings settings_;
  std::string service_;
};

}  // namespace ei::http
