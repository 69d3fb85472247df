#include "service/service_group.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/async_event.hpp"
#include "core/logging.hpp"

namespace ei::service {

namespace asio = boost::asio;

asio::awaitable<std::optional<std::string>> ServiceGroup::run(asio::any_io_executor executor) {
  std::size_t remaining = services_.size();
  std::optional<std::string> failure;
  core::AsyncEvent all_done(executor);
  for (auto& service : services_) {
    LoopService* current = service.get();
    asio::co_spawn(executor, current->run(), [&, current](std::exception_ptr error) {
      if (error) {
        std::string message;
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          message = e.what();
        }
        core::log().critical("The {} service ended: {}", current->name(), message);
        if (!failure) failure = message;
        stop();
      }
      if (--remaining == 0) all_done.notify_all();
    });
  }
  while (remaining > 0) co_await all_done.wait();
  co_return failure;
}

void ServiceGroup::stop() {
  for (auto& service : services_) service->stop();
}

}  // namespace ei::service
