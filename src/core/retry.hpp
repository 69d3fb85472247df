#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <type_traits>

#include "core/backoff.hpp"

namespace ei::core {

// How long to wait after failed attempt k (1-based) in the reference's retry decorator
// (spec §22): interval·k, interval^k (interval in seconds) or interval.
enum class RetryStrategy { linear, exponential, constant };

struct RetryPolicy {
  int attempts = 3;  // in total, the first one included
  std::chrono::milliseconds interval{std::chrono::seconds(1)};
  RetryStrategy strategy = RetryStrategy::linear;

  std::chrono::milliseconds delay_after(int failed_attempt) const;
};

// Decides whether an error is worth another attempt; unset means every error is.
using RetryPredicate = std::function<bool(const std::exception&)>;

namespace detail {

bool is_cancellation(const std::exception& error);

// Runs make_attempt() until it succeeds; after each failure asks next_delay(failures so far)
// for a delay, and rethrows when it gives none. Cancellation is never retried.
template <typename MakeAttempt, typename NextDelay,
          typename Awaitable = std::invoke_result_t<MakeAttempt&>>
Awaitable retry_loop(MakeAttempt make_attempt, NextDelay next_delay, RetryPredicate should_retry) {
  auto executor = co_await boost::asio::this_coro::executor;
  for (int failures = 0;;) {
    std::optional<std::chrono::milliseconds> delay;
    try {
      co_return co_await make_attempt();
    } catch (const std::exception& error) {
      ++failures;
      if (is_cancellation(error) || (should_retry && !should_retry(error))) throw;
      delay = next_delay(failures);
      if (!delay) throw;
    }
    // co_await is not allowed inside a handler, hence the wait out here.
    boost::asio::steady_timer timer(executor, *delay);
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
}

}  // namespace detail

// The reference's `retryable` for one call: up to policy.attempts attempts, sleeping
// policy.delay_after(k) after failure k. make_attempt() must return a fresh
// asio::awaitable<T> each time (a stream is retried from its beginning by the caller).
template <typename MakeAttempt>
auto retry(RetryPolicy policy, MakeAttempt make_attempt, RetryPredicate should_retry = {}) {
  return detail::retry_loop(
      std::move(make_attempt),
      [policy](int failures) -> std::optional<std::chrono::milliseconds> {
        if (failures >= policy.attempts) return std::nullopt;
        return policy.delay_after(failures);
      },
      std::move(should_retry));
}

// Retries with exponential backoff until the policy's total wait would exceed max_wait.
template <typename MakeAttempt>
auto retry_with_backoff(BackoffPolicy policy, MakeAttempt make_attempt,
                        RetryPredicate should_retry = {}) {
  return detail::retry_loop(
      std::move(make_attempt), [backoff = Backoff(policy)](int) mutable { return backoff.next(); },
      std::move(should_retry));
}

}  // namespace ei::core
