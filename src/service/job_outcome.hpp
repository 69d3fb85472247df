#pragma once

// How a run ends (spec §11.5), as pure functions of what happened.

#include <optional>
#include <string>

#include "protocol/job_counters.hpp"
#include "protocol/job_status.hpp"
#include "sync/sync_engine.hpp"

namespace ei::service {

// Why the runner stopped the engine before its end, if it did.
enum class StopReason {
  none,
  cancel_requested,  // the job went `canceling` → `canceled`
  job_check_failed,  // connector or job gone, job status changed → `error`
  shutdown,          // the service stops → `suspended`
};

struct RunOutcome {
  protocol::JobStatus status = protocol::JobStatus::completed;
  std::optional<std::string> error;  // only for `error`

  friend bool operator==(const RunOutcome&, const RunOutcome&) = default;
};

// The job's counters from the engine's: volume in integer MiB, rounded half to even.
protocol::JobCounters job_counters(const sync::SyncCounters& counters);

// `<n> documents were not indexed; first: index <id> (<type>: <reason>), ...`: bulk items
// Elasticsearch rejected, failed downloads, documents that could not be queued.
std::string rejected_items_message(const sync::SyncResult& result);

// The engine ended (or was stopped for `reason`, with `check_error` the job check's text).
RunOutcome outcome_of(const sync::SyncResult& result, StopReason reason,
                      const std::optional<std::string>& check_error);

}  // namespace ei::service
