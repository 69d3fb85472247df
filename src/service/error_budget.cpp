#include "service/error_budget.hpp"

namespace ei::service {

bool ErrorBudget::charge(Clock::time_point now) {
  ++errors_;
  if (errors_ > max_errors_) return true;
  if (now - window_start_ > span_) {
    window_start_ = now;
    errors_ = 0;
  }
  return false;
}

}  // namespace ei::service
