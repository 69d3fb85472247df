#pragma once

// The partial updates the service writes on job documents (spec §8.2), as small pure
// functions. Each returns the object to send as `{"doc": <it>}` to
// `POST /.elastic-connectors-sync-jobs/_update/<id>` (never conditional in 8.8; the claim
// may be made conditional, spec §10.3). Timestamps are `iso_utc`.

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "protocol/job_counters.hpp"
#include "protocol/job_status.hpp"

namespace ei::protocol {

// The error of a job failed by the cleanup service (spec §19.2).
inline constexpr std::string_view kIdleJobError = "The job has not seen any update for some time.";

// Claim (spec §8.2, §10.3): {status: in_progress, started_at, last_seen, worker_hostname}.
// `sync_cursor` (8.9 incremental jobs, spec §24.3) is stored as `connector.sync_cursor`.
boost::json::object job_claim_update(core::TimePoint now, std::string_view worker_hostname,
                                     const boost::json::value* sync_cursor = nullptr);

// Progress, the job's heartbeat every 10 s (spec §8.2, §11.3): last_seen and the three
// counters.
boost::json::object job_progress_update(core::TimePoint now, const JobCounters& counters);

// How a job ends (spec §8.2 "terminate", §11.4).
struct JobTermination {
  JobStatus status = JobStatus::completed;           // completed, error, canceled or suspended
  std::optional<std::string> error;                  // written only for `error`; null otherwise
  std::optional<JobCounters> counters;               // nothing for the cleanup's idle failure
  std::optional<std::int64_t> total_document_count;  // when the connector could be reloaded
  boost::json::object metadata;  // written when non-empty (no 8.8 caller passes any)
};

// {last_seen, status, error, completed_at (completed, error, canceled), canceled_at
// (canceled), counters, total_document_count, metadata}. Throws ProtocolError for a status
// a job does not end in (pending, in_progress, canceling).
boost::json::object job_termination_update(const JobTermination& termination, core::TimePoint now);

// The cleanup's failure of an idle job (spec §19.2): {last_seen, status: error, error:
// kIdleJobError, completed_at}, no counters.
boost::json::object idle_job_failure_update(core::TimePoint now);

// A cancel request as Kibana or the management CLI writes it (spec §8.2, §24.12):
// {status: canceling, cancelation_requested_at}.
boost::json::object job_cancel_request_update(core::TimePoint now);

}  // namespace ei::protocol
