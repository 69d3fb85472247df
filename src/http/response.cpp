#include "http/response.hpp"

#include "core/strings.hpp"

namespace ei::http {

std::optional<std::string> Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (core::iequals(key, name)) return value;
  }
  return std::nullopt;
}

}  // namespace ei::http
