#include "protocol/field_reader.hpp"

#include "core/json.hpp"

namespace ei::protocol {

const json::value* FieldReader::find(const json::object& parent, std::string_view key) {
  const json::value* value = parent.if_contains(key);
  return value == nullptr || value->is_null() ? nullptr : value;
}

std::string FieldReader::path_of(std::string_view at, std::string_view key) {
  return core::join_path(at, key);
}

std::string FieldReader::path_of(std::string_view at, std::size_t index) {
  return std::string(at) + "[" + std::to_string(index) + "]";
}

void FieldReader::add(std::string path, std::string message) {
  problems_.push_back({std::move(path), std::move(message)});
}

void FieldReader::wrong_type(std::string path, std::string_view expected,
                             const json::value& actual) {
  add(std::move(path),
      "expected " + std::string(expected) + ", got " + core::describe_json(actual));
}

std::optional<std::string> FieldReader::string(const json::object& parent, std::string_view key,
                                               std::string_view at) {
  const json::value* value = find(parent, key);
  if (value == nullptr) return std::nullopt;
  if (const auto* text = value->if_string()) return std::string(*text);
  wrong_type(path_of(at, key), "a string", *value);
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(const json::object& parent, std::string_view key,
                                         std::string_view at) {
  const json::value* value = find(parent, key);
  if (value == nullptr) return std::nullopt;
  if (const auto* flag = value->if_bool()) return *flag;
  wrong_type(path_of(at, key), "a boolean", *value);
  return std::nullopt;
}

std::optional<std::int64_t> FieldReader::integer(const json::object& parent, std::string_view key,
                                                 std::string_view at) {
  const json::value* value = find(parent, key);
  if (value == nullptr) return std::nullopt;
  try {
    return core::as_int(*value, "");
  } catch (const core::JsonTypeError&) {
    wrong_type(path_of(at, key), "an integer", *value);
    return std::nullopt;
  }
}

const json::object* FieldReader::object(const json::object& parent, std::string_view key,
                                        std::string_view at) {
  const json::value* value = find(parent, key);
  if (value == nullptr) return nullptr;
  if (const auto* found = value->if_object()) return found;
  wrong_type(path_of(at, key), "an object", *value);
  return nullptr;
}

const json::array* FieldReader::array(const json::object& parent, std::string_view key,
                                      std::string_view at) {
  const json::value* value = find(parent, key);
  if (value == nullptr) return nullptr;
  if (const auto* found = value->if_array()) return found;
  wrong_type(path_of(at, key), "an array", *value);
  return nullptr;
}

std::optional<Timestamp> FieldReader::timestamp(const json::object& parent, std::string_view key,
                                                std::string_view at) {
  const json::value* value = find(parent, key);
  if (value == nullptr) return std::nullopt;
  const auto* text = value->if_string();
  if (text == nullptr) {
    wrong_type(path_of(at, key), "an ISO 8601 date-time string", *value);
    return std::nullopt;
  }
  std::optional<core::TimePoint> time = core::parse_iso8601(*text);
  if (!time) {
    wrong_type(path_of(at, key), "an ISO 8601 date-time string", *value);
    return std::nullopt;
  }
  return Timestamp{std::string(*text), *time};
}

bool has_problem_at(const FieldProblems& problems, std::string_view path) {
  for (const FieldProblem& problem : problems) {
    std::string_view candidate = problem.path;
    if (candidate.substr(0, path.size()) != path) continue;
    if (candidate.size() == path.size()) return true;
    const char next = candidate[path.size()];
    if (next == '.' || next == '[') return true;
  }
  return false;
}

}  // namespace ei::protocol
