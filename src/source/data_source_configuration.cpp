#include "source/data_source_configuration.hpp"

#include <algorithm>

#include "core/json.hpp"
#include "source/errors.hpp"
#include "source/python_value.hpp"

namespace ei::source {

namespace json = boost::json;

namespace {

[[noreturn]] void wrong_type(std::string_view key, std::string_view expected,
                             const json::value& actual) {
  throw ConfigurationError("Configuration field '" + std::string(key) + "': expected " +
                           std::string(expected) + ", got " + core::describe_json(actual));
}

}  // namespace

DataSourceConfiguration::DataSourceConfiguration(const json::value& stored) {
  if (stored.is_null()) return;
  if (!stored.is_object()) wrong_type("configuration", "an object", stored);
  raw_ = stored.get_object();
  fields_.reserve(raw_.size());
  for (const auto& [key, entry] : raw_) fields_.push_back(Field::from_stored(key, entry));
}

void DataSourceConfiguration::apply_defaults(const DefaultConfiguration& defaults) {
  for (const auto& declared : defaults.fields()) {
    auto existing = std::find_if(defaults_.begin(), defaults_.end(),
                                 [&](const auto& item) { return item.first == declared.key; });
    if (existing != defaults_.end()) {
      existing->second = declared.value;
    } else {
      defaults_.emplace_back(declared.key, declared.value);
    }
    for (auto& field : fields_) {
      if (field.name() == declared.key) field.set_type(declared.type);
    }
  }
}

const Field* DataSourceConfiguration::find(std::string_view key) const {
  for (const auto& field : fields_) {
    if (field.name() == key) return &field;
  }
  return nullptr;
}

json::value DataSourceConfiguration::at(std::string_view key) const {
  if (const Field* field = find(key)) return field->value();
  for (const auto& [name, value] : defaults_) {
    if (name == key) return value;
  }
  throw ConfigurationError("Unknown configuration field '" + std::string(key) + "'");
}

json::value DataSourceConfiguration::get(std::string_view key, json::value fallback) const {
  if (const Field* field = find(key)) return field->value();
  for (const auto& [name, value] : defaults_) {
    if (name == key) return value;
  }
  return fallback;
}

std::string DataSourceConfiguration::get_string(std::string_view key) const {
  json::value value = at(key);
  if (!value.is_string()) wrong_type(key, "a string", value);
  return std::string(value.get_string());
}

std::int64_t DataSourceConfiguration::get_int(std::string_view key) const {
  json::value value = at(key);
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64()) return static_cast<std::int64_t>(value.get_uint64());
  wrong_type(key, "an integer", value);
}

double DataSourceConfiguration::get_number(std::string_view key) const {
  json::value value = at(key);
  if (value.is_double()) return value.get_double();
  if (value.is_int64()) return static_cast<double>(value.get_int64());
  if (value.is_uint64()) return static_cast<double>(value.get_uint64());
  wrong_type(key, "a number", value);
}

bool DataSourceConfiguration::get_bool(std::string_view key) const {
  json::value value = at(key);
  if (!value.is_bool()) wrong_type(key, "a boolean", value);
  return value.get_bool();
}

std::vector<std::string> DataSourceConfiguration::get_list(std::string_view key) const {
  json::value value = at(key);
  if (!value.is_array()) wrong_type(key, "a list", value);
  std::vector<std::string> items;
  for (const auto& item : value.get_array()) {
    if (!item.is_string()) wrong_type(key, "a list of strings", value);
    items.emplace_back(item.get_string());
  }
  return items;
}

json::object DataSourceConfiguration::values() const {
  json::object out;
  for (const auto& field : fields_) out[field.name()] = field.value();
  for (const auto& [name, value] : defaults_) {
    if (!out.contains(name)) out[name] = value;
  }
  return out;
}

bool DataSourceConfiguration::dependencies_satisfied(const Field& field) const {
  for (const auto& dependency : field.depends_on()) {
    const Field* referenced = find(dependency.field);
    if (referenced == nullptr) {
      throw ConfigurableFieldDependencyError("'" + field.label() + "' depends on configuration '" +
                                             dependency.field + "', but it does not exist.");
    }
    if (!python_equal(referenced->value(), dependency.value)) return false;
  }
  return true;
}

void DataSourceConfiguration::check_valid() const {
  std::vector<std::string> errors;
  for (const auto& field : fields_) {
    if (!dependencies_satisfied(field)) continue;  // not applicable: neither required nor checked
    if (field.required() && field.is_value_empty()) {
      errors.push_back("'" + field.label() + "' cannot be empty.");
      continue;
    }
    auto messages = field.validate();
    errors.insert(errors.end(), messages.begin(), messages.end());
  }
  if (errors.empty()) return;
  std::string message = "Field validation errors: ";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) message += "; ";
    message += errors[i];
  }
  throw ConfigurableFieldValueError(message);
}

void DataSourceConfiguration::check_fields_present(const DefaultConfiguration& defaults) const {
  std::string missing;
  for (const auto& declared : defaults.fields()) {
    if (has_field(declared.key)) continue;
    if (!missing.empty()) missing += ", ";
    missing += declared.key;
  }
  if (!missing.empty()) {
    throw MalformedConfigurationError("Connector has missing configuration fields: " + missing);
  }
}

}  // namespace ei::source
