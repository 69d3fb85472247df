#include "core/url_redaction.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

namespace ei::core {

namespace urls = boost::urls;

std::string redact_url(std::string_view url) {
  auto parsed = urls::parse_uri_reference(urls::string_view(url.data(), url.size()));
  if (!parsed) {
    // Not a valid URL, yet it may still carry credentials: cut "scheme://...@" by hand.
    std::string text(url);
    auto start = text.find("://");
    if (start == std::string::npos) return text;
    start += 3;
    auto end = text.find_first_of("/?#", start);
    auto at = text.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at != std::string::npos && at >= start) text.erase(start, at + 1 - start);
    return text;
  }
  if (!parsed->has_userinfo()) return std::string(url);
  urls::url copy = *parsed;
  copy.remove_userinfo();
  return std::string(copy.buffer());
}

}  // namespace ei::core
