#include "es/retry_plan.hpp"

#include <gtest/gtest.h>

using ei::core::BackoffPolicy;
using ei::es::RetryPlan;
using std::chrono::milliseconds;

namespace {
BackoffPolicy policy(long initial_ms, double multiplier, long max_wait_ms) {
  return BackoffPolicy{milliseconds(initial_ms), multiplier, milliseconds(max_wait_ms)};
}
}  // namespace

TEST(EsRetryPlan, RetryableStatuses) {
  for (long status : {429L, 502L, 503L, 504L}) EXPECT_TRUE(RetryPlan::retryable_status(status));
  for (long status : {200L, 201L, 400L, 401L, 403L, 404L, 409L, 500L, 501L}) {
    EXPECT_FALSE(RetryPlan::retryable_status(status)) << status;
  }
}

TEST(EsRetryPlan, OtherStatusesAreFinalAtOnce) {
  RetryPlan plan(3, policy(100, 2, 10000), true);
  EXPECT_FALSE(plan.after_status(400));
  EXPECT_EQ(plan.attempts(), 1);
}

TEST(EsRetryPlan, BacksOffUpToMaxRetries) {
  RetryPlan plan(3, policy(100, 2, 10000), true);
  EXPECT_EQ(plan.after_status(503), milliseconds(100));
  EXPECT_EQ(plan.after_transport_error(false), milliseconds(200));
  EXPECT_EQ(plan.after_status(429), milliseconds(400));
  EXPECT_FALSE(plan.after_status(429));  // the 4th attempt was the last
  EXPECT_EQ(plan.attempts(), 4);
  EXPECT_EQ(plan.waited(), milliseconds(700));
}

TEST(EsRetryPlan, NeverSleepsMoreThanMaxWait) {
  RetryPlan plan(10, policy(1000, 2, 3500), true);
  EXPECT_EQ(plan.after_transport_error(false), milliseconds(1000));
  EXPECT_EQ(plan.after_transport_error(false), milliseconds(2000));
  EXPECT_FALSE(plan.after_transport_error(false));  // 1 + 2 + 4 > 3.5 s
  EXPECT_EQ(plan.attempts(), 3);
}

TEST(EsRetryPlan, TimeoutsFollowRetryOnTimeout) {
  RetryPlan retrying(3, policy(10, 2, 1000), true);
  EXPECT_TRUE(retrying.after_transport_error(true));
  RetryPlan not_retrying(3, policy(10, 2, 1000), false);
  EXPECT_FALSE(not_retrying.after_transport_error(true));
  EXPECT_TRUE(not_retrying.after_transport_error(false));  // connection errors still retry
}

TEST(EsRetryPlan, ZeroRetries) {
  RetryPlan plan(0, policy(10, 2, 1000), true);
  EXPECT_FALSE(plan.after_status(503));
}
