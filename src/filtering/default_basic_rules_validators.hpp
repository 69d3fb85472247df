#pragma once

#include <memory>
#include <vector>

#include "filtering/basic_rules_validator.hpp"

namespace ei::filtering {

using BasicRulesValidators = std::vector<std::shared_ptr<const BasicRulesValidator>>;

// The list every source uses unless it replaces it (spec §16.3, sources §0.7), in order:
// schema, no match-all regex, semantic duplicates; then the port's regex syntax check,
// last so that the errors of the reference's validators keep their order.
BasicRulesValidators default_basic_rules_validators();

}  // namespace ei::filtering
