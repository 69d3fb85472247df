#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ei::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method = "GET";  // GET, HEAD, POST, PUT, DELETE
  std::string url;             // absolute: scheme://host:port/path?query
  Headers headers;             // added to the client's default headers
  // Sent for POST and PUT always, for other methods when not empty. Set Content-Type
  // yourself: without it none is sent.
  std::string body;
  // Overrides the client's request_timeout for this request.
  std::optional<std::chrono::milliseconds> timeout;
};

}  // namespace ei::http
