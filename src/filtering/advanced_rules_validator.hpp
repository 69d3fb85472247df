#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>

#include "filtering/sync_rule_validation_result.hpp"

namespace ei::filtering {

// A source's validator of its advanced rules (spec §16.4). It receives the advanced rules
// value (`advanced_snippet.value`, only when non-empty) and returns one result, by
// convention with rule id `advanced_snippet`. Awaitable because some need the backend: the
// MySQL validator checks that the tables named in the rules exist (sources §3.7).
class AdvancedRulesValidator {
 public:
  virtual ~AdvancedRulesValidator() = default;
  virtual boost::asio::awaitable<SyncRuleValidationResult> validate(
      const boost::json::value& advanced_rules) = 0;
};

}  // namespace ei::filtering
