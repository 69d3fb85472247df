#include "protocol/trigger_method.hpp"

namespace ei::protocol {

std::string_view to_string(TriggerMethod method) {
  return enum_to_string(kTriggerMethodNames, method);
}

std::optional<TriggerMethod> try_parse_trigger_method(std::string_view text) {
  return enum_from_string(kTriggerMethodNames, text);
}

TriggerMethod parse_trigger_method(std::string_view text) {
  return parse_enum(kTriggerMethodNames, "trigger method", text);
}

}  // namespace ei::protocol
