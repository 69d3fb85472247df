#pragma once

#include <chrono>
#include <optional>

namespace ei::core {

// Exponential backoff: delays initial, initial*m, initial*m^2, ... until the total time
// spent waiting would exceed max_wait (config keys initial_backoff_duration,
// backoff_multiplier, max_wait_duration of the elasticsearch section).
struct BackoffPolicy {
  std::chrono::milliseconds initial{std::chrono::seconds(5)};
  double multiplier = 2.0;
  std::chrono::milliseconds max_wait{std::chrono::seconds(60)};
};

class Backoff {
 public:
  explicit Backoff(BackoffPolicy policy) : policy_(policy), next_(policy.initial) {}

  // The next delay, or nothing when waiting it would exceed the policy's max_wait.
  std::optional<std::chrono::milliseconds> next() {
    if (waited_ + next_ > policy_.max_wait) return std::nullopt;
    auto delay = next_;
    waited_ += delay;
    next_ = std::chrono::milliseconds(
        static_cast<long long>(static_cast<double>(next_.count()) * policy_.multiplier));
    return delay;
  }

  std::chrono::milliseconds waited() const { return waited_; }

 private:
  BackoffPolicy policy_;
  std::chrono::milliseconds next_;
  std::chrono::milliseconds waited_{0};
};

}  // namespace ei::core
