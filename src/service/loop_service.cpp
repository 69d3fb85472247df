#include "service/loop_service.hpp"

#include <fmt/format.h>

#include "core/logging.hpp"

namespace ei::service {

LoopService::LoopService(ServiceContext& context, std::string name)
    : context_(context),
      name_(std::move(name)),
      budget_(context.config.service.max_errors, context.config.service.max_errors_span),
      sleep_(context.executor) {}

void LoopService::stop() {
  running_ = false;
  sleep_.wake();
}

void LoopService::charge_error(std::string_view what, const std::exception& error) {
  core::log().critical("{}: {}", what, error.what());
  if (budget_.charge()) {
    throw ErrorBudgetExceeded(fmt::format(
        "The {} service stops: more than {} errors within {} seconds (service.max_errors, "
        "service.max_errors_span); the last one: {}",
        name_, context_.config.service.max_errors, context_.config.service.max_errors_span.count(),
        error.what()));
  }
}

boost::asio::awaitable<void> LoopService::idle(std::chrono::duration<double> duration) {
  if (!running_) co_return;
  auto wait = std::chrono::duration_cast<std::chrono::steady_clock::duration>(duration);
  co_await sleep_.sleep(wait);
}

}  // namespace ei::service
