#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/configuration_entry.hpp"
#include "source/field_type.hpp"

namespace ei::source {

// The parts of an entry are the protocol's (spec §14.1): one model of each.
// `{label, value}`: one choice of a dropdown.
using FieldOption = protocol::SelectOption;
// `{field, value}`: the field applies only when `field` resolves to `value` (spec §14.7).
using FieldDependency = protocol::DependsOn;
// `{type, constraint}`: less_than, greater_than, list_type, included_in, regex (§14.6).
using FieldValidation = protocol::FieldValidation;

// One field of a source's default configuration, with the 13 properties of spec §14.1.
// The member defaults are the ones the service writes; sources set what they declare:
//   ConfigField{.key = "port", .label = "Port", .type = FieldType::kInt, .value = 3306,
//               .display = "numeric"}
struct ConfigField {
  std::string key{};
  std::optional<std::string> label{};  // not declared: "" in the schema; declared "": KEY
  std::int64_t order = 1;
  FieldType type = FieldType::kStr;
  boost::json::value value = "";
  std::string display = "text";  // text, textarea, numeric, toggle, dropdown
  std::vector<FieldOption> options{};
  bool required = true;
  bool sensitive = false;
  std::vector<FieldDependency> depends_on{};
  std::vector<FieldValidation> validations{};
  std::optional<std::string> tooltip{};
  boost::json::value default_value = nullptr;
  std::vector<std::string> ui_restrictions{};  // e.g. "advanced"
  boost::json::object extra{};                 // other declared properties, copied as is

  // The entry written into a new connector's configuration (spec §14.2), as the protocol's
  // ConfigurationEntry writes it: the 13 properties in the reference's order, then the
  // extra ones.
  protocol::ConfigurationEntry to_entry() const;
  boost::json::object to_json() const { return to_entry().to_json(); }

  // A declaration given as JSON (a plug-in's default configuration). Unknown properties go
  // to `extra`; a known property of the wrong type throws ConfigurationError naming
  // `<key>.<property>`.
  static ConfigField from_json(std::string key, const boost::json::object& declared);
};

}  // namespace ei::source
