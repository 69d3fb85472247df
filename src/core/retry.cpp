#include "core/retry.hpp"

#include <cmath>

namespace ei::core {

std::chrono::milliseconds RetryPolicy::delay_after(int failed_attempt) const {
  switch (strategy) {
    case RetryStrategy::linear:
      return interval * failed_attempt;
    case RetryStrategy::exponential: {
      const double seconds = std::pow(std::chrono::duration<double>(interval).count(),
                                      static_cast<double>(failed_attempt));
      return std::chrono::round<std::chrono::milliseconds>(std::chrono::duration<double>(seconds));
    }
    case RetryStrategy::constant:
      return interval;
  }
  return interval;
}

namespace detail {

bool is_cancellation(const std::exception& error) {
  const auto* system_error = dynamic_cast<const boost::system::system_error*>(&error);
  return system_error != nullptr && system_error->code() == boost::asio::error::operation_aborted;
}

}  // namespace detail

}  // namespace ei::core
