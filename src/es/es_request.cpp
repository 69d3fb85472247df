#include "es/es_request.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace ei::es {

std::string encode_component(std::string_view text) {
  return boost::urls::encode(boost::urls::string_view(text.data(), text.size()),
                             boost::urls::unreserved_chars);
}

std::string build_url(std::string_view host, std::string_view path, const QueryParams& params) {
  while (!host.empty() && host.back() == '/') host.remove_suffix(1);
  std::string url(host);
  url += path;
  char separator = '?';
  for (const auto& [key, value] : params) {
    url += separator;
    url += encode_component(key);
    url += '=';
    url += encode_component(value);
    separator = '&';
  }
  return url;
}

}  // namespace ei::es
