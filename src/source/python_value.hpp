#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

namespace ei::source {

// The reference builds configuration messages and the text of bare values with Python's
// str()/repr(); these reproduce them for JSON values so messages read the same:
// null → None, true → True, 1.0 → 1.0, ["a", 1] → ['a', 1], {"k": "v"} → {'k': 'v'}.
std::string python_str(const boost::json::value& value);   // strings unquoted
std::string python_repr(const boost::json::value& value);  // strings quoted: 'a'

// Python's == on the decoded values: numbers compare by value across int/float/bool
// (True == 1), containers element-wise (objects ignore key order), no other coercion.
bool python_equal(const boost::json::value& left, const boost::json::value& right);

// Python's `left < right`; nothing when Python would raise TypeError (a string against a
// number, None against anything).
std::optional<bool> python_less(const boost::json::value& left, const boost::json::value& right);

// Python's truth value: None, False, 0, 0.0, "", [] and {} are false.
bool python_truthy(const boost::json::value& value);

}  // namespace ei::source
