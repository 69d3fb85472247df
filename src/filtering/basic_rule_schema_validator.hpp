#pragma once

#include <optional>
#include <string>

#include "filtering/basic_rule.hpp"
#include "filtering/basic_rules_validator.hpp"

namespace ei::filtering {

// Built-in validator 1 (spec §16.3): the reference's JSON schema for a rule object, with the
// fastjsonschema wording of its first failure (`data.value must be string`, ...).
class BasicRuleSchemaValidator : public BasicRuleValidator {
 public:
  std::optional<SyncRuleValidationResult> validate_rule(
      const boost::json::value& rule) const override;

  // The message of the first failing check, nothing when the rule passes.
  static std::optional<std::string> schema_error(const boost::json::value& rule);
};

// The rule, when it passes the schema and parses. The other built-in validators look only
// at such rules: the schema validator already reported the others (spec §16.3,
// reimplementation note).
std::optional<BasicRule> parse_schema_valid_rule(const boost::json::value& rule);

}  // namespace ei::filtering
