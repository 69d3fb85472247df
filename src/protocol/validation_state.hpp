#pragma once

#include <optional>
#include <string_view>

#include "protocol/enum_names.hpp"

namespace ei::protocol {

// `validation.state` of a filter (spec §7.8, §16.1). Kibana writes `edited` when a user
// changes the draft; the service writes only `valid` or `invalid`.
enum class ValidationState { edited, valid, invalid };

inline constexpr EnumNames<ValidationState, 3> kValidationStateNames{{
    {ValidationState::edited, "edited"},
    {ValidationState::valid, "valid"},
    {ValidationState::invalid, "invalid"},
}};

std::string_view to_string(ValidationState state);
std::optional<ValidationState> try_parse_validation_state(std::string_view text);
ValidationState parse_validation_state(std::string_view text);  // throws ProtocolError

}  // namespace ei::protocol
