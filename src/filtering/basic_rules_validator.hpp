#pragma once

#include <boost/json.hpp>
#include <optional>
#include <vector>

#include "filtering/sync_rule_validation_result.hpp"

namespace ei::filtering {

// A validator of basic rules (spec §16.2). It receives the raw `rules` array of a filter,
// including the DEFAULT rule and rules of any shape, and returns results in the order they
// are added to the aggregate. A set validator (constraints between rules) implements this
// directly; a per-rule validator derives from BasicRuleValidator.
class BasicRulesValidator {
 public:
  virtual ~BasicRulesValidator() = default;
  virtual std::vector<SyncRuleValidationResult> validate(const boost::json::array& rules) const = 0;
};

// A validator of one rule in isolation, called for each rule in array order.
class BasicRuleValidator : public BasicRulesValidator {
 public:
  // Nothing when the validator has nothing to say about the rule (it adds no result).
  virtual std::optional<SyncRuleValidationResult> validate_rule(
      const boost::json::value& rule) const = 0;

  std::vector<SyncRuleValidationResult> validate(const boost::json::array& rules) const final;
};

}  // namespace ei::filtering
