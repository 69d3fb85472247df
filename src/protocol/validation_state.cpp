#include "protocol/validation_state.hpp"

namespace ei::protocol {

std::string_view to_string(ValidationState state) {
  return enum_to_string(kValidationStateNames, state);
}

std::optional<ValidationState> try_parse_validation_state(std::string_view text) {
  return enum_from_string(kValidationStateNames, text);
}

ValidationState parse_validation_state(std::string_view text) {
  return parse_enum(kValidationStateNames, "filtering validation state", text);
}

}  // namespace ei::protocol
