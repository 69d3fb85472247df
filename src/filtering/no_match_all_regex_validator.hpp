#pragma once

#include "filtering/basic_rules_validator.hpp"

namespace ei::filtering {

// Built-in validator 2 (spec §16.3): a `regex` rule other than the DEFAULT rule must not be
// exactly `.*` or `(.*)`, which would decide every document.
class NoMatchAllRegexValidator : public BasicRuleValidator {
 public:
  static constexpr std::string_view kMessage =
      "Match all regexps: '['.*', '(.*)']' are not allowed.";

  std::optional<SyncRuleValidationResult> validate_rule(
      const boost::json::value& rule) const override;
};

}  // namespace ei::filtering
