#pragma once

// The orphaned-jobs decision of the cleanup service (spec §19.1), pure.

#include <set>
#include <string>
#include <vector>

#include "protocol/connector.hpp"
#include "protocol/sync_job.hpp"

namespace ei::service {

struct OrphanCleanup {
  std::vector<std::string> job_ids;       // jobs whose connector is gone
  std::set<std::string> content_indices;  // their indices no existing connector uses
};

// `connectors`: every connector document; `jobs`: the jobs found by the orphaned query. A job
// whose connector does exist is not orphaned (the query and the list may disagree when the
// connectors changed in between).
OrphanCleanup plan_orphan_cleanup(const std::vector<protocol::Connector>& connectors,
                                  const std::vector<protocol::SyncJob>& jobs);

}  // namespace ei::service
