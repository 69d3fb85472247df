#pragma once

#include "filtering/advanced_rules_validator.hpp"

namespace ei::sources {

class MySqlDataSource;

// Sources spec §3.7: {} and [] are valid; otherwise the schema, then every table named in
// the rules must exist in the database (`Tables not found or inaccessible: a, b.`).
class MySqlAdvancedRulesValidator : public filtering::AdvancedRulesValidator {
 public:
  explicit MySqlAdvancedRulesValidator(MySqlDataSource& source) : source_(source) {}

  boost::asio::awaitable<filtering::SyncRuleValidationResult> validate(
      const boost::json::value& advanced_rules) override;

 private:
  MySqlDataSource& source_;
};

}  // namespace ei::sources
