#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "source/config_field.hpp"
#include "source/field_type.hpp"

namespace ei::source {

// One field of a connector's stored configuration as the running source sees it (the
// reference's `Field`): the value coerced to the field type, resolved against the default
// when the field is optional and empty, and validated against its rules.
class Field {
 public:
  Field(std::string name, std::string label, FieldType type, boost::json::value value,
        boost::json::value default_value = nullptr, bool required = true,
        std::vector<FieldDependency> depends_on = {},
        std::vector<FieldValidation> validations = {});

  // A stored entry (spec §14.3): an object with default_value, depends_on, label, required,
  // type, validations, value; or a bare value, which becomes a `str` field labelled with the
  // key capitalized and holding the value's text. Throws ConfigurationError.
  static Field from_stored(std::string name, const boost::json::value& entry);

  const std::string& name() const { return name_; }
  const std::string& label() const { return label_; }
  FieldType type() const { return type_; }
  bool required() const { return required_; }
  const std::vector<FieldDependency>& depends_on() const { return depends_on_; }
  const std::vector<FieldValidation>& validations() const { return validations_; }
  const boost::json::value& default_value() const { return default_value_; }
  const boost::json::value& raw_value() const { return value_; }

  // Spec §14.4: the stored value, or the default when the field is optional and empty.
  const boost::json::value& value() const;

  // Spec §14.5, on the stored value (never the default).
  bool is_value_empty() const;

  // The source declares another type: the resolved value is coerced to it (spec §14.3).
  void set_type(FieldType type);

  // Messages for every failed validation of the resolved value (spec §14.6 step 3).
  // Throws ConfigurationError when a comparison is impossible or a regex is invalid.
  std::vector<std::string> validate() const;

 private:
  std::string name_;
  std::string label_;
  FieldType type_;
  boost::json::value value_;
  boost::json::value default_value_;
  bool required_;
  std::vector<FieldDependency> depends_on_;
  std::vector<FieldValidation> validations_;
};

}  // namespace ei::source
