#include "filtering/default_basic_rules_validators.hpp"

#include "filtering/basic_rule_schema_validator.hpp"
#include "filtering/no_match_all_regex_validator.hpp"
#include "filtering/regex_syntax_validator.hpp"
#include "filtering/semantic_duplicates_validator.hpp"

namespace ei::filtering {

BasicRulesValidators default_basic_rules_validators() {
  return {
      std::make_shared<BasicRuleSchemaValidator>(), std::make_shared<NoMatchAllRegexValidator>(),
      std::make_shared<SemanticDuplicatesValidator>(), std::make_shared<RegexSyntaxValidator>()};
}

}  // namespace ei::filtering
