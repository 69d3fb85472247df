#include "filtering/basic_rule_engine.hpp"

namespace ei::filtering {

BasicRuleEngine::BasicRuleEngine(std::vector<BasicRule> rules) : rules_(std::move(rules)) {
  stats_.emplace(std::string(BasicRule::kDefaultRuleId), RuleMatchStats{Policy::include, 0});
}

BasicRuleEngine BasicRuleEngine::from_json(const boost::json::value& rules) {
  return BasicRuleEngine(parse_basic_rules(rules));
}

bool BasicRuleEngine::should_ingest(const boost::json::object& document) {
  for (const BasicRule& rule : rules_) {
    if (rule.matches(document)) {
      auto entry = stats_.try_emplace(rule.id(), RuleMatchStats{rule.policy(), 0}).first;
      ++entry->second.matches;
      return rule.is_include();
    }
  }
  ++stats_.find(BasicRule::kDefaultRuleId)->second.matches;
  return true;
}

}  // namespace ei::filtering
