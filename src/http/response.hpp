#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"

namespace ei::http {

struct Response {
  long status = 0;
  Headers headers;   // names as received
  std::string body;  // decoded (gzip already inflated)

  // First header with this name, compared case-insensitively.
  std::optional<std::string> header(std::string_view name) const;
  bool ok() const { return status >= 200 && status < 300; }
};

}  // namespace ei::http
