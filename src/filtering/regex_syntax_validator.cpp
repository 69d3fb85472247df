#include "filtering/regex_syntax_validator.hpp"

#include <fmt/format.h>

#include "filtering/basic_rule_schema_validator.hpp"

namespace ei::filtering {

std::optional<SyncRuleValidationResult> RegexSyntaxValidator::validate_rule(
    const boost::json::value& rule) const {
  const auto parsed = parse_schema_valid_rule(rule);
  if (!parsed) return std::nullopt;
  const std::string error = parsed->regex_error();
  if (parsed->is_default_rule() || error.empty()) {
    return SyncRuleValidationResult::valid(boost::json::string_view(parsed->id()));
  }
  return SyncRuleValidationResult::invalid(
      boost::json::string_view(parsed->id()),
      fmt::format("Invalid or unsupported regex '{}': {}", parsed->value(), error));
}

}  // namespace ei::filtering
