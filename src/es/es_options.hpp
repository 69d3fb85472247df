#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/backoff.hpp"

namespace ei::es {

// Connection and retry settings of the Elasticsearch client; the config's `elasticsearch`
// section maps onto it one to one (spec §3.2, §5.1, §5.2).
struct EsOptions {
  std::string host = "http://localhost:9200";  // scheme://host[:port][/prefix]
  // Basic auth wins over api_key when both are set (the config loader rejects that case).
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::optional<std::string> api_key;  // the base64 "encoded" form
  bool ssl = false;                    // when true, ca_certs is honoured
  std::optional<std::string> ca_certs;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, every request
  std::chrono::milliseconds request_timeout{std::chrono::seconds(120)};
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  // Transport retries (429, 502, 503, 504, connection errors, timeouts if retry_on_timeout):
  // at most max_retries after the first attempt, sleeping by the backoff policy, and never
  // sleeping more than backoff.max_wait in total.
  int max_retries = 3;
  bool retry_on_timeout = true;
  core::BackoffPolicy backoff{};
  std::size_t max_response_bytes = std::size_t{512} * 1024 * 1024;  // see http::ClientOptions
};

}  // namespace ei::es
