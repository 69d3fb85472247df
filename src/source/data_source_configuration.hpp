#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "source/default_configuration.hpp"
#include "source/field.hpp"

namespace ei::source {

// A connector's configuration as its source reads it (spec §14.3-14.8): the stored fields
// in stored order, plus the source's declared values for keys the connector lacks.
class DataSourceConfiguration {
 public:
  DataSourceConfiguration() = default;

  // From `connector.configuration`: null is empty; anything but an object throws
  // ConfigurationError, as does a value that cannot be coerced to its stored type.
  explicit DataSourceConfiguration(const boost::json::value& stored);

  // The source's declaration (the reference's set_defaults): declared values back up absent
  // keys; stored fields take the declared type and are coerced again.
  void apply_defaults(const DefaultConfiguration& defaults);

  // Spec §14.3 reading: the resolved value of a stored field, else the declared value.
  // An unknown key throws ConfigurationError.
  boost::json::value at(std::string_view key) const;
  boost::json::value operator[](std::string_view key) const { return at(key); }
  // The same with `fallback` for keys neither stored nor declared.
  boost::json::value get(std::string_view key, boost::json::value fallback = nullptr) const;

  // Typed reads of at(key); a value of another type throws ConfigurationError naming the
  // field. get_list accepts a list of strings (a string would have been split already).
  std::string get_string(std::string_view key) const;
  std::int64_t get_int(std::string_view key) const;
  double get_number(std::string_view key) const;
  bool get_bool(std::string_view key) const;
  std::vector<std::string> get_list(std::string_view key) const;

  bool has_field(std::string_view key) const { return find(key) != nullptr; }
  const Field* find(std::string_view key) const;
  const std::vector<Field>& fields() const { return fields_; }
  bool empty() const { return fields_.empty(); }

  // What was stored, unchanged.
  const boost::json::object& raw() const { return raw_; }

  // key → resolved value for every stored field and every declared key (stored first).
  boost::json::object values() const;

  // The default validate_config (spec §14.6, §14.7). Throws ConfigurableFieldValueError
  // with `Field validation errors: ...`, or ConfigurableFieldDependencyError.
  void check_valid() const;

  // Spec §14.8: throws MalformedConfigurationError
  // `Connector has missing configuration fields: k1, k2` (declaration order).
  void check_fields_present(const DefaultConfiguration& defaults) const;

 private:
  bool dependencies_satisfied(const Field& field) const;

  boost::json::object raw_;
  std::vector<Field> fields_;
  std::vector<std::pair<std::string, boost::json::value>> defaults_;
};

}  // namespace ei::source
