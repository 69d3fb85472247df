#include "service/schedule_decision.hpp"

#include <gtest/gtest.h>

namespace ei::service {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

core::TimePoint at(const char* iso) {
  return *core::parse_iso8601(iso);
}

protocol::Connector connector(json::object source) {
  return protocol::Connector::read("c1", std::move(source));
}

TEST(Heartbeat, DueWhenNeverSeen) {
  EXPECT_TRUE(heartbeat_due(connector({}), at("2024-01-01T00:00:00Z"), 300s));
}

TEST(Heartbeat, DueOnlyAfterTheHeartbeatInterval) {
  auto c = connector({{"last_seen", "2024-01-01T00:00:00+00:00"}});
  EXPECT_FALSE(heartbeat_due(c, at("2024-01-01T00:04:59Z"), 300s));
  EXPECT_FALSE(heartbeat_due(c, at("2024-01-01T00:05:00Z"), 300s));
  EXPECT_TRUE(heartbeat_due(c, at("2024-01-01T00:05:01Z"), 300s));
}

TEST(ScheduleDecision, DisabledSchedulingNeverFires) {
  auto c = connector({{"scheduling", {{"enabled", false}, {"interval", "* * * * * ?"}}}});
  EXPECT_TRUE(std::holds_alternative<ScheduleNotEnabled>(
      decide_schedule(c, at("2024-01-01T00:00:00Z"), 30s)));
}

TEST(ScheduleDecision, DueWhenTheNextFireIsWithinIdling) {
  auto c = connector({{"scheduling", {{"enabled", true}, {"interval", "0 0 * * * ?"}}}});
  auto decision = decide_schedule(c, at("2024-01-01T00:59:40Z"), 30s);
  ASSERT_TRUE(std::holds_alternative<ScheduleDue>(decision));
  EXPECT_EQ(std::get<ScheduleDue>(decision).next_fire, at("2024-01-01T01:00:00Z"));
}

TEST(ScheduleDecision, NotDueWhenTheNextFireIsBeyondIdling) {
  auto c = connector({{"scheduling", {{"enabled", true}, {"interval", "0 0 * * * ?"}}}});
  auto decision = decide_schedule(c, at("2024-01-01T00:59:00Z"), 30s);
  ASSERT_TRUE(std::holds_alternative<ScheduleNotDue>(decision));
  EXPECT_EQ(std::get<ScheduleNotDue>(decision).due_in, 60s);
}

TEST(ScheduleDecision, AFutureLastScheduledAtMeansAnotherInstanceScheduledIt) {
  auto c = connector({{"scheduling", {{"enabled", true}, {"interval", "* * * * * ?"}}},
                      {"last_sync_scheduled_at", "2024-01-01T01:00:00"}});
  EXPECT_TRUE(std::holds_alternative<ScheduledByAnotherInstance>(
      decide_schedule(c, at("2024-01-01T00:59:50Z"), 30s)));
  // Once that time has passed, the schedule is evaluated again.
  EXPECT_TRUE(
      std::holds_alternative<ScheduleDue>(decide_schedule(c, at("2024-01-01T01:00:01Z"), 30s)));
}

TEST(ScheduleDecision, TheNextFireIsStrictlyAfterNow) {
  auto c = connector({{"scheduling", {{"enabled", true}, {"interval", "0 * * * * ?"}}}});
  auto decision = decide_schedule(c, at("2024-01-01T00:00:00Z"), 1s);
  ASSERT_TRUE(std::holds_alternative<ScheduleNotDue>(decision));
  EXPECT_EQ(std::get<ScheduleNotDue>(decision).due_in, 60s);
}

TEST(ScheduleDecision, AnInvalidExpressionIsAConnectorErrorNamingIt) {
  auto c = connector({{"scheduling", {{"enabled", true}, {"interval", "0 0 0 ? * 8"}}}});
  auto decision = decide_schedule(c, at("2024-01-01T00:00:00Z"), 30s);
  ASSERT_TRUE(std::holds_alternative<ScheduleInvalid>(decision));
  EXPECT_NE(std::get<ScheduleInvalid>(decision).message.find("0 0 0 ? * 8"), std::string::npos);
}

TEST(ScheduleDecision, AnExpressionThatNeverFiresIsAnError) {
  auto c = connector({{"scheduling", {{"enabled", true}, {"interval", "0 0 0 30 2 ?"}}}});
  EXPECT_TRUE(
      std::holds_alternative<ScheduleInvalid>(decide_schedule(c, at("2024-01-01T00:00:00Z"), 30s)));
}

TEST(ScheduleDecision, LeapDayScheduleFiresOnlyInLeapYears) {
  auto c = connector({{"scheduling", {{"enabled", true}, {"interval", "0 0 0 29 2 ? *"}}}});
  auto decision = decide_schedule(c, at("2023-03-01T00:00:00Z"), 30s);
  ASSERT_TRUE(std::holds_alternative<ScheduleNotDue>(decision));
  auto due = decide_schedule(c, at("2024-02-28T23:59:45Z"), 30s);
  ASSERT_TRUE(std::holds_alternative<ScheduleDue>(due));
  EXPECT_EQ(std::get<ScheduleDue>(due).next_fire, at("2024-02-29T00:00:00Z"));
}

}  // namespace
}  // namespace ei::service
