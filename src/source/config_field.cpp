#include "source/config_field.hpp"

#include "core/json.hpp"
#include "core/strings.hpp"
#include "source/errors.hpp"

namespace ei::source {

namespace json = boost::json;

namespace {

// Reads the declared properties with messages naming `<key>.<property>`.
class DeclarationReader {
 public:
  DeclarationReader(const std::string& key, const json::object& declared)
      : key_(key), declared_(declared) {}

  const json::value* find(std::string_view property) const {
    return declared_.if_contains(property);
  }

  std::string string(std::string_view property) const {
    const json::value& value = *find(property);
    if (!value.is_string()) fail(property, "a string", value);
    return std::string(value.get_string());
  }

  std::optional<std::string> optional_string(std::string_view property) const {
    const json::value& value = *find(property);
    if (value.is_null()) return std::nullopt;
    return string(property);
  }

  bool boolean(std::string_view property) const {
    const json::value& value = *find(property);
    if (!value.is_bool()) fail(property, "a boolean", value);
    return value.get_bool();
  }

  std::int64_t integer(std::string_view property) const {
    const json::value& value = *find(property);
    if (value.is_int64()) return value.get_int64();
    if (value.is_uint64()) return static_cast<std::int64_t>(value.get_uint64());
    fail(property, "an integer", value);
  }

  const json::array& array(std::string_view property) const {
    const json::value& value = *find(property);
    if (!value.is_array()) fail(property, "a list", value);
    return value.get_array();
  }

  // An item of a list property that must be an object with a string `name`.
  const json::object& item(std::string_view property, const json::value& value,
                           std::string_view name) const {
    if (!value.is_object() || !value.get_object().contains(name) ||
        !value.get_object().at(name).is_string()) {
      fail(property, "objects with a string '" + std::string(name) + "'", value);
    }
    return value.get_object();
  }

  [[noreturn]] void fail(std::string_view property, std::string_view expected,
                         const json::value& actual) const {
    throw ConfigurationError("Configuration field '" + key_ + "." + std::string(property) +
                             "': expected " + std::string(expected) + ", got " +
                             core::describe_json(actual));
  }

 private:
  const std::string& key_;
  const json::object& declared_;
};

}  // namespace

protocol::ConfigurationEntry ConfigField::to_entry() const {
  protocol::ConfigurationEntry entry;
  entry.default_value = default_value;
  entry.depends_on = depends_on;
  entry.display = display;
  entry.label = !label ? std::string() : (label->empty() ? core::to_upper(key) : *label);
  entry.options = options;
  entry.order = order;
  entry.required = required;
  entry.sensitive = sensitive;
  entry.tooltip = tooltip;
  entry.type = std::string(to_string(type));
  entry.ui_restrictions = ui_restrictions;
  entry.validations = validations;
  entry.value = value;
  entry.extra = extra;
  return entry;
}

ConfigField ConfigField::from_json(std::string key, const json::object& declared) {
  ConfigField field;
  field.key = std::move(key);
  DeclarationReader read(field.key, declared);
  for (const auto& [name, value] : declared) {
    const std::string_view property = name;
    if (property == "label") {
      field.label = value.is_null() ? std::string() : read.string(property);
    } else if (property == "order") {
      field.order = read.integer(property);
    } else if (property == "type") {
      auto type = parse_field_type(read.string(property));
      if (!type) read.fail(property, "one of str, int, float, bool, list", value);
      field.type = *type;
    } else if (property == "value") {
      field.value = value;
    } else if (property == "display") {
      field.display = read.string(property);
    } else if (property == "options") {
      for (const auto& option : read.array(property)) {
        const auto& object = read.item(property, option, "label");
        field.options.push_back(
            {object.at("label"), object.contains("value") ? object.at("value") : nullptr});
      }
    } else if (property == "required") {
      field.required = read.boolean(property);
    } else if (property == "sensitive") {
      field.sensitive = read.boolean(property);
    } else if (property == "depends_on") {
      for (const auto& dependency : read.array(property)) {
        const auto& object = read.item(property, dependency, "field");
        field.depends_on.push_back({std::string(object.at("field").get_string()),
                                    object.contains("value") ? object.at("value") : nullptr});
      }
    } else if (property == "validations") {
      for (const auto& validation : read.array(property)) {
        const auto& object = read.item(property, validation, "type");
        field.validations.push_back(
            {std::string(object.at("type").get_string()),
             object.contains("constraint") ? object.at("constraint") : nullptr});
      }
    } else if (property == "tooltip") {
      field.tooltip = read.optional_string(property);
    } else if (property == "default_value") {
      field.default_value = value;
    } else if (property == "ui_restrictions") {
      for (const auto& restriction : read.array(property)) {
        if (!restriction.is_string()) read.fail(property, "a list of strings", restriction);
        field.ui_restrictions.emplace_back(restriction.get_string());
      }
    } else {
      field.extra[property] = value;
    }
  }
  return field;
}

}  // namespace ei::source
