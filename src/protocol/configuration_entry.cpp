#include "protocol/configuration_entry.hpp"

#include <algorithm>

#include "core/json.hpp"
#include "core/strings.hpp"
#include "protocol/field_reader.hpp"

namespace ei::protocol {

namespace {

bool is_standard_property(std::string_view key) {
  return std::find(kConfigurationEntryProperties.begin(), kConfigurationEntryProperties.end(),
                   key) != kConfigurationEntryProperties.end();
}

json::object as_entry_object(const json::value& stored) {
  if (const json::object* object = stored.if_object()) return *object;
  return json::object{{"value", stored}};
}

std::vector<DependsOn> read_depends_on(const json::object& entry, std::string_view at,
                                       FieldReader& reader) {
  std::vector<DependsOn> dependencies;
  const json::array* items = reader.array(entry, "depends_on", at);
  if (items == nullptr) return dependencies;
  const std::string path = FieldReader::path_of(at, "depends_on");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string item_path = FieldReader::path_of(path, i);
    const json::object* item = (*items)[i].if_object();
    if (item == nullptr) {
      reader.wrong_type(item_path, "an object", (*items)[i]);
      continue;
    }
    std::optional<std::string> field = reader.string(*item, "field", item_path);
    if (!field) {
      if (FieldReader::find(*item, "field") == nullptr) {
        reader.add(FieldReader::path_of(item_path, "field"), "missing");
      }
      continue;
    }
    const json::value* value = item->if_contains("value");
    dependencies.push_back({*field, value != nullptr ? *value : json::value(nullptr)});
  }
  return dependencies;
}

std::vector<SelectOption> read_options(const json::object& entry, std::string_view at,
                                       FieldReader& reader) {
  std::vector<SelectOption> options;
  const json::array* items = reader.array(entry, "options", at);
  if (items == nullptr) return options;
  const std::string path = FieldReader::path_of(at, "options");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json::object* item = (*items)[i].if_object();
    if (item == nullptr) {
      reader.wrong_type(FieldReader::path_of(path, i), "an object", (*items)[i]);
      continue;
    }
    SelectOption option;
    if (const json::value* label = item->if_contains("label")) option.label = *label;
    if (const json::value* value = item->if_contains("value")) option.value = *value;
    options.push_back(std::move(option));
  }
  return options;
}

std::vector<FieldValidation> read_validations(const json::object& entry, std::string_view at,
                                              FieldReader& reader) {
  std::vector<FieldValidation> validations;
  const json::array* items = reader.array(entry, "validations", at);
  if (items == nullptr) return validations;
  const std::string path = FieldReader::path_of(at, "validations");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string item_path = FieldReader::path_of(path, i);
    const json::object* item = (*items)[i].if_object();
    if (item == nullptr) {
      reader.wrong_type(item_path, "an object", (*items)[i]);
      continue;
    }
    std::optional<std::string> type = reader.string(*item, "type", item_path);
    if (!type) {
      if (FieldReader::find(*item, "type") == nullptr) {
        reader.add(FieldReader::path_of(item_path, "type"), "missing");
      }
      continue;
    }
    const json::value* constraint = item->if_contains("constraint");
    validations.push_back({*type, constraint != nullptr ? *constraint : json::value(nullptr)});
  }
  return validations;
}

std::vector<std::string> read_ui_restrictions(const json::object& entry, std::string_view at,
                                              FieldReader& reader) {
  std::vector<std::string> restrictions;
  const json::array* items = reader.array(entry, "ui_restrictions", at);
  if (items == nullptr) return restrictions;
  const std::string path = FieldReader::path_of(at, "ui_restrictions");
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (const auto* text = (*items)[i].if_string()) {
      restrictions.emplace_back(*text);
    } else {
      reader.wrong_type(FieldReader::path_of(path, i), "a string", (*items)[i]);
    }
  }
  return restrictions;
}

}  // namespace

json::object ConfigurationEntry::to_json() const {
  json::array depends_on_array;
  for (const DependsOn& dependency : depends_on) {
    depends_on_array.emplace_back(
        json::object{{"field", dependency.field}, {"value", dependency.value}});
  }
  json::array option_array;
  for (const SelectOption& option : options) {
    option_array.emplace_back(json::object{{"label", option.label}, {"value", option.value}});
  }
  json::array restriction_array;
  for (const std::string& restriction : ui_restrictions)
    restriction_array.emplace_back(restriction);
  json::array validation_array;
  for (const FieldValidation& validation : validations) {
    validation_array.emplace_back(
        json::object{{"type", validation.type}, {"constraint", validation.constraint}});
  }

  json::object object;
  object["default_value"] = default_value;
  object["depends_on"] = std::move(depends_on_array);
  object["display"] = display;
  object["label"] = label;
  object["options"] = std::move(option_array);
  object["order"] = order;
  object["required"] = required;
  object["sensitive"] = sensitive;
  object["tooltip"] = tooltip ? json::value(*tooltip) : json::value(nullptr);
  object["type"] = type;
  object["ui_restrictions"] = std::move(restriction_array);
  object["validations"] = std::move(validation_array);
  object["value"] = value;
  for (const auto& [key, extra_value] : extra) object[key] = extra_value;
  return object;
}

ConfigurationEntry ConfigurationEntry::from_json(const json::value& stored, std::string_view at,
                                                 FieldProblems& problems) {
  ConfigurationEntry entry;
  FieldReader reader(problems);
  const json::object object = as_entry_object(stored);

  // Values may be of any type; a stored null is kept as null.
  if (const json::value* value = object.if_contains("value")) entry.value = *value;
  if (const json::value* fallback = object.if_contains("default_value")) {
    entry.default_value = *fallback;
  }
  entry.depends_on = read_depends_on(object, at, reader);
  if (auto display = reader.string(object, "display", at)) entry.display = *display;
  if (auto label = reader.string(object, "label", at)) entry.label = *label;
  entry.options = read_options(object, at, reader);
  if (auto order = reader.integer(object, "order", at)) entry.order = *order;
  if (auto required = reader.boolean(object, "required", at)) entry.required = *required;
  if (auto sensitive = reader.boolean(object, "sensitive", at)) entry.sensitive = *sensitive;
  entry.tooltip = reader.string(object, "tooltip", at);
  if (auto type = reader.string(object, "type", at)) entry.type = *type;
  entry.ui_restrictions = read_ui_restrictions(object, at, reader);
  entry.validations = read_validations(object, at, reader);
  for (const auto& [key, value] : object) {
    if (!is_standard_property(key)) entry.extra[key] = value;
  }
  return entry;
}

json::object simple_configuration_entry(std::string_view key, const json::value& declared) {
  json::object entry = ConfigurationEntry{}.to_json();
  for (const auto& [property, value] : as_entry_object(declared)) {
    if (property == "label") {
      const auto* text = value.if_string();
      entry["label"] =
          text != nullptr && !text->empty() ? json::value(*text) : json::value(core::to_upper(key));
    } else {
      entry[property] = value;
    }
  }
  return entry;
}

json::object simple_configuration(const json::object& declared_fields) {
  json::object schema;
  for (const auto& [key, declared] : declared_fields) {
    schema[key] = simple_configuration_entry(key, declared);
  }
  return schema;
}

std::vector<std::string_view> missing_properties(const json::value& stored_entry) {
  std::vector<std::string_view> missing;
  const json::object* object = stored_entry.if_object();
  for (std::string_view property : kConfigurationEntryProperties) {
    if (object == nullptr || !object->contains(property)) missing.push_back(property);
  }
  return missing;
}

json::object complete_configuration(const json::object& stored, const json::object& schema) {
  json::object completed;
  for (const auto& [key, stored_entry] : stored) {
    if (missing_properties(stored_entry).empty()) continue;
    // The declared entry, or for a key the source does not know the property defaults
    // (written back as stored, it would be "completed" again at every poll); the stored
    // properties win.
    const json::value* declared = schema.if_contains(key);
    json::object merged = declared != nullptr && declared->is_object()
                              ? declared->get_object()
                              : simple_configuration_entry(key, json::object{{"label", ""}});
    completed[key] = std::move(core::deep_merge(merged, as_entry_object(stored_entry)));
  }
  return completed;
}

}  // namespace ei::protocol
