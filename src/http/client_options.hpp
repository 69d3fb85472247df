#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "http/request.hpp"

namespace ei::http {

struct BasicAuth {
  std::string username;
  std::string password;
};

struct ClientOptions {
  std::chrono::milliseconds request_timeout{std::chrono::seconds(120)};
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  // TLS: verification is always on; trust either the system store, a CA bundle file,
  // or an inline PEM (one of the two: setting both is a core::Error from the Client).
  std::optional<std::string> ca_file;
  std::optional<std::string> ca_pem;
  std::optional<BasicAuth> basic_auth;
  // Sent as "Authorization: ApiKey <value>"; wins over basic_auth. A request carrying
  // its own Authorization header gets neither.
  std::optional<std::string> api_key;
  bool gzip = true;         // ask for gzip and inflate responses
  Headers default_headers;  // sent with every request
  std::string user_agent = "elastic-ingest";
  // Proxies come from the usual environment variables (http_proxy, https_proxy,
  // no_proxy), as libcurl reads them.
  // Connections kept or opened per host (CURLMOPT_MAX_HOST_CONNECTIONS); requests beyond
  // it wait for a free connection. 0 means no limit.
  int max_connections_per_host = 16;
  // The largest response body kept; a larger one fails the request with a TransportError
  // that says so (not retried: the same answer would come again). 0 means no limit.
  std::size_t max_response_bytes = std::size_t{512} * 1024 * 1024;
};

}  // namespace ei::http
