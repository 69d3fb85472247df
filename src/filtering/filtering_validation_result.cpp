#include "filtering/filtering_validation_result.hpp"

#include <fmt/format.h>

#include "core/json.hpp"
#include "core/strings.hpp"
#include "filtering/errors.hpp"
#include "filtering/python_text.hpp"

namespace ei::filtering {

namespace json = boost::json;

std::string_view to_string(FilteringValidationState state) {
  switch (state) {
    case FilteringValidationState::valid:
      return "valid";
    case FilteringValidationState::invalid:
      return "invalid";
    case FilteringValidationState::edited:
      return "edited";
  }
  return "valid";
}

std::optional<FilteringValidationState> parse_filtering_validation_state(std::string_view text) {
  if (text == "valid") return FilteringValidationState::valid;
  if (text == "invalid") return FilteringValidationState::invalid;
  if (text == "edited") return FilteringValidationState::edited;
  return std::nullopt;
}

std::string FilterValidationError::to_string() const {
  json::array id_list(ids.begin(), ids.end());
  json::array message_list;
  for (const auto& message : messages) message_list.emplace_back(message);
  return fmt::format("(ids: {}, messages: {})", python_repr(id_list), python_repr(message_list));
}

FilteringValidationResult::FilteringValidationResult(FilteringValidationState state,
                                                     std::vector<FilterValidationError> errors)
    : state_(state), errors_(std::move(errors)) {}

void FilteringValidationResult::add(const std::optional<SyncRuleValidationResult>& result) {
  if (!result || result->is_valid) return;
  state_ = FilteringValidationState::invalid;
  errors_.push_back(FilterValidationError{{result->rule_id}, {result->message}});
}

json::object FilteringValidationResult::to_json() const {
  json::array errors;
  for (const auto& error : errors_) {
    json::array messages;
    for (const auto& message : error.messages) messages.emplace_back(message);
    errors.emplace_back(json::object{{"ids", json::array(error.ids.begin(), error.ids.end())},
                                     {"messages", std::move(messages)}});
  }
  return json::object{{"state", to_string(state_)}, {"errors", std::move(errors)}};
}

FilteringValidationResult FilteringValidationResult::from_json(const json::value& value) {
  try {
    (void)core::as_object(value, "validation");  // throws for another type
    const auto state_text = core::get_string(value, {"state"}, "validation");
    if (!state_text) throw FilteringError("validation.state: missing");
    const auto state = parse_filtering_validation_state(*state_text);
    if (!state) {
      throw FilteringError(fmt::format(
          "validation.state: expected valid, invalid or edited, got \"{}\"", *state_text));
    }
    std::vector<FilterValidationError> errors;
    if (const auto* stored = core::get_array(value, {"errors"}, "validation")) {
      for (std::size_t i = 0; i < stored->size(); ++i) {
        const std::string path = fmt::format("validation.errors[{}]", i);
        // get_array takes a value: pass the stored one, never a temporary copy.
        const json::value& entry = (*stored)[i];
        (void)core::as_object(entry, path);
        FilterValidationError error;
        if (const auto* ids = core::get_array(entry, {"ids"}, path)) {
          error.ids.assign(ids->begin(), ids->end());
        }
        if (const auto* messages = core::get_array(entry, {"messages"}, path)) {
          for (const auto& message : *messages) {
            error.messages.emplace_back(core::as_string(message, path + ".messages"));
          }
        }
        errors.push_back(std::move(error));
      }
    }
    return FilteringValidationResult(*state, std::move(errors));
  } catch (const core::JsonTypeError& error) {
    throw FilteringError(error.what());
  }
}

std::string FilteringValidationResult::job_error_message() const {
  std::string errors;
  for (const auto& error : errors_) {
    if (!errors.empty()) errors += ", ";
    errors += error.to_string();
  }
  return fmt::format("Filtering in state FilteringValidationState.{}, errors: [{}].",
                     core::to_upper(to_string(state_)), errors);
}

}  // namespace ei::filtering
