#include "filtering/no_match_all_regex_validator.hpp"

#include "filtering/basic_rule_schema_validator.hpp"

namespace ei::filtering {

std::optional<SyncRuleValidationResult> NoMatchAllRegexValidator::validate_rule(
    const boost::json::value& rule) const {
  const auto parsed = parse_schema_valid_rule(rule);
  if (!parsed) return std::nullopt;
  if (parsed->is_default_rule())
    return SyncRuleValidationResult::valid(boost::json::string_view(parsed->id()));
  if (parsed->kind() == RuleKind::regex && (parsed->value() == ".*" || parsed->value() == "(.*)")) {
    return SyncRuleValidationResult::invalid(boost::json::string_view(parsed->id()),
                                             std::string(kMessage));
  }
  return SyncRuleValidationResult::valid(boost::json::string_view(parsed->id()));
}

}  // namespace ei::filtering
