#include "service/error_budget.hpp"

#include <gtest/gtest.h>

namespace ei::service {
namespace {

using namespace std::chrono_literals;
using Clock = ErrorBudget::Clock;

TEST(ErrorBudget, ToleratesMaxErrorsThenStopsOnTheNextOne) {
  const auto start = Clock::time_point{};
  ErrorBudget budget(3, 600s, start);
  EXPECT_FALSE(budget.charge(start + 1s));
  EXPECT_FALSE(budget.charge(start + 2s));
  EXPECT_FALSE(budget.charge(start + 3s));
  EXPECT_TRUE(budget.charge(start + 4s));
}

TEST(ErrorBudget, AnErrorAfterTheSpanRestartsTheWindow) {
  const auto start = Clock::time_point{};
  ErrorBudget budget(3, 10s, start);
  EXPECT_FALSE(budget.charge(start + 1s));
  EXPECT_FALSE(budget.charge(start + 2s));
  // After the span and within the budget: counted, then the window restarts from zero.
  EXPECT_FALSE(budget.charge(start + 11s));
  EXPECT_EQ(budget.errors(), 0);
  EXPECT_FALSE(budget.charge(start + 12s));
  EXPECT_FALSE(budget.charge(start + 13s));
  EXPECT_FALSE(budget.charge(start + 14s));
  EXPECT_TRUE(budget.charge(start + 15s));
}

TEST(ErrorBudget, SustainedErrorsStopAfterMaxPlusOneEvenAcrossTheSpan) {
  // An error every 30 s with max 20 in 600 s: the window never resets in time (spec §20).
  const auto start = Clock::time_point{};
  ErrorBudget budget(20, 600s, start);
  int charged = 0;
  bool stopped = false;
  while (!stopped && charged < 100) {
    ++charged;
    stopped = budget.charge(start + std::chrono::seconds(30 * charged));
  }
  EXPECT_TRUE(stopped);
  EXPECT_EQ(charged, 21);
}

TEST(ErrorBudget, ZeroMaxErrorsStopsAtTheFirstError) {
  ErrorBudget budget(0, 600s, Clock::time_point{});
  EXPECT_TRUE(budget.charge(Clock::time_point{} + 1s));
}

}  // namespace
}  // namespace ei::service
