#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filtering/sync_rule_validation_result.hpp"

namespace ei::filtering {

// `validation.state` of a filter (spec §7.8). The service writes valid or invalid; Kibana
// writes edited.
enum class FilteringValidationState { valid, invalid, edited };

std::string_view to_string(FilteringValidationState state);
std::optional<FilteringValidationState> parse_filtering_validation_state(std::string_view text);

// One entry of `validation.errors`: `{ids: [...], messages: [...]}`.
struct FilterValidationError {
  std::vector<boost::json::value> ids;
  std::vector<std::string> messages;

  // The reference's own text form: `(ids: ['2'], messages: ["Rule with id '2' ..."])`.
  std::string to_string() const;

  bool operator==(const FilterValidationError&) const = default;
};

// The aggregate of spec §16.1: starts valid with no errors; each invalid single result
// makes it invalid and appends one error with that result's id and message.
class FilteringValidationResult {
 public:
  FilteringValidationResult() = default;
  FilteringValidationResult(FilteringValidationState state,
                            std::vector<FilterValidationError> errors);

  // Valid results and "no result" change nothing.
  void add(const std::optional<SyncRuleValidationResult>& result);
  FilteringValidationResult& operator+=(const std::optional<SyncRuleValidationResult>& result) {
    add(result);
    return *this;
  }

  FilteringValidationState state() const { return state_; }
  const std::vector<FilterValidationError>& errors() const { return errors_; }
  bool is_valid() const { return state_ == FilteringValidationState::valid; }

  // The stored form `{"state": "...", "errors": [{"ids": [...], "messages": [...]}]}`.
  boost::json::object to_json() const;
  // Reads the stored form; throws FilteringError for another shape. A missing `errors`
  // reads as none.
  static FilteringValidationResult from_json(const boost::json::value& value);

  // The text a job fails with when its rules are not valid (spec §16.6):
  // `Filtering in state FilteringValidationState.INVALID, errors: [(ids: [...], messages:
  // [...]), ...].`
  std::string job_error_message() const;

  bool operator==(const FilteringValidationResult&) const = default;

 private:
  FilteringValidationState state_ = FilteringValidationState::valid;
  std::vector<FilterValidationError> errors_;
};

}  // namespace ei::filtering
