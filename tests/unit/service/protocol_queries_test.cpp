#include "service/protocol_queries.hpp"

#include <gtest/gtest.h>

namespace ei::service {
namespace {

namespace json = boost::json;

TEST(SupportedConnectorsQuery, BothModesMakeAShouldOfNativeAndCustom) {
  ConnectorSelection selection{{"dir", "mysql"}, std::string("my-connector")};
  auto query = supported_connectors_query(selection);
  ASSERT_TRUE(query);
  EXPECT_EQ(json::value(*query), json::parse(R"({"bool":{"should":[
    {"bool":{"filter":[{"term":{"is_native":true}},{"terms":{"service_type":["dir","mysql"]}}]}},
    {"bool":{"filter":[{"term":{"is_native":false}},{"terms":{"_id":["my-connector"]}}]}}]}})"));
}

TEST(SupportedConnectorsQuery, NativeOnly) {
  auto query = supported_connectors_query({{"dir"}, std::nullopt});
  ASSERT_TRUE(query);
  EXPECT_EQ(json::value(*query), json::parse(R"({"bool":{"filter":[{"term":{"is_native":true}},
    {"terms":{"service_type":["dir"]}}]}})"));
}

TEST(SupportedConnectorsQuery, ConnectorClientOnly) {
  auto query = supported_connectors_query({{}, std::string("abc")});
  ASSERT_TRUE(query);
  EXPECT_EQ(json::value(*query), json::parse(R"({"bool":{"filter":[{"term":{"is_native":false}},
    {"terms":{"_id":["abc"]}}]}})"));
}

TEST(SupportedConnectorsQuery, NothingConfiguredMeansNoConnectorAtAll) {
  EXPECT_FALSE(supported_connectors_query({}));
}

TEST(JobQueries, PendingJobsArePendingOrSuspendedOfTheConnectors) {
  EXPECT_EQ(json::value(pending_jobs_query({"a", "b"})),
            json::parse(R"({"bool":{"must":[{"terms":{"status":["pending","suspended"]}},
              {"terms":{"connector.id":["a","b"]}}]}})"));
}

TEST(JobQueries, OrphanedJobsAreThoseOfNoKnownConnector) {
  EXPECT_EQ(json::value(orphaned_jobs_query({"a"})),
            json::parse(R"({"bool":{"must_not":[{"terms":{"connector.id":["a"]}}]}})"));
}

TEST(JobQueries, IdleJobsAreRunningAndNotSeenForTheThreshold) {
  EXPECT_EQ(json::value(idle_jobs_query({"a"}, std::chrono::seconds(60))),
            json::parse(R"({"bool":{"filter":[{"terms":{"connector.id":["a"]}},
              {"terms":{"status":["in_progress","canceling"]}},
              {"range":{"last_seen":{"lte":"now-60s"}}}]}})"));
}

}  // namespace
}  // namespace ei::service
