#include "service/cleanup_plan.hpp"

namespace ei::service {

OrphanCleanup plan_orphan_cleanup(const std::vector<protocol::Connector>& connectors,
                                  const std::vector<protocol::SyncJob>& jobs) {
  std::set<std::string> connector_ids;
  std::set<std::string> used_indices;
  for (const auto& connector : connectors) {
    connector_ids.insert(connector.id);
    if (connector.index_name) used_indices.insert(*connector.index_name);
  }
  OrphanCleanup plan;
  for (const auto& job : jobs) {
    if (connector_ids.contains(job.connector.id)) continue;
    plan.job_ids.push_back(job.id);
    const auto& index = job.connector.index_name;
    if (index && !index->empty() && !used_indices.contains(*index))
      plan.content_indices.insert(*index);
  }
  return plan;
}

}  // namespace ei::service
