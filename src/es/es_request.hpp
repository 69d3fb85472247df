#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ei::es {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// One Elasticsearch API call, relative to the configured host.
struct EsRequest {
  std::string method = "GET";
  std::string path;  // already encoded, starts with '/': build it with make_path
  QueryParams params;
  std::string body;  // empty: no body
  std::string content_type = "application/json";
  std::optional<std::chrono::milliseconds> timeout;  // overrides request_timeout
};

// Percent-encodes everything but RFC 3986 unreserved characters, so that ids containing
// '/', '?', '#', '+', spaces or non-ASCII bytes reach the server unchanged.
std::string encode_component(std::string_view text);

// "/" + the segments, each encoded: make_path(index, "_doc", id). (Variadic rather than an
// initializer_list: GCC 12 rejects braced lists inside co_await expressions.)
template <class... Segments>
std::string make_path(const Segments&... segments) {
  std::string path;
  ((path += '/', path += encode_component(std::string_view(segments))), ...);
  return path.empty() ? "/" : path;
}

// host (without a trailing '/') + path + "?k=v&..." with encoded keys and values.
std::string build_url(std::string_view host, std::string_view path, const QueryParams& params);

}  // namespace ei::es
