#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <memory>
#include <vector>

#include "filtering/advanced_rules_validator.hpp"
#include "filtering/default_basic_rules_validators.hpp"
#include "protocol/filter.hpp"
#include "protocol/filtering_validation.hpp"

namespace ei::filtering {

using AdvancedRulesValidators = std::vector<std::shared_ptr<AdvancedRulesValidator>>;

// Runs a source's validators over a filter and combines their results (spec §16.2):
// every basic validator in list order, then, when the filter has advanced rules, every
// advanced validator. Errors come out grouped by validator.
class FilteringValidator {
 public:
  explicit FilteringValidator(BasicRulesValidators basic = default_basic_rules_validators(),
                              AdvancedRulesValidators advanced = {});

  // The validator must outlive the coroutine; the filter is taken by value for that reason.
  // Logs INFO `Filtering validation started`, the state and the errors.
  boost::asio::awaitable<protocol::FilteringValidation> validate(protocol::Filter filter) const;

  // Step 1 alone, for callers without advanced rules or outside a coroutine.
  protocol::FilteringValidation validate_basic_rules(const boost::json::array& rules) const;

 private:
  BasicRulesValidators basic_;
  AdvancedRulesValidators advanced_;
};

}  // namespace ei::filtering
