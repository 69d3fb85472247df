#include "http/url.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>
#include <cctype>

#include "core/error.hpp"
#include "core/url_redaction.hpp"

namespace ei::http {

namespace urls = boost::urls;

std::string encode_component(std::string_view text) {
  return urls::encode(urls::string_view(text.data(), text.size()), urls::unreserved_chars);
}

std::string path(std::initializer_list<std::string_view> segments) {
  std::string result;
  for (std::string_view segment : segments) {
    result += '/';
    result += encode_component(segment);
  }
  return result;
}

std::string join(std::string_view base, std::string_view path, const QueryParams& params) {
  auto parsed = urls::parse_absolute_uri(urls::string_view(base.data(), base.size()));
  if (!parsed ||
      (parsed->scheme_id() != urls::scheme::http && parsed->scheme_id() != urls::scheme::https)) {
    throw core::Error("invalid base URL '" + core::redact_url(base) +
                      "': expected http(s)://host[:port]");
  }
  urls::url url = *parsed;
  // The base's own path is a prefix (a proxy may serve Elasticsearch under /es).
  std::string full(url.encoded_path());
  while (!full.empty() && full.back() == '/') full.pop_back();
  if (!path.empty() && path.front() != '/') full += '/';
  full += path;
  try {
    url.set_encoded_path(urls::string_view(full.data(), full.size()));
  } catch (const boost::system::system_error&) {
    throw core::Error("invalid URL path '" + std::string(path) + "': encode segments first");
  }
  std::string query(url.encoded_query());
  for (const auto& [key, value] : params) {
    if (!query.empty()) query += '&';
    query += encode_component(key);
    query += '=';
    query += encode_component(value);
  }
  if (!query.empty()) url.set_encoded_query(urls::string_view(query.data(), query.size()));
  return std::string(url.buffer());
}

bool is_loopback(std::string_view url) {
  auto parsed = urls::parse_uri(urls::string_view(url.data(), url.size()));
  if (!parsed) return false;
  switch (parsed->host_type()) {
    case urls::host_type::ipv4:
      return parsed->host_ipv4_address().to_uint() >> 24 == 127;
    case urls::host_type::ipv6:
      return parsed->host_ipv6_address().is_loopback();
    case urls::host_type::name: {
      std::string host = parsed->host();
      for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return host == "localhost" || host == "localhost." || host.ends_with(".localhost");
    }
    default:
      return false;
  }
}

}  // namespace ei::http
