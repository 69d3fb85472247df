#include "core/json.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace ei::core {

namespace {

constexpr std::size_t kDescribeLimit = 80;

std::string keys_path(std::string_view where, JsonKeys keys) {
  std::string path(where);
  for (std::string_view key : keys) path = join_path(path, key);
  return path;
}

}  // namespace

JsonTypeError::JsonTypeError(std::string path, std::string_view expected, const json::value& actual)
    : Error(path + ": expected " + std::string(expected) + ", got " + describe_json(actual)),
      path_(std::move(path)) {}

std::string join_path(std::string_view prefix, std::string_view key) {
  if (prefix.empty()) return std::string(key);
  std::string out(prefix);
  out += '.';
  out += key;
  return out;
}

std::string describe_json(const json::value& value) {
  // fmt prints doubles the short way people write them (0.5, not Boost's 5E-1).
  std::string text =
      value.is_double() ? fmt::format("{}", value.get_double()) : json::serialize(value);
  if (text.size() > kDescribeLimit) {
    text.resize(kDescribeLimit);
    text += "...";
  }
  return text;
}

const json::value* find_path(const json::value& root, JsonKeys keys) {
  const json::value* current = &root;
  for (std::string_view key : keys) {
    const json::object* object = current->if_object();
    if (object == nullptr) return nullptr;
    current = object->if_contains(key);
    if (current == nullptr) return nullptr;
  }
  return current->is_null() ? nullptr : current;
}

json::value* find_path(json::value& root, JsonKeys keys) {
  return const_cast<json::value*>(find_path(static_cast<const json::value&>(root), keys));
}

json::value get_or(const json::value& root, JsonKeys keys, json::value fallback) {
  const json::value* found = find_path(root, keys);
  return found != nullptr ? *found : fallback;
}

const json::object& as_object(const json::value& value, std::string_view path) {
  if (const auto* object = value.if_object()) return *object;
  throw JsonTypeError(std::string(path), "an object", value);
}

const json::array& as_array(const json::value& value, std::string_view path) {
  if (const auto* array = value.if_array()) return *array;
  throw JsonTypeError(std::string(path), "an array", value);
}

std::string_view as_string(const json::value& value, std::string_view path) {
  if (const auto* text = value.if_string()) return *text;
  throw JsonTypeError(std::string(path), "a string", value);
}

std::int64_t as_int(const json::value& value, std::string_view path) {
  if (const auto* number = value.if_int64()) return *number;
  if (const auto* number = value.if_uint64()) {
    if (*number <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return static_cast<std::int64_t>(*number);
    }
  }
  if (const auto* number = value.if_double()) {
    // 2^63 is exactly representable; anything below it with no fraction fits.
    if (std::isfinite(*number) && std::trunc(*number) == *number &&
        *number < 9.2233720368547758e18 && *number >= -9.2233720368547758e18) {
      return static_cast<std::int64_t>(*number);
    }
  }
  throw JsonTypeError(std::string(path), "an integer", value);
}

double as_number(const json::value& value, std::string_view path) {
  if (const auto* number = value.if_int64()) return static_cast<double>(*number);
  if (const auto* number = value.if_uint64()) return static_cast<double>(*number);
  if (const auto* number = value.if_double()) return *number;
  throw JsonTypeError(std::string(path), "a number", value);
}

bool as_bool(const json::value& value, std::string_view path) {
  if (const auto* flag = value.if_bool()) return *flag;
  throw JsonTypeError(std::string(path), "a boolean", value);
}

std::optional<std::string> get_string(const json::value& root, JsonKeys keys,
                                      std::string_view where) {
  const json::value* found = find_path(root, keys);
  if (found == nullptr) return std::nullopt;
  return std::string(as_string(*found, keys_path(where, keys)));
}

std::optional<std::int64_t> get_int(const json::value& root, JsonKeys keys,
                                    std::string_view where) {
  const json::value* found = find_path(root, keys);
  if (found == nullptr) return std::nullopt;
  return as_int(*found, keys_path(where, keys));
}

std::optional<double> get_number(const json::value& root, JsonKeys keys, std::string_view where) {
  const json::value* found = find_path(root, keys);
  if (found == nullptr) return std::nullopt;
  return as_number(*found, keys_path(where, keys));
}

std::optional<bool> get_bool(const json::value& root, JsonKeys keys, std::string_view where) {
  const json::value* found = find_path(root, keys);
  if (found == nullptr) return std::nullopt;
  return as_bool(*found, keys_path(where, keys));
}

const json::object* get_object(const json::value& root, JsonKeys keys, std::string_view where) {
  const json::value* found = find_path(root, keys);
  if (found == nullptr) return nullptr;
  return &as_object(*found, keys_path(where, keys));
}

const json::array* get_array(const json::value& root, JsonKeys keys, std::string_view where) {
  const json::value* found = find_path(root, keys);
  if (found == nullptr) return nullptr;
  return &as_array(*found, keys_path(where, keys));
}

json::object& deep_merge(json::object& left, const json::object& right) {
  for (const auto& [key, value] : right) {
    json::value* existing = left.if_contains(key);
    if (existing != nullptr && existing->is_object() && value.is_object()) {
      deep_merge(existing->get_object(), value.get_object());
    } else {
      left[key] = value;
    }
  }
  return left;
}

}  // namespace ei::core
