#include "sync/task_group.hpp"

#include <algorithm>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>

#include "core/logging.hpp"

namespace ei::sync {

namespace asio = boost::asio;

TaskGroup::TaskGroup(asio::any_io_executor executor, std::size_t limit, std::string name)
    : executor_(std::move(executor)),
      limit_(limit == 0 ? 1 : limit),
      name_(std::move(name)),
      changed_(executor_) {}

asio::awaitable<void> TaskGroup::wait_for_change() {
  co_await changed_.wait();
}

asio::awaitable<void> TaskGroup::acquire() {
  while (running_ >= limit_) co_await wait_for_change();
  ++running_;
}

void TaskGroup::spawn(asio::awaitable<void> task) {
  for (Signals::iterator released : released_) signals_.erase(released);
  released_.clear();
  signals_.emplace_back();
  auto signal = std::prev(signals_.end());
  asio::co_spawn(
      executor_, std::move(task),
      asio::bind_cancellation_slot(signal->slot(), [this, signal](std::exception_ptr error) {
        if (error) {
          try {
            std::rethrow_exception(error);
          } catch (const boost::system::system_error& e) {
            if (e.code() != asio::error::operation_aborted) {
              core::log().error("Exception found for task {}: {}", name_, e.what());
            }
          } catch (const std::exception& e) {
            core::log().error("Exception found for task {}: {}", name_, e.what());
          }
        }
        finished(signal);
      }));
}

void TaskGroup::finished(Signals::iterator signal) {
  --running_;
  released_.push_back(signal);
  changed_.notify_all();
}

asio::awaitable<void> TaskGroup::wait_all() {
  while (running_ > 0) co_await wait_for_change();
}

void TaskGroup::cancel_all() {
  for (Signals::iterator it = signals_.begin(); it != signals_.end(); ++it) {
    if (std::find(released_.begin(), released_.end(), it) != released_.end()) continue;
    it->emit(asio::cancellation_type::terminal);
  }
}

}  // namespace ei::sync
