#pragma once

#include <array>
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/protocol_error.hpp"

namespace ei::protocol {

// The 13 standard properties of a configuration entry, in the order the schema is written
// (spec §14.1).
inline constexpr std::array<std::string_view, 13> kConfigurationEntryProperties{
    "default_value", "depends_on", "display", "label",           "options",     "order", "required",
    "sensitive",     "tooltip",    "type",    "ui_restrictions", "validations", "value"};

// `depends_on` item: the entry applies only when `field`'s resolved value equals `value`.
struct DependsOn {
  std::string field;
  boost::json::value value;

  friend bool operator==(const DependsOn&, const DependsOn&) = default;
};

// `options` item of a dropdown.
struct SelectOption {
  boost::json::value label;
  boost::json::value value;

  friend bool operator==(const SelectOption&, const SelectOption&) = default;
};

// `validations` item: `type` is less_than, greater_than, list_type, included_in or regex
// (unknown types are ignored by validation, so any string is kept).
struct FieldValidation {
  std::string type;
  boost::json::value constraint;

  friend bool operator==(const FieldValidation&, const FieldValidation&) = default;
};

// One entry of a connector's `configuration` with every property of spec §14.1; the member
// defaults are the ones the service writes into a source's schema.
struct ConfigurationEntry {
  boost::json::value default_value = nullptr;
  std::vector<DependsOn> depends_on;
  std::string display = "text";  // text, textarea, numeric, toggle, dropdown
  std::string label;
  std::vector<SelectOption> options;
  std::int64_t order = 1;
  bool required = true;
  bool sensitive = false;
  std::optional<std::string> tooltip;
  std::string type = "str";  // str, int, float, bool, list
  std::vector<std::string> ui_restrictions;
  std::vector<FieldValidation> validations;
  boost::json::value value = "";
  boost::json::object extra;  // non-standard properties, kept and written back

  // The 13 properties in kConfigurationEntryProperties order, then the extras.
  boost::json::object to_json() const;

  // Tolerant read of a stored entry at `at` (e.g. "configuration.port"): a missing
  // property takes its §14.1 default; one of the wrong type too, recorded as a problem. A
  // bare value (not an object) is read as `{"value": <it>}` (spec §9.3, §14.3).
  static ConfigurationEntry from_json(const boost::json::value& stored, std::string_view at,
                                      FieldProblems& problems);

  friend bool operator==(const ConfigurationEntry&, const ConfigurationEntry&) = default;
};

// The entry the service writes for one declared field (spec §14.2): the 13 defaults, then
// each declared property; a declared `label` that is empty (or not a text) becomes `key` in
// upper case. Extra declared properties are copied. A bare declared value is `{value: it}`.
boost::json::object simple_configuration_entry(std::string_view key,
                                               const boost::json::value& declared);

// The whole schema for a source's declared fields, keys in declaration order.
boost::json::object simple_configuration(const boost::json::object& declared_fields);

// The standard properties a stored entry lacks (all 13 for a bare value).
std::vector<std::string_view> missing_properties(const boost::json::value& stored_entry);

// The `configuration` partial update that completes stored entries lacking standard
// properties (spec §9.3): for each such entry, the schema entry of that key (when the
// source declares it) with the stored entry deep-merged over it; an entry the source does
// not declare gets the property defaults under its stored properties (a bare value becomes
// its `value`). Empty when every entry is complete, so applying the result and completing
// again is a no-op (the reference rewrote undeclared entries as stored, at every poll).
boost::json::object complete_configuration(const boost::json::object& stored,
                                           const boost::json::object& schema);

}  // namespace ei::protocol
