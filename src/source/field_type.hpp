#pragma once

#include <optional>
#include <string_view>

namespace ei::source {

// The `type` of a configuration field: it drives the coercion of string values (spec §14.3).
enum class FieldType { kStr, kInt, kFloat, kBool, kList };

std::string_view to_string(FieldType type);

// "str", "int", "float", "bool", "list"; nothing for other names.
std::optional<FieldType> parse_field_type(std::string_view name);

}  // namespace ei::source
