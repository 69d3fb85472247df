#include "sources/mysql/mysql_advanced_rules_validator.hpp"

#include <algorithm>
#include <set>

#include "sources/mysql/mysql_advanced_rules.hpp"
#include "sources/mysql/mysql_data_source.hpp"

namespace ei::sources {

namespace asio = boost::asio;
using filtering::SyncRuleValidationResult;

asio::awaitable<SyncRuleValidationResult> MySqlAdvancedRulesValidator::validate(
    const boost::json::value& advanced_rules) {
  const boost::json::value rule_id(SyncRuleValidationResult::kAdvancedRulesId);
  const bool empty = (advanced_rules.is_array() && advanced_rules.get_array().empty()) ||
                     (advanced_rules.is_object() && advanced_rules.get_object().empty());
  if (empty) co_return SyncRuleValidationResult::valid(rule_id);
  if (auto error = mysql::mysql_rules_schema_error(advanced_rules)) {
    co_return SyncRuleValidationResult::invalid(rule_id, *error);
  }
  std::set<std::string> wanted;
  for (const auto& rule : mysql::parse_mysql_rules(advanced_rules)) {
    wanted.insert(rule.tables.begin(), rule.tables.end());
  }
  auto listing = source_.all_table_names();
  const std::vector<std::string> existing = co_await std::move(listing);
  std::string missing;
  for (const auto& table : wanted) {  // a std::set: sorted
    if (std::find(existing.begin(), existing.end(), table) != existing.end()) continue;
    if (!missing.empty()) missing += ", ";
    missing += table;
  }
  if (!missing.empty()) {
    co_return SyncRuleValidationResult::invalid(
        rule_id, "Tables not found or inaccessible: " + missing + ".");
  }
  co_return SyncRuleValidationResult::valid(rule_id);
}

}  // namespace ei::sources
