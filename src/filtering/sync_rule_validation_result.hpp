#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace ei::filtering {

// What one validator says about one rule (spec §16.1). The rule id is kept as the JSON value
// found in the rule (null when the rule has no `id`), so it is stored as it was written.
struct SyncRuleValidationResult {
  // The id advanced-rule validators use by convention.
  static constexpr std::string_view kAdvancedRulesId = "advanced_snippet";
  static constexpr std::string_view kValidMessage = "Valid rule";

  boost::json::value rule_id;
  bool is_valid = true;
  std::string message;

  static SyncRuleValidationResult valid(boost::json::value rule_id) {
    return {std::move(rule_id), true, std::string(kValidMessage)};
  }
  static SyncRuleValidationResult invalid(boost::json::value rule_id, std::string message) {
    return {std::move(rule_id), false, std::move(message)};
  }

  bool operator==(const SyncRuleValidationResult&) const = default;
};

}  // namespace ei::filtering
