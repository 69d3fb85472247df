#pragma once

#include <chrono>
#include <cstdint>

namespace ei::service {

// The error budget of one service loop (spec §20): each caught error is charged; more than
// `max_errors` errors within the window stop the service. The window restarts only when an
// error arrives after `span` has passed since its start (the reference's rule, kept so a
// sustained failure still ends the process for the deployment to restart it).
class ErrorBudget {
 public:
  using Clock = std::chrono::steady_clock;

  ErrorBudget(std::int64_t max_errors, std::chrono::duration<double> span,
              Clock::time_point start = Clock::now())
      : max_errors_(max_errors), span_(span), window_start_(start) {}

  // Counts one error at `now`; true when the budget is exceeded (the service must stop).
  bool charge(Clock::time_point now = Clock::now());

  std::int64_t errors() const { return errors_; }

 private:
  std::int64_t max_errors_;
  std::chrono::duration<double> span_;
  Clock::time_point window_start_;
  std::int64_t errors_ = 0;
};

}  // namespace ei::service
