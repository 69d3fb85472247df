#include "sources/mongodb/mongo_advanced_rules_validator.hpp"

#include "sources/mongodb/mongo_advanced_rules.hpp"

namespace ei::sources {

using filtering::SyncRuleValidationResult;

boost::asio::awaitable<SyncRuleValidationResult> MongoAdvancedRulesValidator::validate(
    const boost::json::value& advanced_rules) {
  const boost::json::value rule_id(SyncRuleValidationResult::kAdvancedRulesId);
  if (auto error = mongodb::mongo_rules_schema_error(advanced_rules)) {
    co_return SyncRuleValidationResult::invalid(rule_id, *error);
  }
  co_return SyncRuleValidationResult::valid(rule_id);
}

}  // namespace ei::sources
