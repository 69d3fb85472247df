#pragma once

// Reading the REST APIs' answers without trusting their shape: a missing member or one of
// another type reads as empty, never as a crash.

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ei::sources::rest {

// The member `key` of `object` when it is a string, else "".
std::string text(const boost::json::object& object, std::string_view key);
// The member `key` as text when it is a string or an integer (vendors send ids as either),
// else "".
std::string id_text(const boost::json::object& object, std::string_view key);
// The member `key` of `object` when it is an object, else nullptr.
const boost::json::object* object_at(const boost::json::object& object, std::string_view key);
// A non-negative integer (a size), else nothing.
std::optional<std::uint64_t> size_of(const boost::json::value* value);

}  // namespace ei::sources::rest
