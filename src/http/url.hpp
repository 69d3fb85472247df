#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ei::http {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Percent-encodes everything but RFC 3986 unreserved characters, so the result is safe
// as one path segment ("/" becomes %2F) or as a query key or value ("+" becomes %2B,
// which servers would otherwise read as a space).
std::string encode_component(std::string_view text);

// "/" + encoded segments joined by "/": path({"my index", "_doc", "a/b"}) is
// "/my%20index/_doc/a%2Fb".
std::string path(std::initializer_list<std::string_view> segments);

// base ("https://host:9200", optionally with a path prefix) + path (already encoded,
// e.g. built with path()) + encoded query parameters. Throws core::Error when base is
// not an absolute http(s) URL or path is not a valid encoded path.
std::string join(std::string_view base, std::string_view path, const QueryParams& params = {});

// True when the URL's host is this machine (localhost, 127.0.0.0/8, ::1): there,
// compressing responses only costs CPU on both ends.
bool is_loopback(std::string_view url);

}  // namespace ei::http
