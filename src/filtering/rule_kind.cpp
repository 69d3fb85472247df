#include "filtering/rule_kind.hpp"

#include "filtering/python_text.hpp"

namespace ei::filtering {

std::optional<RuleKind> parse_rule_kind(std::string_view text) {
  const std::string folded = casefold(text);
  if (folded == "equals") return RuleKind::equals;
  if (folded == "starts_with") return RuleKind::starts_with;
  if (folded == "ends_with") return RuleKind::ends_with;
  if (folded == "contains") return RuleKind::contains;
  if (folded == "regex") return RuleKind::regex;
  if (folded == ">") return RuleKind::greater_than;
  if (folded == "<") return RuleKind::less_than;
  return std::nullopt;
}

std::string_view to_string(RuleKind kind) {
  switch (kind) {
    case RuleKind::equals:
      return "equals";
    case RuleKind::starts_with:
      return "starts_with";
    case RuleKind::ends_with:
      return "ends_with";
    case RuleKind::contains:
      return "contains";
    case RuleKind::regex:
      return "regex";
    case RuleKind::greater_than:
      return ">";
    case RuleKind::less_than:
      return "<";
  }
  return "equals";
}

}  // namespace ei::filtering
