#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ei::core {

namespace json = boost::json;

// A JSON value did not have the expected type; the message names the path, e.g.
// `connector.configuration.port: expected an integer, got "abc"`.
class JsonTypeError : public Error {
 public:
  JsonTypeError(std::string path, std::string_view expected, const json::value& actual);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

using JsonKeys = std::initializer_list<std::string_view>;

// Walks nested objects like the reference's `get(k1, k2, ..., default)` (spec §5.4):
// nothing when a step is not an object, a key is missing, or the value found is JSON null.
const json::value* find_path(const json::value& root, JsonKeys keys);
json::value* find_path(json::value& root, JsonKeys keys);

// The value at `keys`, or `fallback` under the same rules as find_path.
json::value get_or(const json::value& root, JsonKeys keys, json::value fallback = nullptr);

// Typed reads at a path. Missing/null gives nothing; a present value of another type throws
// JsonTypeError naming the dotted path (prefixed by `where` when given, e.g. "connector").
std::optional<std::string> get_string(const json::value& root, JsonKeys keys,
                                      std::string_view where = {});
std::optional<std::int64_t> get_int(const json::value& root, JsonKeys keys,
                                    std::string_view where = {});
std::optional<double> get_number(const json::value& root, JsonKeys keys,
                                 std::string_view where = {});
std::optional<bool> get_bool(const json::value& root, JsonKeys keys, std::string_view where = {});
const json::object* get_object(const json::value& root, JsonKeys keys, std::string_view where = {});
const json::array* get_array(const json::value& root, JsonKeys keys, std::string_view where = {});

// Typed views of one value; `path` names it in the error.
const json::object& as_object(const json::value& value, std::string_view path);
const json::array& as_array(const json::value& value, std::string_view path);
std::string_view as_string(const json::value& value, std::string_view path);
std::int64_t as_int(const json::value& value, std::string_view path);  // integral doubles too
double as_number(const json::value& value, std::string_view path);
bool as_bool(const json::value& value, std::string_view path);

// Recursive merge (spec §22): objects on both sides merge key by key, anything else on the
// right replaces the left. Modifies and returns `left`.
json::object& deep_merge(json::object& left, const json::object& right);

// Short human description of a value for error messages: strings quoted as JSON, other
// scalars as JSON, long texts cut.
std::string describe_json(const json::value& value);

// `a.b` joined for messages; an empty prefix yields the key alone.
std::string join_path(std::string_view prefix, std::string_view key);

}  // namespace ei::core
