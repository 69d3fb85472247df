#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/protocol_error.hpp"
#include "protocol/validation_state.hpp"

namespace ei::protocol {

// One entry of `validation.errors` (spec §7.8, §16.1): the rule ids concerned (strings as a
// rule, but a rule without an id reports null, so any JSON is kept) and the messages.
struct FilterValidationError {
  boost::json::array ids;
  std::vector<std::string> messages;

  boost::json::object to_json() const;
  friend bool operator==(const FilterValidationError&, const FilterValidationError&) = default;
};

// A filter's `validation` object: `{state, errors}`. The default is the reference's
// "no validation" value `{state: valid, errors: []}` (spec §17).
struct FilteringValidation {
  ValidationState state = ValidationState::valid;
  std::vector<FilterValidationError> errors;

  // Tolerant read: anything unreadable is recorded at `at...` and skipped. A missing or
  // unknown `state` reads as `invalid`: such a draft is never promoted (spec §16.5).
  static FilteringValidation from_json(const boost::json::value& validation, std::string_view at,
                                       FieldProblems& problems);
  boost::json::object to_json() const;

  friend bool operator==(const FilteringValidation&, const FilteringValidation&) = default;
};

}  // namespace ei::protocol
