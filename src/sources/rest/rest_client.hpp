#pragma once

// A REST source's requests: GET JSON or bytes from one server, authorized, retried through
// http::RetryingSender (429 with or without Retry-After, 5xx, 408, dropped connections; the
// reference's 2, 4, 8 s backoff), and every failure turned into a RestError that names the
// server, the request and the vendor's explanation.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/client.hpp"
#include "http/retrying_sender.hpp"
#include "sources/rest/authorization.hpp"
#include "sources/rest/rest_error.hpp"

namespace ei::sources::rest {

struct RestClientSettings {
  std::string service;   // "Jira", "Confluence": names the server in log lines and errors
  std::string base_url;  // scheme://host[:port][/context]; paths are appended to it
  int retries = 3;       // attempts after the first
  std::chrono::milliseconds first_delay{std::chrono::seconds(2)};  // then doubled
  // With TLS the server's certificate is always verified: against the system store, or
  // against this CA (a PEM, repaired when it was pasted on one line).
  std::optional<std::string> ca_pem;
  int max_connections = 16;  // per host, requests beyond wait
  std::size_t max_response_bytes = std::size_t{64} * 1024 * 1024;
};

class RestClient {
 public:
  RestClient(boost::asio::any_io_executor executor, RestClientSettings settings,
             Authorization authorization);

  // The absolute URL of `target`: an absolute URL as it is; else a path (or a link the API
  // returned, leading slash or not) appended to the base URL with one `/`.
  std::string url(std::string_view target) const;

  // GET `target` and parse the answer; a non-2xx answer, no answer, or a body that is not
  // JSON is a RestError.
  boost::asio::awaitable<boost::json::value> get_json(std::string target);
  // GET `target`'s bytes (an attachment); errors as get_json.
  boost::asio::awaitable<std::string> get_bytes(std::string target);
  // POST a form (`a=1&b=2`, already encoded) to `target` without the Authorization header (a
  // token endpoint) and parse the answer; errors as get_json.
  boost::asio::awaitable<boost::json::value> post_form(std::string target, std::string form);

  const RestClientSettings& settings() const { return settings_; }
  // "Jira at http://host:port": how errors name the server.
  std::string server() const;
  const Authorization& authorization() const { return authorization_; }

 private:
  struct Call {
    std::string method = "GET";
    std::string url{};  // absolute
    std::string accept{};
    std::string body{};
    std::string content_type{};
    bool authorize = true;
  };
  boost::asio::awaitable<http::Response> call(Call call);
  boost::json::value parse(const http::Response& response, const std::string& method,
                           const std::string& absolute) const;

  RestClientSettings settings_;
  Authorization authorization_;
  http::RetryingSender sender_;
};

}  // namespace ei::sources::rest
