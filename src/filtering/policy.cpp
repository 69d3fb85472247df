#include "filtering/policy.hpp"

#include "filtering/python_text.hpp"

namespace ei::filtering {

std::optional<Policy> parse_policy(std::string_view text) {
  const std::string folded = casefold(text);
  if (folded == "include") return Policy::include;
  if (folded == "exclude") return Policy::exclude;
  return std::nullopt;
}

std::string_view to_string(Policy policy) {
  return policy == Policy::include ? "include" : "exclude";
}

}  // namespace ei::filtering
