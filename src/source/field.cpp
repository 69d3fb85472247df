#include "source/field.hpp"

#include <re2/re2.h>

#include <cctype>

#include "core/json.hpp"
#include "source/coercion.hpp"
#include "source/errors.hpp"
#include "source/python_value.hpp"

namespace ei::source {

namespace json = boost::json;

namespace {

std::string capitalize(std::string_view key) {
  std::string out(key);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    out[i] = static_cast<char>(i == 0 ? std::toupper(c) : std::tolower(c));
  }
  return out;
}

[[noreturn]] void malformed(std::string_view name, std::string_view property,
                            std::string_view expected, const json::value& actual) {
  throw ConfigurationError("Configuration field '" + std::string(name) + "." +
                           std::string(property) + "': expected " + std::string(expected) +
                           ", got " + core::describe_json(actual));
}

// A list property of a stored entry: absent or null reads as [] (the reference's default).
const json::array* list_property(std::string_view name, const json::object& entry,
                                 std::string_view property) {
  const json::value* value = entry.if_contains(property);
  if (value == nullptr || value->is_null()) return nullptr;
  if (!value->is_array()) malformed(name, property, "a list", *value);
  return &value->get_array();
}

const json::object& item_with(std::string_view name, std::string_view property,
                              const json::value& item, std::string_view key) {
  if (!item.is_object() || !item.get_object().contains(key) ||
      !item.get_object().at(key).is_string()) {
    malformed(name, property, "objects with a string '" + std::string(key) + "'", item);
  }
  return item.get_object();
}

json::value member_or_null(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value == nullptr ? json::value(nullptr) : *value;
}

std::string join_constraint(const json::value& constraint) {
  std::string out;
  auto add = [&out](const std::string& text) {
    if (!out.empty()) out += ", ";
    out += text;
  };
  if (constraint.is_array()) {
    for (const auto& item : constraint.get_array()) add(python_str(item));
  } else if (constraint.is_string()) {
    for (char c : constraint.get_string()) add(std::string(1, c));
  } else {
    add(python_str(constraint));
  }
  return out;
}

// Python's `item in constraint` for a list constraint, substring for a string constraint.
bool included(const json::value& item, const json::value& constraint) {
  if (constraint.is_array()) {
    for (const auto& allowed : constraint.get_array()) {
      if (python_equal(item, allowed)) return true;
    }
    return false;
  }
  if (constraint.is_string() && item.is_string()) {
    return std::string_view(constraint.get_string()).find(item.get_string()) !=
           std::string_view::npos;
  }
  return false;
}

}  // namespace

Field::Field(std::string name, std::string label, FieldType type, json::value value,
             json::value default_value, bool required, std::vector<FieldDependency> depends_on,
             std::vector<FieldValidation> validations)
    : name_(std::move(name)),
      label_(std::move(label)),
      type_(type),
      value_(coerce_value(value, type, name_)),
      default_value_(coerce_value(default_value, type, name_)),
      required_(required),
      depends_on_(std::move(depends_on)),
      validations_(std::move(validations)) {}

Field Field::from_stored(std::string name, const json::value& entry) {
  if (!entry.is_object()) {
    std::string label = capitalize(name);
    return Field(std::move(name), std::move(label), FieldType::kStr,
                 json::value(python_str(entry)));
  }
  const json::object& object = entry.get_object();

  std::string label = name;
  if (const auto* stored = object.if_contains("label"); stored != nullptr && !stored->is_null()) {
    label = stored->is_string() ? std::string(stored->get_string()) : python_str(*stored);
  }
  // An unknown or null type converts nothing, like `str`.
  FieldType type = FieldType::kStr;
  if (const auto* stored = object.if_contains("type"); stored != nullptr && stored->is_string()) {
    type = parse_field_type(stored->get_string()).value_or(FieldType::kStr);
  }
  bool required = true;
  if (const auto* stored = object.if_contains("required")) required = python_truthy(*stored);

  std::vector<FieldDependency> depends_on;
  if (const auto* items = list_property(name, object, "depends_on")) {
    for (const auto& item : *items) {
      const auto& dependency = item_with(name, "depends_on", item, "field");
      depends_on.push_back(
          {std::string(dependency.at("field").get_string()), member_or_null(dependency, "value")});
    }
  }
  std::vector<FieldValidation> validations;
  if (const auto* items = list_property(name, object, "validations")) {
    for (const auto& item : *items) {
      const auto& validation = item_with(name, "validations", item, "type");
      validations.push_back({std::string(validation.at("type").get_string()),
                             member_or_null(validation, "constraint")});
    }
  }
  json::value value = member_or_null(object, "value");
  json::value default_value = member_or_null(object, "default_value");
  return Field(std::move(name), std::move(label), type, std::move(value), std::move(default_value),
               required, std::move(depends_on), std::move(validations));
}

const json::value& Field::value() const {
  if (required_ || !is_value_empty()) return value_;
  return default_value_;
}

bool Field::is_value_empty() const {
  return is_empty_value(value_);
}

void Field::set_type(FieldType type) {
  type_ = type;
  value_ = coerce_value(value(), type_, name_);
}

std::vector<std::string> Field::validate() const {
  const json::value& v = value();
  const std::string shown = python_str(v);
  std::vector<std::string> errors;
  auto compare = [&](const json::value& left, const json::value& right, const json::value& c) {
    auto less = python_less(left, right);
    if (!less) {
      throw ConfigurationError("'" + label_ + "' value '" + shown + "' cannot be compared with " +
                               python_str(c) + ".");
    }
    return *less;
  };

  for (const auto& validation : validations_) {
    const json::value& c = validation.constraint;
    if (validation.type == "less_than") {
      if (!compare(v, c, c)) {
        errors.push_back("'" + label_ + "' value '" + shown + "' should be less than " +
                         python_str(c) + ".");
      }
    } else if (validation.type == "greater_than") {
      if (!compare(c, v, c)) {
        errors.push_back("'" + label_ + "' value '" + shown + "' should be greater than " +
                         python_str(c) + ".");
      }
    } else if (validation.type == "list_type") {
      if (!v.is_array()) {
        errors.push_back("Cannot list_type validate '" + label_ + "' because its value '" + shown +
                         "' is not a list.");
        continue;
      }
      for (const auto& item : v.get_array()) {
        // Python's bool is an int, so True passes an `int` check.
        const bool is_int = item.is_int64() || item.is_uint64() || item.is_bool();
        const bool bad = c.is_string() && ((c.get_string() == "str" && !item.is_string()) ||
                                           (c.get_string() == "int" && !is_int));
        if (bad) {
          errors.push_back("'" + label_ + "' list value '" + python_str(item) +
                           "' should be of type " + python_str(c) + ".");
        }
      }
    } else if (validation.type == "included_in") {
      const std::string allowed = join_constraint(c);
      auto check = [&](const json::value& item) {
        if (!included(item, c)) {
          errors.push_back("'" + label_ + "' list value '" + python_str(item) +
                           "' should be one of " + allowed + ".");
        }
      };
      if (v.is_array()) {
        for (const auto& item : v.get_array()) check(item);
      } else {
        check(v);
      }
    } else if (validation.type == "regex") {
      if (!v.is_string()) {
        errors.push_back("Cannot regex validate '" + label_ + "' because '" + shown +
                         "' is not a string.");
        continue;
      }
      if (!c.is_string()) {
        throw ConfigurationError("'" + label_ + "' has a regex validation whose constraint " +
                                 core::describe_json(c) + " is not a string.");
      }
      RE2::Options options;
      options.set_log_errors(false);
      RE2 pattern(std::string(c.get_string()), options);
      if (!pattern.ok()) {
        throw ConfigurationError("'" + label_ + "' has an invalid regex " +
                                 std::string(c.get_string()) + ": " + pattern.error());
      }
      if (!RE2::FullMatch(std::string(v.get_string()), pattern)) {
        errors.push_back("'" + label_ + "' value '" + shown + "' failed regex check " +
                         std::string(c.get_string()) + ".");
      }
    }
    // Unknown validation types are ignored, as in the reference.
  }
  return errors;
}

}  // namespace ei::source
