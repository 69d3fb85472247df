#pragma once

#include <optional>
#include <string_view>

#include "protocol/enum_names.hpp"

namespace ei::protocol {

// `trigger_method` of a job document (spec §8.1).
enum class TriggerMethod { on_demand, scheduled };

inline constexpr EnumNames<TriggerMethod, 2> kTriggerMethodNames{{
    {TriggerMethod::on_demand, "on_demand"},
    {TriggerMethod::scheduled, "scheduled"},
}};

std::string_view to_string(TriggerMethod method);
std::optional<TriggerMethod> try_parse_trigger_method(std::string_view text);
TriggerMethod parse_trigger_method(std::string_view text);  // throws ProtocolError

}  // namespace ei::protocol
