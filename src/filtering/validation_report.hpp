#pragma once

// Sync-rule validation results (spec §16.1) gathered into a filter's `validation`
// (protocol::FilteringValidation, the one model of it), and the texts the reference writes
// about them.

#include <optional>
#include <string>

#include "filtering/sync_rule_validation_result.hpp"
#include "protocol/filtering_validation.hpp"

namespace ei::filtering {

// An invalid result makes `validation` invalid and appends one error with the result's rule
// id and message; valid results and "no result" change nothing.
void add_result(protocol::FilteringValidation& validation,
                const std::optional<SyncRuleValidationResult>& result);

// The reference's text form of one error: `(ids: ['2'], messages: ["Rule with id '2' ..."])`.
std::string describe(const protocol::FilterValidationError& error);

// The text a job fails with when its rules are not valid (spec §16.6):
// `Filtering in state FilteringValidationState.INVALID, errors: [(ids: [...], ...), ...].`
std::string job_error_message(const protocol::FilteringValidation& validation);

}  // namespace ei::filtering
