#pragma once

#include <boost/asio/awaitable.hpp>
#include <exception>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "service/error_budget.hpp"
#include "service/interruptible_sleep.hpp"
#include "service/service_context.hpp"

namespace ei::service {

// Raised out of a service loop when its error budget is spent (spec §20).
class ErrorBudgetExceeded : public core::Error {
 public:
  using core::Error::Error;
};

// What the schedule, execute and cleanup services have in common (spec §9.1, §10.1, §19,
// §20): a loop that runs while not stopped, sleeps interruptibly between passes, and charges
// each caught error to its budget.
class LoopService {
 public:
  LoopService(ServiceContext& context, std::string name);
  virtual ~LoopService() = default;
  LoopService(const LoopService&) = delete;
  LoopService& operator=(const LoopService&) = delete;

  const std::string& name() const { return name_; }

  // Runs until stop(); throws ErrorBudgetExceeded when too many errors were caught.
  virtual boost::asio::awaitable<void> run() = 0;

  // Idempotent: leave the loop at the next check, end the current sleep now.
  virtual void stop();
  bool running() const { return running_; }

 protected:
  // Logs the error (CRITICAL) and charges the budget; throws ErrorBudgetExceeded when spent.
  void charge_error(std::string_view what, const std::exception& error);
  boost::asio::awaitable<void> idle(std::chrono::duration<double> duration);

  ServiceContext& context_;

 private:
  std::string name_;
  bool running_ = true;
  ErrorBudget budget_;
  InterruptibleSleep sleep_;
};

}  // namespace ei::service
