#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "protocol/filtering_validation.hpp"
#include "protocol/protocol_error.hpp"

namespace ei::protocol {

// One filter object: `{rules: [...], advanced_snippet: {value, created_at, updated_at},
// validation: {state, errors}}` (spec §7.8, §17). Kept as the JSON object itself because
// jobs take a deep copy with every key, known or not (spec §8.1); the accessors read it the
// way the reference does. Rules are not checked here: malformed rules are reported to the
// user by sync-rule validation (spec §16.3), not treated as protocol errors.
class Filter {
 public:
  Filter() = default;
  explicit Filter(boost::json::object object) : object_(std::move(object)) {}
  // null or a non-object → the empty filter.
  static Filter from_json(const boost::json::value& value);

  const boost::json::object& to_json() const { return object_; }
  bool empty() const { return object_.empty(); }

  // `rules`, or an empty array when absent or not an array.
  const boost::json::array& basic_rules() const;
  // `advanced_snippet.value`, or `{}` when `advanced_snippet` or `value` is absent.
  boost::json::value advanced_rules() const;
  // The advanced rules value is non-null and non-empty ({}, [], "" and null are empty).
  bool has_advanced_rules() const;
  // `validation`, or `{state: valid, errors: []}` when absent or null. Unreadable parts are
  // dropped here; Filter::check reports them.
  FilteringValidation validation() const;
  bool has_validation_state(ValidationState state) const { return validation().state == state; }

  // What a new job stores as `connector.filtering` (spec §8.1, §17): a deep copy, or
  // exactly `{"advanced_snippet": {}, "rules": []}` when the filter is empty.
  boost::json::object transform_for_job() const;

  // Records the structural problems of a stored filter under `at`: not an object, `rules`
  // not an array, `advanced_snippet` not an object, an unreadable `validation`.
  static void check(const boost::json::value& value, std::string_view at, FieldProblems& problems);

  friend bool operator==(const Filter&, const Filter&) = default;

 private:
  boost::json::object object_;
};

}  // namespace ei::protocol
