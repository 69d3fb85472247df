#pragma once

#include <optional>
#include <string_view>

namespace ei::filtering {

// What a matching basic rule decides (spec §15.1).
enum class Policy { include, exclude };

// Case-insensitive (Python's casefold), nothing for an unknown name.
std::optional<Policy> parse_policy(std::string_view text);

std::string_view to_string(Policy policy);

}  // namespace ei::filtering
