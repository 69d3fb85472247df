#include "sources/rest/fan_out.hpp"

#include <boost/asio/this_coro.hpp>
#include <exception>
#include <memory>

#include "sync/task_group.hpp"

namespace ei::sources::rest {

namespace asio = boost::asio;

namespace {

asio::awaitable<void> guarded(std::function<asio::awaitable<void>(std::size_t)> task,
                              std::size_t index, std::shared_ptr<std::exception_ptr> first) {
  try {
    auto running = task(index);
    co_await std::move(running);
  } catch (...) {
    if (!*first) *first = std::current_exception();
  }
}

}  // namespace

asio::awaitable<void> for_each_concurrently(
    asio::any_io_executor executor, std::size_t count, std::size_t limit,
    std::function<asio::awaitable<void>(std::size_t)> task) {
  sync::TaskGroup group(executor, limit, "concurrent requests");
  auto first = std::make_shared<std::exception_ptr>();
  std::exception_ptr interrupted;
  try {
    for (std::size_t i = 0; i < count && !*first; ++i) {
      co_await group.acquire();
      group.spawn(guarded(task, i, first));
    }
    co_await group.wait_all();
  } catch (...) {
    interrupted = std::current_exception();
  }
  if (interrupted) {
    group.cancel_all();
    co_await asio::this_coro::reset_cancellation_state();
    co_await asio::this_coro::throw_if_cancelled(false);
    co_await group.wait_all();
    std::rethrow_exception(interrupted);
  }
  if (*first) std::rethrow_exception(*first);
}

}  // namespace ei::sources::rest
