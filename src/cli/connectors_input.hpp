#pragma once

// Validation of what a user types on the `connectors` command line: `key=value`
// assignments, content index names, schedule intervals, service types, job statuses. Pure
// functions, so every rule is unit-tested without a server.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/cron.hpp"
#include "core/error.hpp"
#include "protocol/job_status.hpp"

namespace ei::cli {

// Bad input from the user (exit status 2): the message names the argument and what is
// wrong with it.
class InputError : public core::Error {
 public:
  using core::Error::Error;
};

// One `key=value` assignment of `--config` or `set-config`.
struct KeyValue {
  std::string key;
  std::string value;

  friend bool operator==(const KeyValue&, const KeyValue&) = default;
};

// Splits at the first `=`; the key is trimmed and must be non-empty, the value is kept as
// typed (it may be empty or contain `=`). Throws InputError naming the assignment.
KeyValue parse_key_value(std::string_view text);

// Every assignment in order; a key given twice is an error.
std::vector<KeyValue> parse_key_values(const std::vector<std::string>& texts);

// A content index name as Kibana accepts it: the `search-` prefix (spec §12.1) and the
// index-name rules of spec §21.1 (forbidden characters, prefixes, lower case, `.`/`..`).
void validate_index_name(std::string_view name);

// Parses a Quartz expression (`scheduling.interval`, spec §9.6) and checks that it fires at
// least once after `now`. Throws InputError with the parser's message.
core::CronExpression validate_schedule_interval(std::string_view interval,
                                                std::chrono::sys_seconds now);

// `service_type` must be a key of config.yml's `sources` (spec §3.2); the error lists the
// known ones.
void validate_service_type(std::string_view service_type,
                           const std::vector<core::SourceEntry>& sources);

// A language code of the analysis table (spec §12.4); the error lists the codes.
void validate_language(std::string_view code);

// A job status name for `job list --status`; the error lists the seven names.
protocol::JobStatus parse_job_status_filter(std::string_view text);

// A document id given on the command line: non-empty, no `/` (it goes into a URL path).
void validate_document_id(std::string_view what, std::string_view id);

}  // namespace ei::cli
