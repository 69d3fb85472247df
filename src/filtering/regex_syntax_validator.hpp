#pragma once

#include "filtering/basic_rules_validator.hpp"

namespace ei::filtering {

// Added by the port (spec §15.4 recommends it): a `regex` rule whose pattern RE2 cannot
// compile (a syntax error, or a Python construct RE2 lacks such as a backreference or
// lookaround) is reported in draft validation instead of failing the sync later. The
// DEFAULT rule is never evaluated, so it is not checked.
class RegexSyntaxValidator : public BasicRuleValidator {
 public:
  std::optional<SyncRuleValidationResult> validate_rule(
      const boost::json::value& rule) const override;
};

}  // namespace ei::filtering
