#pragma once

// The searches the services run on the protocol indices (spec §7.3, §8.4), as pure
// functions so the selection rules are unit-testable.

#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ei::service {

// Which connectors a process serves (spec §7.3): native connectors of
// `native_service_types`, and the custom connector `connector_id` (connector-client mode).
struct ConnectorSelection {
  std::vector<std::string> native_service_types;
  std::optional<std::string> connector_id;

  bool empty() const { return native_service_types.empty() && !connector_id; }
};

// The query of the supported connectors; nothing when both lists are empty (no connector).
std::optional<boost::json::object> supported_connectors_query(const ConnectorSelection& selection);

// Pending jobs (`pending` or `suspended`) of these connectors (spec §8.4).
boost::json::object pending_jobs_query(const std::vector<std::string>& connector_ids);

// Jobs whose connector is not among `connector_ids` (spec §8.4; with no ids, every job).
boost::json::object orphaned_jobs_query(const std::vector<std::string>& connector_ids);

// Jobs of these connectors `in_progress` or `canceling` not seen for `idle_after` (spec §8.4).
boost::json::object idle_jobs_query(const std::vector<std::string>& connector_ids,
                                    std::chrono::seconds idle_after);

// In-flight jobs (`in_progress`, `canceling`) of one connector: whether its lock is live.
boost::json::object running_jobs_of_connector_query(const std::string& connector_id);

}  // namespace ei::service
