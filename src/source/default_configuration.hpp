#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "source/config_field.hpp"

namespace ei::source {

// A source's declared configuration: its fields in declaration order (the reference's
// `get_default_configuration()`).
class DefaultConfiguration {
 public:
  DefaultConfiguration() = default;
  DefaultConfiguration(std::initializer_list<ConfigField> fields) : fields_(fields) {}
  explicit DefaultConfiguration(std::vector<ConfigField> fields) : fields_(std::move(fields)) {}

  // A declaration as a JSON object `key → properties` (plug-ins); key order is kept.
  // Throws ConfigurationError for a non-object entry or a malformed property.
  static DefaultConfiguration from_json(const boost::json::value& declared);

  const std::vector<ConfigField>& fields() const { return fields_; }
  const ConfigField* find(std::string_view key) const;
  bool empty() const { return fields_.empty(); }

  // The "simple configuration" the service writes into a new connector (spec §14.2).
  boost::json::object to_json() const;

 private:
  std::vector<ConfigField> fields_;
};

}  // namespace ei::source
