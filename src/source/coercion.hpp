#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "source/field_type.hpp"

namespace ei::source {

// Converts a configuration value to its field type (spec §14.3). Only strings convert:
// int and float parse like Python's int()/float() (surrounding whitespace, sign, `1_000`),
// bool is true for y/yes/true/1 in any case, list splits on `,` and trims each item.
// Anything that is not a string comes back unchanged. An unparsable number throws
// ConfigurationError naming `key`, e.g. `Configuration field 'port': cannot convert '' to int`.
boost::json::value coerce_value(const boost::json::value& value, FieldType type,
                                std::string_view key);

// Spec §14.5: "" for strings, no items or only null/"" items for lists, null otherwise.
bool is_empty_value(const boost::json::value& value);

}  // namespace ei::source
