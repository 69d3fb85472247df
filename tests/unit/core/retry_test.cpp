#include "core/retry.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <stdexcept>
#include <vector>

#include "core/backoff.hpp"

namespace ei::core {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Spec §5.3: initial 1 s, ×2, max 120 s → pings at t ≈ 0, 1, 3, 7, 15, 31, 63.
TEST(Backoff, PreflightScheduleWithShippedValues) {
  Backoff backoff(BackoffPolicy{seconds(1), 2.0, seconds(120)});
  std::vector<long long> ping_times{0};
  while (auto delay = backoff.next()) {
    ping_times.push_back(ping_times.back() + std::chrono::duration_cast<seconds>(*delay).count());
  }
  EXPECT_EQ(ping_times, (std::vector<long long>{0, 1, 3, 7, 15, 31, 63}));
  EXPECT_EQ(backoff.waited(), seconds(63));
}

TEST(Backoff, CodeDefaults) {
  const BackoffPolicy defaults;
  EXPECT_EQ(defaults.initial, seconds(5));
  EXPECT_EQ(defaults.multiplier, 2.0);
  EXPECT_EQ(defaults.max_wait, seconds(60));
  Backoff backoff(defaults);
  EXPECT_EQ(backoff.next(), seconds(5));
  EXPECT_EQ(backoff.next(), seconds(10));
  EXPECT_EQ(backoff.next(), seconds(20));
  EXPECT_EQ(backoff.next(), std::nullopt);  // 35 + 40 > 60
}

TEST(Backoff, NothingWhenTheFirstDelayExceedsMaxWait) {
  Backoff backoff(BackoffPolicy{seconds(5), 2.0, seconds(1)});
  EXPECT_EQ(backoff.next(), std::nullopt);
}

TEST(RetryPolicy, LinearExponentialConstant) {
  const RetryPolicy linear{3, seconds(2), RetryStrategy::linear};
  EXPECT_EQ(linear.delay_after(1), seconds(2));
  EXPECT_EQ(linear.delay_after(2), seconds(4));
  const RetryPolicy exponential{4, seconds(3), RetryStrategy::exponential};
  EXPECT_EQ(exponential.delay_after(1), seconds(3));
  EXPECT_EQ(exponential.delay_after(2), seconds(9));
  EXPECT_EQ(exponential.delay_after(3), seconds(27));
  const RetryPolicy constant{3, milliseconds(1500), RetryStrategy::constant};
  EXPECT_EQ(constant.delay_after(1), milliseconds(1500));
  EXPECT_EQ(constant.delay_after(5), milliseconds(1500));
}

TEST(RetryPolicy, ReferenceDefaults) {
  const RetryPolicy defaults;
  EXPECT_EQ(defaults.attempts, 3);
  EXPECT_EQ(defaults.interval, seconds(1));
  EXPECT_EQ(defaults.strategy, RetryStrategy::linear);
}

// Runs the coroutine to completion and returns its result or rethrows its exception.
template <typename T>
T run(asio::io_context& io, asio::awaitable<T> task) {
  std::exception_ptr failure;
  std::optional<T> result;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr error, T value) {
    failure = error;
    if (!error) result = std::move(value);
  });
  io.run();
  io.restart();
  if (failure) std::rethrow_exception(failure);
  return std::move(*result);
}

TEST(Retry, SucceedsAfterFailuresWithLinearDelays) {
  asio::io_context io;
  int calls = 0;
  const auto start = std::chrono::steady_clock::now();
  const int value = run(io, retry(RetryPolicy{3, milliseconds(20)}, [&]() -> asio::awaitable<int> {
                          if (++calls < 3) throw std::runtime_error("flaky");
                          co_return 42;
                        }));
  EXPECT_EQ(value, 42);
  EXPECT_EQ(calls, 3);
  // 20 ms after the first failure, 40 ms after the second.
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(60));
}

TEST(Retry, GivesUpAfterTheLastAttemptWithTheLastError) {
  asio::io_context io;
  int calls = 0;
  auto task = retry(RetryPolicy{3, milliseconds(1), RetryStrategy::constant},
                    [&]() -> asio::awaitable<int> {
                      ++calls;
                      throw std::runtime_error("failure " + std::to_string(calls));
                      co_return 0;
                    });
  try {
    run(io, std::move(task));
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "failure 3");
  }
  EXPECT_EQ(calls, 3);
}

TEST(Retry, PredicateStopsRetries) {
  asio::io_context io;
  int calls = 0;
  auto task = retry(
      RetryPolicy{5, milliseconds(1)},
      [&]() -> asio::awaitable<int> {
        ++calls;
        throw std::logic_error("permanent");
        co_return 0;
      },
      [](const std::exception& error) {
        return dynamic_cast<const std::logic_error*>(&error) == nullptr;
      });
  EXPECT_THROW(run(io, std::move(task)), std::logic_error);
  EXPECT_EQ(calls, 1);
}

TEST(RetryWithBackoff, StopsWhenTheBackoffIsExhausted) {
  asio::io_context io;
  int calls = 0;
  // Delays 10, 20 (total 30); 40 more would exceed 50.
  auto task = retry_with_backoff(BackoffPolicy{milliseconds(10), 2.0, milliseconds(50)},
                                 [&]() -> asio::awaitable<int> {
                                   ++calls;
                                   throw std::runtime_error("down");
                                   co_return 0;
                                 });
  EXPECT_THROW(run(io, std::move(task)), std::runtime_error);
  EXPECT_EQ(calls, 3);
}

TEST(Retry, VoidAttempts) {
  asio::io_context io;
  int calls = 0;
  bool finished = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        co_await retry(RetryPolicy{2, milliseconds(1)}, [&]() -> asio::awaitable<void> {
          if (++calls == 1) throw std::runtime_error("once");
          co_return;
        });
        finished = true;
      },
      asio::detached);
  io.run();
  EXPECT_TRUE(finished);
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace ei::core
