#pragma once

#include <boost/json.hpp>

#include "filtering/filtering_validation_result.hpp"

namespace ei::filtering {

// One filter object `{rules, advanced_snippet, validation, ...}` (spec §7.8, §17). It keeps
// the object exactly as stored (unknown keys and key order included) and reads it through
// the accessors of the reference's `Filter`.
class Filter {
 public:
  Filter() = default;
  explicit Filter(boost::json::object object) : object_(std::move(object)) {}

  // Null reads as the empty filter; anything but an object throws FilteringError.
  static Filter from_json(const boost::json::value& value);
  const boost::json::object& to_json() const { return object_; }

  bool empty() const { return object_.empty(); }

  // `rules`, or [] when absent or null. Throws FilteringError when not an array.
  boost::json::array basic_rules() const;

  // `advanced_snippet.value`; {} when `advanced_snippet` (or its `value`) is absent or
  // `advanced_snippet` is null. A present null `value` stays null. Throws FilteringError when
  // `advanced_snippet` is neither an object nor null.
  boost::json::value advanced_rules() const;

  // The advanced rules value is non-null and non-empty: {}, [], "" and null are "none"; a
  // number or boolean counts as rules (for the source's validator to reject).
  bool has_advanced_rules() const;

  // `validation`, or {state: valid, errors: []} when absent or null. Throws FilteringError
  // for another shape.
  FilteringValidationResult validation() const;

  // `validation.state == state`; false when the stored state is malformed.
  bool has_validation_state(FilteringValidationState state) const;

  // What a new job stores as `connector.filtering` (spec §8.1): a copy of the object, or
  // exactly {"advanced_snippet": {}, "rules": []} when it is empty.
  boost::json::object transform_for_job() const;

  bool operator==(const Filter&) const = default;

 private:
  boost::json::object object_;
};

}  // namespace ei::filtering
