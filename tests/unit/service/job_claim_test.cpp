#include "service/job_claim.hpp"

#include <gtest/gtest.h>

namespace ei::service {
namespace {

namespace json = boost::json;

protocol::SyncJob job(const char* status, protocol::DocumentVersion version = {3, 1}) {
  return protocol::SyncJob::read(
      "j1", json::object{{"connector", {{"id", "c1"}}}, {"status", status}}, version);
}

TEST(Claimable, PendingAndSuspendedJobsWithAKnownVersion) {
  EXPECT_TRUE(claimable(job("pending")));
  EXPECT_TRUE(claimable(job("suspended")));
}

TEST(Claimable, RunningOrFinishedJobsAreNeverClaimedAgain) {
  for (const char* status : {"in_progress", "canceling", "canceled", "completed", "error"}) {
    EXPECT_FALSE(claimable(job(status))) << status;
  }
}

TEST(Claimable, WithoutAVersionTheClaimCouldNotBeConditional) {
  EXPECT_FALSE(claimable(job("pending", {})));
}

TEST(Claimable, AJobWithoutAReadableStatusIsNotRun) {
  auto broken = protocol::SyncJob::read("j1", json::object{{"connector", {{"id", "c1"}}}}, {1, 1});
  EXPECT_FALSE(claimable(broken));
}

}  // namespace
}  // namespace ei::service
