#pragma once

#include <optional>
#include <string_view>

namespace ei::filtering {

// The comparison a basic rule makes (spec §15.1, §15.4).
enum class RuleKind { equals, starts_with, ends_with, contains, regex, greater_than, less_than };

// Protocol names `equals`, `starts_with`, `ends_with`, `contains`, `regex`, `>`, `<`,
// case-insensitive (Python's casefold); nothing for an unknown name.
std::optional<RuleKind> parse_rule_kind(std::string_view text);

// The protocol name (`>` and `<` for the comparisons).
std::string_view to_string(RuleKind kind);

}  // namespace ei::filtering
