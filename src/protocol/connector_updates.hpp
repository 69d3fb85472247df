#pragma once

// The partial updates the service writes on connector documents (spec §7.2), as small pure
// functions. Each returns the object to send as `{"doc": <it>}` to
// `POST /.elastic-connectors/_update/<id>`; which ones are conditional is the caller's
// business (spec §7.2 last column). Timestamps are `iso_utc` except
// `last_sync_scheduled_at` (naive, spec §9.6).

#include <boost/json.hpp>
#include <optional>
#include <string_view>

#include "core/time.hpp"
#include "protocol/connector.hpp"
#include "protocol/job_type.hpp"
#include "protocol/sync_job.hpp"

namespace ei::protocol {

// Texts the reference writes on connectors (spec §7.5).
inline constexpr std::string_view kJobNotFoundError = "Couldn't find the job";
inline constexpr std::string_view kUnknownError = "unknown error";

// Heartbeat (spec §9.4): {"last_seen": iso_utc}.
boost::json::object heartbeat_update(core::TimePoint now);

// prepare of the configured custom connector (spec §9.3). `service_type` when the stored
// one is null; `schema` (the source's simple configuration) when the stored configuration
// is empty, which also sets `status: needs_configuration`. One write with both when both.
boost::json::object custom_connector_setup_update(std::optional<std::string_view> service_type,
                                                  const boost::json::object* schema);

// prepare, entries lacking standard properties (spec §9.3): {"configuration": entries},
// `entries` as built by complete_configuration.
boost::json::object configuration_completion_update(boost::json::object entries);

// Draft validation (spec §16.5): {"filtering": <whole array>}, built by
// Filtering::with_draft_validation.
boost::json::object filtering_update(boost::json::array filtering);

// On-demand trigger (spec §9.5): {"sync_now": false}.
boost::json::object sync_now_reset_update();

// Scheduled trigger (spec §9.6): {"last_sync_scheduled_at": "2023-08-02T12:00:00"}, naive.
boost::json::object scheduled_sync_update(core::TimePoint next_fire);

// Sync start, the connector lock (spec §10.3): {last_sync_status: in_progress,
// last_sync_error: null, status: connected, error: null}. Access-control jobs (8.9) use
// `last_access_control_sync_status`/`_error` instead (spec §24.3).
boost::json::object sync_start_update(JobType type = JobType::full);

// Releases a lock taken by sync_start_update whose job claim then lost (spec §10.3
// hardening): the lock fields and `status`/`error` as they were in `before`, the connector
// as read just before the lock was taken (absent fields restored as null).
boost::json::object sync_lock_release_update(const Connector& before, JobType type = JobType::full);

// Sync done (spec §7.5), `job` as reloaded after its termination or nullptr when it could
// not be reloaded: last_sync_status = the job's status (`error` without a job),
// last_sync_error = error = the job's error (`Couldn't find the job` without a job,
// `unknown error` for an `error` job without text), status = `error` for an `error`
// status else `connected`, last_synced = iso_utc, and the job's last indexed/deleted counts
// when the job is terminal. An access-control job reports on the access-control fields.
boost::json::object sync_done_update(const SyncJob* job, core::TimePoint now);

// Connector error (spec §9.2, §9.6): {"status": "error", "error": message}.
boost::json::object connector_error_update(std::string_view message);

}  // namespace ei::protocol
