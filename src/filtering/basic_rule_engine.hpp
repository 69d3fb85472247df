#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "filtering/basic_rule.hpp"

namespace ei::filtering {

// How many documents a rule decided, kept in memory only (spec §15.3).
struct RuleMatchStats {
  Policy policy = Policy::include;
  std::uint64_t matches = 0;

  bool operator==(const RuleMatchStats&) const = default;
};

// Decides whether a document is ingested (spec §15.3): the first rule, in `order`, that
// matches decides; a document no rule matches is ingested (the implicit default rule).
class BasicRuleEngine {
 public:
  // `rules` as parse_basic_rules returns them: without the default rule, sorted by order.
  explicit BasicRuleEngine(std::vector<BasicRule> rules);

  // Parses a filter's `rules` array (spec §15.2); throws InvalidRuleError.
  static BasicRuleEngine from_json(const boost::json::value& rules);

  // Throws InvalidRuleError when a `regex` rule that has to be evaluated cannot be compiled.
  bool should_ingest(const boost::json::object& document);

  const std::vector<BasicRule>& rules() const { return rules_; }

  // Per rule id, plus `DEFAULT` (policy include) for the documents no rule matched.
  const std::map<std::string, RuleMatchStats, std::less<>>& match_stats() const { return stats_; }

 private:
  std::vector<BasicRule> rules_;
  std::map<std::string, RuleMatchStats, std::less<>> stats_;
};

}  // namespace ei::filtering
