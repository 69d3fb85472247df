#pragma once

#include <chrono>
#include <optional>

#include "core/backoff.hpp"

namespace ei::es {

// The retry decisions of one logical request (spec §5.2): 429, 502, 503, 504, connection
// errors and (when enabled) timeouts are retried, at most max_retries times after the first
// attempt, sleeping by the backoff policy; the total sleep never exceeds its max_wait.
// Everything else is final on the first attempt.
class RetryPlan {
 public:
  RetryPlan(int max_retries, core::BackoffPolicy policy, bool retry_on_timeout)
      : max_retries_(max_retries), retry_on_timeout_(retry_on_timeout), backoff_(policy) {}

  static bool retryable_status(long status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  // After an attempt answered with `status`: the delay before the next attempt, or nothing
  // to return this answer to the caller.
  std::optional<std::chrono::milliseconds> after_status(long status) {
    ++attempts_;
    if (!retryable_status(status)) return std::nullopt;
    return next_delay();
  }

  // After an attempt got no answer: the delay before the next attempt, or nothing to give up.
  std::optional<std::chrono::milliseconds> after_transport_error(bool timed_out) {
    ++attempts_;
    if (timed_out && !retry_on_timeout_) return std::nullopt;
    return next_delay();
  }

  int attempts() const { return attempts_; }
  std::chrono::milliseconds waited() const { return backoff_.waited(); }

 private:
  std::optional<std::chrono::milliseconds> next_delay() {
    if (attempts_ > max_retries_) return std::nullopt;
    return backoff_.next();
  }

  int max_retries_;
  bool retry_on_timeout_;
  core::Backoff backoff_;
  int attempts_ = 0;
};

}  // namespace ei::es
