#include "service/cleanup_plan.hpp"

#include <gtest/gtest.h>

namespace ei::service {
namespace {

namespace json = boost::json;

protocol::Connector connector(const std::string& id, const char* index) {
  json::object source{{"service_type", "dir"}, {"is_native", true}};
  if (index != nullptr) source["index_name"] = index;
  return protocol::Connector::read(id, source);
}

protocol::SyncJob job(const std::string& id, const std::string& connector_id, const char* index) {
  json::object snapshot{{"id", connector_id}};
  if (index != nullptr) snapshot["index_name"] = index;
  return protocol::SyncJob::read(id,
                                 json::object{{"connector", snapshot}, {"status", "completed"}});
}

TEST(OrphanCleanup, DeletesJobsOfMissingConnectorsAndTheirUnusedIndices) {
  auto plan = plan_orphan_cleanup({connector("c1", "search-live")},
                                  {job("j1", "gone", "search-gone"), job("j2", "gone2", nullptr)});
  EXPECT_EQ(plan.job_ids, (std::vector<std::string>{"j1", "j2"}));
  EXPECT_EQ(plan.content_indices, (std::set<std::string>{"search-gone"}));
}

TEST(OrphanCleanup, KeepsAnIndexAnotherConnectorStillUses) {
  auto plan =
      plan_orphan_cleanup({connector("c1", "search-shared")}, {job("j1", "gone", "search-shared")});
  EXPECT_EQ(plan.job_ids, (std::vector<std::string>{"j1"}));
  EXPECT_TRUE(plan.content_indices.empty());
}

TEST(OrphanCleanup, AJobWhoseConnectorExistsIsNotOrphaned) {
  auto plan = plan_orphan_cleanup({connector("c1", "search-a")}, {job("j1", "c1", "search-a")});
  EXPECT_TRUE(plan.job_ids.empty());
  EXPECT_TRUE(plan.content_indices.empty());
}

}  // namespace
}  // namespace ei::service
