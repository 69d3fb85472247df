#include "filtering/validation_report.hpp"

#include <fmt/format.h>

#include "core/strings.hpp"
#include "filtering/python_text.hpp"

namespace ei::filtering {

namespace json = boost::json;

void add_result(protocol::FilteringValidation& validation,
                const std::optional<SyncRuleValidationResult>& result) {
  if (!result || result->is_valid) return;
  validation.state = protocol::ValidationState::invalid;
  validation.errors.push_back(
      protocol::FilterValidationError{{result->rule_id}, {result->message}});
}

std::string describe(const protocol::FilterValidationError& error) {
  json::array messages;
  for (const std::string& message : error.messages) messages.emplace_back(message);
  return fmt::format("(ids: {}, messages: {})", python_repr(error.ids), python_repr(messages));
}

std::string job_error_message(const protocol::FilteringValidation& validation) {
  std::string errors;
  for (const protocol::FilterValidationError& error : validation.errors) {
    if (!errors.empty()) errors += ", ";
    errors += describe(error);
  }
  return fmt::format("Filtering in state FilteringValidationState.{}, errors: [{}].",
                     core::to_upper(protocol::to_string(validation.state)), errors);
}

}  // namespace ei::filtering
