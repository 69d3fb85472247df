#include "source/default_configuration.hpp"

#include "core/json.hpp"
#include "source/errors.hpp"

namespace ei::source {

namespace json = boost::json;

DefaultConfiguration DefaultConfiguration::from_json(const json::value& declared) {
  if (!declared.is_object()) {
    throw ConfigurationError("Default configuration: expected an object, got " +
                             core::describe_json(declared));
  }
  std::vector<ConfigField> fields;
  for (const auto& [key, properties] : declared.get_object()) {
    if (!properties.is_object()) {
      throw ConfigurationError("Configuration field '" + std::string(key) +
                               "': expected an object of properties, got " +
                               core::describe_json(properties));
    }
    fields.push_back(ConfigField::from_json(std::string(key), properties.get_object()));
  }
  return DefaultConfiguration(std::move(fields));
}

const ConfigField* DefaultConfiguration::find(std::string_view key) const {
  for (const auto& field : fields_) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

json::object DefaultConfiguration::to_json() const {
  json::object schema;
  for (const auto& field : fields_) schema[field.key] = field.to_json();
  return schema;
}

}  // namespace ei::source
