#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

// The reference compares and prints values with Python's built-ins; rules match against
// those texts (spec §15.4), so the port reproduces them for JSON values.
namespace ei::filtering {

// Python's `str(value)`: strings as they are, `True`/`False`, `None`, integers in decimal,
// floats as `repr(float)`, arrays as `['a', 1]` and objects as `{'k': 'v'}`.
std::string python_str(const boost::json::value& value);

// Python's `repr(value)` (differs from python_str only for strings: quoted and escaped).
std::string python_repr(const boost::json::value& value);
std::string python_string_repr(std::string_view text);

// Python's `repr(float)`: shortest round-trip digits, `1.0`, `1e+16`, `1e-05`, `inf`, `nan`.
std::string python_float_repr(double value);

// Python's `float(text)`: surrounding whitespace, a sign, digits with single underscores
// between them, a fraction, an exponent, `inf`/`infinity`/`nan` in any case. Nothing when
// Python would raise ValueError. (Non-ASCII digits, which Python also accepts, are not.)
std::optional<double> parse_python_float(std::string_view text);

// Python's `str.casefold()` for the names the protocol compares case-insensitively: ASCII
// letters, plus U+017F (long s) -> `s` and U+212A (Kelvin sign) -> `k`, the two non-ASCII
// characters that fold onto ASCII letters.
std::string casefold(std::string_view text);

}  // namespace ei::filtering
