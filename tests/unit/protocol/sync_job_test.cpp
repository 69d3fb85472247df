#include "protocol/sync_job.hpp"

#include <gtest/gtest.h>

#include "sample_documents.hpp"
#include "test_time.hpp"

namespace ei::protocol {
namespace {

namespace json = boost::json;
using testing::example_time;
using testing::kExampleIso;
using testing::sample_connector_source;

TEST(NewSyncJobDocument, IsExactlyTheCreationBodyOfSpec81) {
  const Connector connector = Connector::parse("conn-1", sample_connector_source());
  const json::object job =
      new_sync_job_document(connector, TriggerMethod::on_demand, example_time());

  json::object expected_connector{
      {"id", "conn-1"},
      // A deep copy of the active DEFAULT filter, every key kept.
      {"filtering", sample_connector_source().at("filtering").at(0).at("active")},
      {"index_name", "search-mongo"},
      {"language", "en"},
      {"pipeline", json::parse(R"({"name": "ent-search-generic-ingestion",
                                   "extract_binary_content": true, "reduce_whitespace": true,
                                   "run_ml_inference": true})")},
      {"service_type", "mongodb"},
      // The stored configuration verbatim (not completed, sensitive values included).
      {"configuration", sample_connector_source().at("configuration")}};
  json::object expected{{"connector", expected_connector},
                        {"trigger_method", "on_demand"},
                        {"status", "pending"},
                        {"indexed_document_count", 0},
                        {"indexed_document_volume", 0},
                        {"deleted_document_count", 0},
                        {"created_at", kExampleIso},
                        {"last_seen", kExampleIso}};
  EXPECT_EQ(job, expected);
  // Not written at creation (spec §8.1), nor job_type by 8.8.
  for (const char* absent :
       {"started_at", "completed_at", "canceled_at", "error", "worker_hostname",
        "total_document_count", "metadata", "cancelation_requested_at", "job_type"}) {
    EXPECT_FALSE(job.contains(absent)) << absent;
  }
}

TEST(NewSyncJobDocument, EmptyConnectorGivesNullsAndTheEmptyFilter) {
  const Connector connector = Connector::parse("c", json::object{});
  const json::object job =
      new_sync_job_document(connector, TriggerMethod::scheduled, example_time(), JobType::full);
  const json::object& snapshot = job.at("connector").as_object();
  EXPECT_EQ(snapshot.at("filtering"), json::parse(R"({"advanced_snippet": {}, "rules": []})"));
  EXPECT_TRUE(snapshot.at("index_name").is_null());
  EXPECT_TRUE(snapshot.at("language").is_null());
  EXPECT_TRUE(snapshot.at("service_type").is_null());
  EXPECT_EQ(snapshot.at("configuration"), json::object{});
  EXPECT_EQ(job.at("trigger_method"), "scheduled");
  EXPECT_EQ(job.at("job_type"), "full");  // only when asked for (8.9 form)
}

TEST(NewSyncJobDocument, SnapshotUsesTheEffectivePipeline) {
  const Connector connector = Connector::parse(
      "c",
      json::parse(R"({"pipeline": {"name": "custom", "run_ml_inference": null}})").as_object());
  const json::object job =
      new_sync_job_document(connector, TriggerMethod::on_demand, example_time());
  EXPECT_EQ(job.at("connector").at("pipeline"),
            json::parse(R"({"name": "custom", "extract_binary_content": true,
                            "reduce_whitespace": true, "run_ml_inference": null})"));
}

TEST(SyncJob, ReadsTheDocumentItWroteAndRoundTrips) {
  const Connector connector = Connector::parse("conn-1", sample_connector_source());
  const json::object source =
      new_sync_job_document(connector, TriggerMethod::on_demand, example_time());
  const SyncJob job = SyncJob::parse("job-1", source, DocumentVersion{3, 1});
  EXPECT_EQ(job.id, "job-1");
  EXPECT_EQ(job.version, (DocumentVersion{3, 1}));
  EXPECT_EQ(job.source, source);
  EXPECT_EQ(job.connector.id, "conn-1");
  EXPECT_EQ(job.connector.index_name, "search-mongo");
  EXPECT_EQ(job.connector.language, "en");
  EXPECT_EQ(job.connector.service_type, "mongodb");
  EXPECT_EQ(job.connector.pipeline, connector.pipeline);
  EXPECT_EQ(job.connector.configuration, connector.configuration);
  EXPECT_EQ(job.connector.filtering, connector.filtering.active_filter());
  EXPECT_EQ(job.trigger_method, TriggerMethod::on_demand);
  EXPECT_EQ(job.status, JobStatus::pending);
  EXPECT_EQ(job.counters, JobCounters{});
  EXPECT_EQ(job.created_at->text, kExampleIso);
  EXPECT_EQ(job.last_seen->time, example_time());
  EXPECT_EQ(job.started_at, std::nullopt);
  EXPECT_EQ(job.job_type, std::nullopt);
  EXPECT_EQ(job.effective_job_type(), JobType::full);  // an 8.8 job is a full sync
  EXPECT_FALSE(job.terminated());
}

TEST(SyncJob, ReadsEveryLifecycleFieldOfSpec82) {
  const SyncJob job = SyncJob::parse("j", json::parse(R"({
      "connector": {"id": "c", "filtering": {"rules": [], "advanced_snippet": {}},
                    "sync_cursor": {"cursor_timestamp": "2023-01-01T00:00:00+00:00"}},
      "trigger_method": "scheduled", "status": "canceled", "error": null,
      "cancelation_requested_at": "2023-08-02T10:00:00+00:00",
      "canceled_at": "2023-08-02T10:00:01+00:00",
      "completed_at": "2023-08-02T10:00:01+00:00",
      "created_at": "2023-08-02T09:00:00+00:00",
      "started_at": "2023-08-02T09:00:30+00:00",
      "last_seen": "2023-08-02T10:00:01+00:00",
      "indexed_document_count": 10001, "indexed_document_volume": 12,
      "deleted_document_count": 4, "total_document_count": 10001,
      "metadata": {"k": "v"}, "worker_hostname": "host-a", "job_type": "incremental"})")
                                              .as_object());
  EXPECT_EQ(job.status, JobStatus::canceled);
  EXPECT_TRUE(job.terminated());
  EXPECT_EQ(job.trigger_method, TriggerMethod::scheduled);
  EXPECT_EQ(job.error, std::nullopt);
  EXPECT_EQ(job.cancelation_requested_at->text, "2023-08-02T10:00:00+00:00");
  EXPECT_EQ(job.canceled_at->text, "2023-08-02T10:00:01+00:00");
  EXPECT_EQ(job.completed_at->text, "2023-08-02T10:00:01+00:00");
  EXPECT_EQ(job.started_at->text, "2023-08-02T09:00:30+00:00");
  EXPECT_EQ(job.counters, (JobCounters{10001, 12, 4}));
  EXPECT_EQ(job.total_document_count, 10001);
  EXPECT_EQ(job.metadata, (json::object{{"k", "v"}}));
  EXPECT_EQ(job.worker_hostname, "host-a");
  EXPECT_EQ(job.job_type, JobType::incremental);
  EXPECT_EQ(job.connector.sync_cursor,
            json::parse(R"({"cursor_timestamp": "2023-01-01T00:00:00+00:00"})"));
  EXPECT_EQ(job.connector.pipeline, Pipeline{});  // absent → defaults
}

TEST(SyncJob, AcceptsTheProtocolTextsFilteringArray) {
  // The protocol document shows an array of per-domain filters; 8.8 writes one object.
  const SyncJob job = SyncJob::parse("j", json::parse(R"({"status": "pending",
      "connector": {"id": "c", "filtering": [
          {"domain": "OTHER", "rules": [{"id": "x"}]},
          {"domain": "DEFAULT", "rules": [{"id": "y"}], "advanced_snippet": {"value": {"q": 1}}}]}})")
                                              .as_object());
  ASSERT_EQ(job.connector.filtering.basic_rules().size(), 1u);
  EXPECT_EQ(job.connector.filtering.basic_rules()[0].at("id"), "y");
  EXPECT_TRUE(job.connector.filtering.has_advanced_rules());
}

TEST(SyncJob, MalformedFieldsAreNamedWithTheJobId) {
  const json::object source = json::parse(R"({"status": "done", "trigger_method": 1,
      "connector": {"id": 7, "pipeline": {"extract_binary_content": "yes"}},
      "indexed_document_count": "many", "last_seen": 5})")
                                  .as_object();
  const SyncJob job = SyncJob::read("j1", source);
  EXPECT_EQ(job.status, JobStatus::error);  // unreadable status: the job must not run
  EXPECT_EQ(job.counters.indexed_document_count, 0);
  EXPECT_EQ(job.connector.pipeline.extract_binary_content, true);
  EXPECT_TRUE(job.has_problem_at("connector"));
  try {
    (void)SyncJob::parse("j1", source);
    FAIL() << "expected ProtocolError";
  } catch (const ProtocolError& error) {
    EXPECT_STREQ(error.what(),
                 "job j1: connector.id: expected a string, got 7; "
                 "connector.pipeline.extract_binary_content: expected a boolean, got \"yes\"; "
                 "trigger_method: expected a string, got 1; "
                 "status: unknown value \"done\" (expected one of pending, in_progress, "
                 "canceling, canceled, suspended, completed, error); "
                 "last_seen: expected an ISO 8601 date-time string, got 5; "
                 "indexed_document_count: expected an integer, got \"many\"");
  }
}

TEST(SyncJob, MissingStatusAndConnectorAreProblems) {
  const SyncJob job = SyncJob::read("j", json::object{});
  ASSERT_EQ(job.problems.size(), 2u);
  EXPECT_EQ(job.problems[0], (FieldProblem{"connector", "missing"}));
  EXPECT_EQ(job.problems[1], (FieldProblem{"status", "missing"}));
  EXPECT_EQ(job.status, JobStatus::error);
}

}  // namespace
}  // namespace ei::protocol
