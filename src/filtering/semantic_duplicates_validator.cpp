#include "filtering/semantic_duplicates_validator.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "filtering/basic_rule_schema_validator.hpp"

namespace ei::filtering {

namespace {

std::string duplicate_message(const std::string& one, const std::string& other) {
  return fmt::format("Rule with id '{}' is semantically equal to rule with id '{}'", one, other);
}

}  // namespace

std::vector<SyncRuleValidationResult> SemanticDuplicatesValidator::validate(
    const boost::json::array& rules) const {
  using Key = std::tuple<std::string, RuleKind, std::string>;
  std::map<Key, std::string> seen;  // key -> id of the first rule with it
  std::vector<std::string> first_ids;
  for (const auto& rule : rules) {
    const auto parsed = parse_schema_valid_rule(rule);
    if (!parsed) continue;
    Key key{parsed->field(), parsed->kind(), parsed->value()};
    const auto found = seen.find(key);
    if (found != seen.end()) {
      const std::string& earlier = found->second;
      const std::string& later = parsed->id();
      return {SyncRuleValidationResult::invalid(boost::json::string_view(later),
                                                duplicate_message(later, earlier)),
              SyncRuleValidationResult::invalid(boost::json::string_view(earlier),
                                                duplicate_message(earlier, later))};
    }
    seen.emplace(std::move(key), parsed->id());
    first_ids.push_back(parsed->id());
  }
  std::vector<SyncRuleValidationResult> results;
  for (const auto& id : first_ids)
    results.push_back(SyncRuleValidationResult::valid(boost::json::string_view(id)));
  return results;
}

}  // namespace ei::filtering
