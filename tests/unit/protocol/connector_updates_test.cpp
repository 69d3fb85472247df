#include "protocol/connector_updates.hpp"

#include <gtest/gtest.h>

#include "test_time.hpp"

namespace ei::protocol {
namespace {

namespace json = boost::json;
using testing::example_time;
using testing::kExampleIso;

SyncJob job_from(const char* text) {
  return SyncJob::read("job", json::parse(text).as_object());
}

TEST(ConnectorUpdates, Heartbeat) {
  EXPECT_EQ(heartbeat_update(example_time()), (json::object{{"last_seen", kExampleIso}}));
}

TEST(ConnectorUpdates, CustomConnectorSetupOfSpec93) {
  const json::object schema{{"host", json::object{{"value", ""}}}};
  EXPECT_EQ(custom_connector_setup_update("mysql", &schema),
            (json::object{{"service_type", "mysql"},
                          {"configuration", schema},
                          {"status", "needs_configuration"}}));
  // A configuration but no service type: only `service_type` is written.
  EXPECT_EQ(custom_connector_setup_update("mysql", nullptr),
            (json::object{{"service_type", "mysql"}}));
  EXPECT_EQ(custom_connector_setup_update(std::nullopt, &schema),
            (json::object{{"configuration", schema}, {"status", "needs_configuration"}}));
}

TEST(ConnectorUpdates, ConfigurationCompletionFilteringAndSyncNow) {
  const json::object entries{{"port", json::object{{"value", 1}}}};
  EXPECT_EQ(configuration_completion_update(entries), (json::object{{"configuration", entries}}));
  const json::array filtering{json::object{{"domain", "DEFAULT"}}};
  EXPECT_EQ(filtering_update(filtering), (json::object{{"filtering", filtering}}));
  EXPECT_EQ(sync_now_reset_update(), (json::object{{"sync_now", false}}));
}

TEST(ConnectorUpdates, ScheduledSyncIsWrittenNaive) {
  using namespace std::chrono;
  const core::TimePoint next = sys_days{year{2023} / 8 / 2} + hours{12};
  EXPECT_EQ(scheduled_sync_update(next),
            (json::object{{"last_sync_scheduled_at", "2023-08-02T12:00:00"}}));
}

TEST(ConnectorUpdates, SyncStartIsTheLockOfSpec103) {
  EXPECT_EQ(sync_start_update(), json::parse(R"({"last_sync_status": "in_progress",
      "last_sync_error": null, "status": "connected", "error": null})"));
  EXPECT_EQ(sync_start_update(JobType::incremental), sync_start_update(JobType::full));
  EXPECT_EQ(sync_start_update(JobType::access_control),
            json::parse(R"({"last_access_control_sync_status": "in_progress",
      "last_access_control_sync_error": null, "status": "connected", "error": null})"));
}

TEST(ConnectorUpdates, LockReleaseRestoresThePreviousValues) {
  const Connector before =
      Connector::read("c", json::parse(R"({"last_sync_status": "completed", "status": "error",
                           "error": "boom"})")
                               .as_object());
  EXPECT_EQ(sync_lock_release_update(before),
            json::parse(R"({"last_sync_status": "completed", "last_sync_error": null,
                            "status": "error", "error": "boom"})"));
}

TEST(ConnectorUpdates, SyncDoneCompletedJobOfSpec75) {
  const SyncJob job = job_from(R"({"status": "completed", "error": null,
      "indexed_document_count": 10001, "deleted_document_count": 2,
      "connector": {"id": "c"}})");
  EXPECT_EQ(sync_done_update(&job, example_time()),
            (json::object{{"last_sync_status", "completed"},
                          {"last_synced", kExampleIso},
                          {"last_sync_error", nullptr},
                          {"status", "connected"},
                          {"error", nullptr},
                          {"last_indexed_document_count", 10001},
                          {"last_deleted_document_count", 2}}));
}

TEST(ConnectorUpdates, SyncDoneErrorJobMirrorsTheError) {
  const SyncJob job = job_from(R"({"status": "error", "error": "Index search-x does not exist!",
      "indexed_document_count": 5, "connector": {"id": "c"}})");
  const json::object update = sync_done_update(&job, example_time());
  EXPECT_EQ(update.at("last_sync_status"), "error");
  EXPECT_EQ(update.at("status"), "error");
  EXPECT_EQ(update.at("last_sync_error"), "Index search-x does not exist!");
  EXPECT_EQ(update.at("error"), "Index search-x does not exist!");
  EXPECT_EQ(update.at("last_indexed_document_count"), 5);
  EXPECT_EQ(update.at("last_deleted_document_count"), 0);
}

TEST(ConnectorUpdates, SyncDoneErrorWithoutTextIsUnknownError) {
  const SyncJob job = job_from(R"({"status": "error", "connector": {"id": "c"}})");
  const json::object update = sync_done_update(&job, example_time());
  EXPECT_EQ(update.at("last_sync_error"), "unknown error");
  EXPECT_EQ(update.at("error"), "unknown error");
}

TEST(ConnectorUpdates, SyncDoneSuspendedJobKeepsConnectedWithoutCounts) {
  const SyncJob job = job_from(R"({"status": "suspended", "indexed_document_count": 9,
      "connector": {"id": "c"}})");
  EXPECT_EQ(sync_done_update(&job, example_time()), (json::object{{"last_sync_status", "suspended"},
                                                                  {"last_synced", kExampleIso},
                                                                  {"last_sync_error", nullptr},
                                                                  {"status", "connected"},
                                                                  {"error", nullptr}}));
}

TEST(ConnectorUpdates, SyncDoneCanceledJobIsConnectedWithCounts) {
  const SyncJob job = job_from(R"({"status": "canceled", "connector": {"id": "c"}})");
  const json::object update = sync_done_update(&job, example_time());
  EXPECT_EQ(update.at("last_sync_status"), "canceled");
  EXPECT_EQ(update.at("status"), "connected");
  EXPECT_EQ(update.at("last_indexed_document_count"), 0);
}

TEST(ConnectorUpdates, SyncDoneWithoutAJob) {
  EXPECT_EQ(sync_done_update(nullptr, example_time()),
            (json::object{{"last_sync_status", "error"},
                          {"last_synced", kExampleIso},
                          {"last_sync_error", "Couldn't find the job"},
                          {"status", "error"},
                          {"error", "Couldn't find the job"}}));
}

TEST(ConnectorUpdates, SyncDoneAccessControlJobUsesItsOwnFields) {
  const SyncJob job = job_from(R"({"status": "completed", "job_type": "access_control",
      "connector": {"id": "c"}})");
  const json::object update = sync_done_update(&job, example_time());
  EXPECT_EQ(update.at("last_access_control_sync_status"), "completed");
  EXPECT_TRUE(update.at("last_access_control_sync_error").is_null());
  EXPECT_FALSE(update.contains("last_sync_status"));
}

TEST(ConnectorUpdates, ConnectorError) {
  EXPECT_EQ(connector_error_update("Could not instantiate x for mysql"),
            (json::object{{"status", "error"}, {"error", "Could not instantiate x for mysql"}}));
}

}  // namespace
}  // namespace ei::protocol
