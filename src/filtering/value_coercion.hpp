#pragma once

#include <boost/json.hpp>
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/time.hpp"

namespace ei::filtering {

// The reference's `to_bool` (spec §15.5): empty or `false|f|no|n|off` -> false,
// `true|t|yes|y|on` -> true (case-insensitive), anything else: nothing.
std::optional<bool> to_bool(std::string_view text);

// A date-time as the reference's dateutil parser reads it, for the forms sources meet:
// everything core::parse_iso8601 accepts, and numeric dates `M-D-Y`, `M/D/Y`, `M.D.Y`,
// `Y/M/D`, `Y.M.D` (month first, like dateutil; day first when the first number cannot be a
// month; two-digit years within 50 years of the current one), optionally followed by a
// space or `T` and `HH:MM[:SS[.fraction]]` and `Z` or an offset. A date alone is midnight;
// no offset means UTC. Month names and time-only texts are not read.
std::optional<core::TimePoint> parse_flexible_datetime(std::string_view text);

// The reference's `try_coerce` (spec §15.7), offered to sources: a float if Python's
// `float()` reads it, else a date-time, else a boolean per to_bool, else the text.
using CoercedValue = std::variant<double, core::TimePoint, bool, std::string>;
CoercedValue try_coerce(std::string_view text);

// How a document value compares to a rule value after the coercion of spec §15.5:
// strings by code point; integers and floats against `float(rule value)`, exactly as
// Python compares int and float. Nothing when Python would compare values of different
// types (a boolean field, null, an array, an object, or a number field against a rule value
// that is not a number): `equals` is then false and `<`/`>` raise in the reference.
std::optional<std::partial_ordering> compare_to_rule_value(const boost::json::value& document_value,
                                                           std::string_view rule_value);

}  // namespace ei::filtering
