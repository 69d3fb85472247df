#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/enum_names.hpp"
#include "protocol/protocol_error.hpp"
#include "protocol/timestamp.hpp"

namespace ei::protocol {

namespace json = boost::json;

// Reads the fields of a stored protocol document without throwing. A field that is
// missing or JSON null reads as nothing (the reference's `get`, spec §5.4); a field of the
// wrong type also reads as nothing and is recorded as a FieldProblem with its path, so the
// caller falls back to the protocol default and can still report what was bad.
//
// Every read takes the object holding the field, the field's key, and the path of that
// object in the document ("" at the top, "scheduling", "filtering[0].draft", ...).
class FieldReader {
 public:
  explicit FieldReader(FieldProblems& problems) : problems_(problems) {}

  // The field's value, or nullptr when missing or null.
  static const json::value* find(const json::object& parent, std::string_view key);

  std::optional<std::string> string(const json::object& parent, std::string_view key,
                                    std::string_view at);
  std::optional<bool> boolean(const json::object& parent, std::string_view key,
                              std::string_view at);
  // Integral numbers, integral doubles included (JSON has one number type).
  std::optional<std::int64_t> integer(const json::object& parent, std::string_view key,
                                      std::string_view at);
  const json::object* object(const json::object& parent, std::string_view key, std::string_view at);
  const json::array* array(const json::object& parent, std::string_view key, std::string_view at);
  // A string that parses as an ISO 8601 date-time.
  std::optional<Timestamp> timestamp(const json::object& parent, std::string_view key,
                                     std::string_view at);

  // A string that is one of `names`; an unknown string is a problem.
  template <typename Enum, std::size_t N>
  std::optional<Enum> enumeration(const json::object& parent, std::string_view key,
                                  std::string_view at, const EnumNames<Enum, N>& names) {
    std::optional<std::string> text = string(parent, key, at);
    if (!text) return std::nullopt;
    std::optional<Enum> value = enum_from_string(names, *text);
    if (!value) add(path_of(at, key), unknown_enum_message(names, *text));
    return value;
  }

  // Records a problem of the wrong type: "expected <expected>, got <value>".
  void wrong_type(std::string path, std::string_view expected, const json::value& actual);
  void add(std::string path, std::string message);

  // "a.b" for a key under a path; "a[3]" for an array index.
  static std::string path_of(std::string_view at, std::string_view key);
  static std::string path_of(std::string_view at, std::size_t index);

 private:
  FieldProblems& problems_;
};

// Whether `problems` has one at `path` or below it (`configuration` covers
// `configuration.port.order`).
bool has_problem_at(const FieldProblems& problems, std::string_view path);

}  // namespace ei::protocol
