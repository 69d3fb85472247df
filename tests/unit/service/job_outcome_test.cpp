#include "service/job_outcome.hpp"

#include <gtest/gtest.h>

#include "protocol/connector_updates.hpp"
#include "protocol/job_updates.hpp"
#include "protocol/sync_job.hpp"

namespace ei::service {
namespace {

using protocol::JobStatus;
namespace json = boost::json;

sync::SyncResult finished(std::uint64_t indexed = 3) {
  sync::SyncResult result;
  result.counters.indexed_document_count = indexed;
  return result;
}

TEST(JobCounters, VolumeIsMebibytesRoundedHalfToEven) {
  sync::SyncCounters counters;
  counters.indexed_document_count = 7;
  counters.deleted_document_count = 2;
  counters.indexed_document_volume_bytes = 1024 * 1024 + 1024 * 512;  // 1.5 MiB → 2
  auto job = job_counters(counters);
  EXPECT_EQ(job.indexed_document_count, 7);
  EXPECT_EQ(job.deleted_document_count, 2);
  EXPECT_EQ(job.indexed_document_volume, 2);
  counters.indexed_document_volume_bytes = 1024 * 1024 * 2 + 1024 * 512;  // 2.5 MiB → 2
  EXPECT_EQ(job_counters(counters).indexed_document_volume, 2);
  counters.indexed_document_volume_bytes = 400 * 1024;  // 0.39 MiB → 0
  EXPECT_EQ(job_counters(counters).indexed_document_volume, 0);
}

TEST(RunOutcome, ACleanEndIsCompleted) {
  EXPECT_EQ(outcome_of(finished(), StopReason::none, std::nullopt),
            (RunOutcome{JobStatus::completed, std::nullopt}));
}

TEST(RunOutcome, AFetchErrorIsAnErrorWithItsText) {
  auto result = finished();
  result.fetch_error = "boom";
  EXPECT_EQ(outcome_of(result, StopReason::none, std::nullopt),
            (RunOutcome{JobStatus::error, std::string("boom")}));
}

TEST(RunOutcome, RejectedItemsFailTheJobNamingTheCountAndTheFirstReasons) {
  auto result = finished();
  result.counters.rejected_items = 5;
  result.rejected.push_back({"doc-1", "index", "mapper_parsing_exception", "failed to parse"});
  result.rejected.push_back({"doc-2", "index", "illegal_argument_exception", "too long"});
  auto outcome = outcome_of(result, StopReason::none, std::nullopt);
  EXPECT_EQ(outcome.status, JobStatus::error);
  ASSERT_TRUE(outcome.error);
  EXPECT_NE(outcome.error->find("5 documents were not indexed"), std::string::npos)
      << *outcome.error;
  EXPECT_NE(outcome.error->find("doc-1 (mapper_parsing_exception: failed to parse)"),
            std::string::npos)
      << *outcome.error;
  EXPECT_NE(outcome.error->find("doc-2"), std::string::npos);
}

TEST(RunOutcome, CancelRequestEndsCanceled) {
  auto result = finished();
  result.canceled = true;
  EXPECT_EQ(outcome_of(result, StopReason::cancel_requested, std::nullopt),
            (RunOutcome{JobStatus::canceled, std::nullopt}));
}

TEST(RunOutcome, ShutdownEndsSuspendedUnlessTheEngineHadAlreadyFinished) {
  auto stopped = finished();
  stopped.canceled = true;
  EXPECT_EQ(outcome_of(stopped, StopReason::shutdown, std::nullopt),
            (RunOutcome{JobStatus::suspended, std::nullopt}));
  EXPECT_EQ(outcome_of(finished(), StopReason::shutdown, std::nullopt),
            (RunOutcome{JobStatus::completed, std::nullopt}));
}

TEST(RunOutcome, AFailedJobCheckIsAnErrorWithTheCheckText) {
  auto result = finished();
  result.canceled = true;
  auto outcome = outcome_of(result, StopReason::job_check_failed,
                            std::string("Connector is not found for connector ID x."));
  EXPECT_EQ(outcome, (RunOutcome{JobStatus::error,
                                 std::string("Connector is not found for connector ID x.")}));
}

// The outcome table of spec §11.5, through the writes the runner makes: the job's terminal
// update and the connector's "sync done".
struct TableRow {
  JobStatus job_status;
  const char* connector_last_sync_status;
  const char* connector_status;
  bool completed_at;
};

class OutcomeTable : public ::testing::TestWithParam<TableRow> {};

TEST_P(OutcomeTable, JobAndConnectorFieldsFollowTheSpec) {
  const auto row = GetParam();
  const auto now = core::Clock::now();
  protocol::JobTermination termination;
  termination.status = row.job_status;
  if (row.job_status == JobStatus::error) termination.error = "failure text";
  termination.counters = protocol::JobCounters{4, 1, 2};
  auto job_update = protocol::job_termination_update(termination, now);
  EXPECT_EQ(job_update.at("status").as_string(), protocol::to_string(row.job_status));
  EXPECT_EQ(job_update.contains("completed_at"), row.completed_at);
  EXPECT_EQ(job_update.contains("canceled_at"), row.job_status == JobStatus::canceled);

  json::object stored{{"connector", {{"id", "c1"}}}, {"status", "in_progress"}};
  for (const auto& [key, value] : job_update) stored[key] = value;
  auto job = protocol::SyncJob::read("j1", stored);
  auto connector_update = protocol::sync_done_update(&job, now);
  EXPECT_EQ(connector_update.at("last_sync_status").as_string(), row.connector_last_sync_status);
  EXPECT_EQ(connector_update.at("status").as_string(), row.connector_status);
  // What a run ends in (spec §8.3): in_progress becomes one of these, or canceled.
  EXPECT_TRUE(row.job_status == JobStatus::completed || row.job_status == JobStatus::error ||
              row.job_status == JobStatus::suspended || row.job_status == JobStatus::canceled);
}

INSTANTIATE_TEST_SUITE_P(
    Spec, OutcomeTable,
    ::testing::Values(TableRow{JobStatus::completed, "completed", "connected", true},
                      TableRow{JobStatus::error, "error", "error", true},
                      TableRow{JobStatus::canceled, "canceled", "connected", true},
                      TableRow{JobStatus::suspended, "suspended", "connected", false}));

TEST(OutcomeTable, AVanishedJobLeavesTheConnectorInError) {
  auto update = protocol::sync_done_update(nullptr, core::Clock::now());
  EXPECT_EQ(update.at("last_sync_status").as_string(), "error");
  EXPECT_EQ(update.at("status").as_string(), "error");
  EXPECT_EQ(update.at("error").as_string(), "Couldn't find the job");
}

}  // namespace
}  // namespace ei::service
