#include "filtering/filtering_validator.hpp"

#include "core/logging.hpp"
#include "core/strings.hpp"
#include "filtering/python_text.hpp"
#include "filtering/validation_report.hpp"

namespace ei::filtering {

namespace json = boost::json;

FilteringValidator::FilteringValidator(BasicRulesValidators basic, AdvancedRulesValidators advanced)
    : basic_(std::move(basic)), advanced_(std::move(advanced)) {}

protocol::FilteringValidation FilteringValidator::validate_basic_rules(
    const json::array& rules) const {
  protocol::FilteringValidation result;
  for (const auto& validator : basic_) {
    for (const auto& single : validator->validate(rules)) add_result(result, single);
  }
  return result;
}

boost::asio::awaitable<protocol::FilteringValidation> FilteringValidator::validate(
    protocol::Filter filter) const {
  core::log().info("Filtering validation started");
  protocol::FilteringValidation result = validate_basic_rules(filter.basic_rules());

  if (filter.has_advanced_rules()) {
    const json::value advanced_rules = filter.advanced_rules();
    for (const auto& validator : advanced_) {
      add_result(result, co_await validator->validate(advanced_rules));
    }
  }

  // The reference prints its enum (`FilteringValidationState.VALID`) and a Python list of
  // the errors' text forms, or None.
  core::log().info("Filtering validation result: FilteringValidationState.{}",
                   core::to_upper(protocol::to_string(result.state)));
  if (result.errors.empty()) {
    core::log().info("Filtering validation errors: None");
  } else {
    json::array texts;
    for (const auto& error : result.errors) texts.emplace_back(describe(error));
    core::log().info("Filtering validation errors: {}", python_repr(texts));
  }
  co_return result;
}

}  // namespace ei::filtering
