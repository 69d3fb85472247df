#pragma once

#include "filtering/advanced_rules_validator.hpp"

namespace ei::sources {

// Sources spec §2.5: {} is valid; otherwise the schema of mongo_advanced_rules.hpp. No
// remote check (a filter the server refuses fails the sync, naming the server's reason).
class MongoAdvancedRulesValidator : public filtering::AdvancedRulesValidator {
 public:
  boost::asio::awaitable<filtering::SyncRuleValidationResult> validate(
      const boost::json::value& advanced_rules) override;
};

}  // namespace ei::sources
