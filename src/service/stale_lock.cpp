#include "service/stale_lock.hpp"

namespace ei::service {

bool lock_is_stale(const protocol::Connector& connector, bool has_running_job,
                   std::optional<std::chrono::steady_clock::time_point> suspected_since,
                   std::chrono::steady_clock::time_point now,
                   std::chrono::steady_clock::duration min_age) {
  if (!connector.is_syncing() || has_running_job || !suspected_since) return false;
  return now - *suspected_since >= min_age;
}

boost::json::object stale_lock_release_update() {
  return boost::json::object{{"last_sync_status", "error"},
                             {"last_sync_error", kStaleLockError},
                             {"status", "error"},
                             {"error", kStaleLockError}};
}

}  // namespace ei::service
