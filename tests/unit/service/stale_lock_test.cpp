#include "service/stale_lock.hpp"

#include <gtest/gtest.h>

namespace ei::service {
namespace {

namespace json = boost::json;

protocol::Connector locked(std::int64_t seq_no, const char* last_sync_status = "in_progress") {
  return protocol::Connector::read("c1", json::object{{"last_sync_status", last_sync_status}},
                                   {seq_no, 1});
}

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

TEST(StaleLock, NotStaleBeforeItWasSuspected) {
  EXPECT_FALSE(lock_is_stale(locked(7), false, std::nullopt, Clock::now()));
}

TEST(StaleLock, StaleOnceLockedWithoutARunningJobForTheMinimumAge) {
  const auto since = Clock::time_point{} + 100s;
  EXPECT_FALSE(lock_is_stale(locked(7), false, since, since + 9s, 10s));
  EXPECT_TRUE(lock_is_stale(locked(7), false, since, since + 10s, 10s));
}

TEST(StaleLock, ARunningJobMeansSomeoneOwnsIt) {
  const auto since = Clock::time_point{} + 100s;
  EXPECT_FALSE(lock_is_stale(locked(7), true, since, since + 60s, 10s));
}

TEST(StaleLock, AnUnlockedConnectorIsNeverStale) {
  const auto since = Clock::time_point{} + 100s;
  EXPECT_FALSE(lock_is_stale(locked(7, "completed"), false, since, since + 60s, 10s));
}

TEST(StaleLock, TheReleaseRecordsTheInterruptedSync) {
  auto update = stale_lock_release_update();
  EXPECT_EQ(update.at("last_sync_status"), "error");
  EXPECT_EQ(update.at("status"), "error");
  EXPECT_EQ(update.at("last_sync_error"), update.at("error"));
}

}  // namespace
}  // namespace ei::service
