#include "filtering/basic_rules_validator.hpp"

namespace ei::filtering {

std::vector<SyncRuleValidationResult> BasicRuleValidator::validate(
    const boost::json::array& rules) const {
  std::vector<SyncRuleValidationResult> results;
  for (const auto& rule : rules) {
    if (auto result = validate_rule(rule)) results.push_back(std::move(*result));
  }
  return results;
}

}  // namespace ei::filtering
