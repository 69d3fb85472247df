#include "protocol/job_updates.hpp"

#include <gtest/gtest.h>

#include "protocol/protocol_error.hpp"
#include "test_time.hpp"

namespace ei::protocol {
namespace {

namespace json = boost::json;
using testing::example_time;
using testing::kExampleIso;

TEST(JobUpdates, ClaimOfSpec82) {
  EXPECT_EQ(job_claim_update(example_time(), "worker-1"),
            (json::object{{"status", "in_progress"},
                          {"started_at", kExampleIso},
                          {"last_seen", kExampleIso},
                          {"worker_hostname", "worker-1"}}));
  const json::value cursor = json::parse(R"({"cursor_timestamp": "t"})");
  EXPECT_EQ(job_claim_update(example_time(), "w", &cursor).at("connector"),
            (json::object{{"sync_cursor", cursor}}));
}

TEST(JobUpdates, Progress) {
  EXPECT_EQ(job_progress_update(example_time(), {10, 2, 3}),
            (json::object{{"last_seen", kExampleIso},
                          {"indexed_document_count", 10},
                          {"indexed_document_volume", 2},
                          {"deleted_document_count", 3}}));
}

TEST(JobUpdates, TerminateCompleted) {
  EXPECT_EQ(job_termination_update(
                {JobStatus::completed, std::nullopt, JobCounters{10001, 1, 0}, 10001, {}},
                example_time()),
            (json::object{{"last_seen", kExampleIso},
                          {"status", "completed"},
                          {"error", nullptr},
                          {"completed_at", kExampleIso},
                          {"indexed_document_count", 10001},
                          {"indexed_document_volume", 1},
                          {"deleted_document_count", 0},
                          {"total_document_count", 10001}}));
}

TEST(JobUpdates, TerminateErrorCarriesTheText) {
  const json::object update = job_termination_update(
      {JobStatus::error, std::string("Index search-x does not exist!"), JobCounters{}, {}, {}},
      example_time());
  EXPECT_EQ(update.at("error"), "Index search-x does not exist!");
  EXPECT_EQ(update.at("completed_at"), kExampleIso);
  EXPECT_FALSE(update.contains("canceled_at"));
  EXPECT_FALSE(update.contains("total_document_count"));  // connector not reloaded
}

TEST(JobUpdates, TerminateCanceledSetsBothTimes) {
  const json::object update = job_termination_update(
      {JobStatus::canceled, std::nullopt, JobCounters{}, 0, {}}, example_time());
  EXPECT_EQ(update.at("status"), "canceled");
  EXPECT_EQ(update.at("completed_at"), kExampleIso);
  EXPECT_EQ(update.at("canceled_at"), kExampleIso);
  EXPECT_TRUE(update.at("error").is_null());
}

TEST(JobUpdates, TerminateSuspendedHasNoCompletedAt) {
  const json::object update = job_termination_update(
      {JobStatus::suspended, std::string("ignored"), JobCounters{}, {}, {}}, example_time());
  EXPECT_EQ(update.at("status"), "suspended");
  EXPECT_TRUE(update.at("error").is_null());  // error text only for `error`
  EXPECT_FALSE(update.contains("completed_at"));
  EXPECT_FALSE(update.contains("canceled_at"));
}

TEST(JobUpdates, TerminateWritesMetadataOnlyWhenGiven) {
  JobTermination termination{JobStatus::completed, std::nullopt, std::nullopt, std::nullopt, {}};
  EXPECT_FALSE(job_termination_update(termination, example_time()).contains("metadata"));
  termination.metadata = json::object{{"k", 1}};
  EXPECT_EQ(job_termination_update(termination, example_time()).at("metadata"),
            (json::object{{"k", 1}}));
}

TEST(JobUpdates, TerminateRefusesNonFinalStatuses) {
  for (JobStatus status : {JobStatus::pending, JobStatus::in_progress, JobStatus::canceling}) {
    EXPECT_THROW((void)job_termination_update({status, {}, {}, {}, {}}, example_time()),
                 ProtocolError);
  }
}

TEST(JobUpdates, IdleJobFailureOfSpec192) {
  EXPECT_EQ(idle_job_failure_update(example_time()),
            (json::object{{"last_seen", kExampleIso},
                          {"status", "error"},
                          {"error", "The job has not seen any update for some time."},
                          {"completed_at", kExampleIso}}));
}

TEST(JobUpdates, CancelRequest) {
  EXPECT_EQ(job_cancel_request_update(example_time()),
            (json::object{{"status", "canceling"}, {"cancelation_requested_at", kExampleIso}}));
}

}  // namespace
}  // namespace ei::protocol
