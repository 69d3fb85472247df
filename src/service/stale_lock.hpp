#pragma once

// Recovery of a connector lock nobody holds (spec §7.5 reimplementation note): a process
// that dies between taking the lock (`last_sync_status: in_progress`) and claiming its job
// leaves the connector locked with no job running, and 8.8 never syncs it again.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "protocol/connector.hpp"

namespace ei::service {

// A live process claims its job milliseconds after taking the lock; a lock seen with no job
// `in_progress` or `canceling` for this long has no owner.
inline constexpr std::chrono::seconds kStaleLockAge{10};

// The lock is stale when the connector is locked, no job of it is running, and every sighting
// since `suspected_since` (the first one without a running job) saw the same for at least
// `min_age`.
bool lock_is_stale(const protocol::Connector& connector, bool has_running_job,
                   std::optional<std::chrono::steady_clock::time_point> suspected_since,
                   std::chrono::steady_clock::time_point now,
                   std::chrono::steady_clock::duration min_age = kStaleLockAge);

// The connector update that releases a stale lock: the sync is recorded as failed, which is
// what happened to it.
boost::json::object stale_lock_release_update();

inline constexpr std::string_view kStaleLockError =
    "The sync was interrupted before its job started (the service stopped between locking the "
    "connector and claiming the job); the lock was released.";

}  // namespace ei::service
