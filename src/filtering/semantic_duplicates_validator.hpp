#pragma once

#include "filtering/basic_rules_validator.hpp"

namespace ei::filtering {

// Built-in validator 3 (spec §16.3): two rules with the same field, rule kind and value
// (whatever their policies) contradict or repeat each other. Only the first such pair is
// reported, later rule first; without duplicates, one valid result per distinct rule.
class SemanticDuplicatesValidator : public BasicRulesValidator {
 public:
  std::vector<SyncRuleValidationResult> validate(const boost::json::array& rules) const override;
};

}  // namespace ei::filtering
