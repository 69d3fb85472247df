#include "protocol/filtering_validation.hpp"

#include "protocol/field_reader.hpp"

namespace ei::protocol {

json::object FilterValidationError::to_json() const {
  json::array message_array;
  for (const std::string& message : messages) message_array.emplace_back(message);
  return json::object{{"ids", ids}, {"messages", std::move(message_array)}};
}

FilteringValidation FilteringValidation::from_json(const json::value& validation,
                                                   std::string_view at, FieldProblems& problems) {
  FilteringValidation result;
  FieldReader reader(problems);
  const json::object* object = validation.if_object();
  if (object == nullptr) {
    reader.wrong_type(std::string(at), "an object", validation);
    result.state = ValidationState::invalid;
    return result;
  }
  std::optional<ValidationState> state =
      reader.enumeration(*object, "state", at, kValidationStateNames);
  if (!state && FieldReader::find(*object, "state") == nullptr) {
    reader.add(FieldReader::path_of(at, "state"), "missing");
  }
  result.state = state.value_or(ValidationState::invalid);

  const json::array* errors = reader.array(*object, "errors", at);
  if (errors == nullptr) return result;
  const std::string errors_path = FieldReader::path_of(at, "errors");
  for (std::size_t i = 0; i < errors->size(); ++i) {
    const std::string path = FieldReader::path_of(errors_path, i);
    const json::object* entry = (*errors)[i].if_object();
    if (entry == nullptr) {
      reader.wrong_type(path, "an object", (*errors)[i]);
      continue;
    }
    FilterValidationError error;
    if (const json::array* ids = reader.array(*entry, "ids", path)) error.ids = *ids;
    if (const json::array* messages = reader.array(*entry, "messages", path)) {
      const std::string messages_path = FieldReader::path_of(path, "messages");
      for (std::size_t m = 0; m < messages->size(); ++m) {
        if (const auto* text = (*messages)[m].if_string()) {
          error.messages.emplace_back(*text);
        } else {
          reader.wrong_type(FieldReader::path_of(messages_path, m), "a string", (*messages)[m]);
        }
      }
    }
    result.errors.push_back(std::move(error));
  }
  return result;
}

json::object FilteringValidation::to_json() const {
  json::array error_array;
  for (const FilterValidationError& error : errors) error_array.emplace_back(error.to_json());
  return json::object{{"state", to_string(state)}, {"errors", std::move(error_array)}};
}

}  // namespace ei::protocol
