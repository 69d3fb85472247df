#pragma once

// Coroutines started in the background with at most `limit` running at once (spec §13.4's
// download pool, §13.7's bulk requests in flight): start() waits for a free slot,
// wait_all() for every task to finish, cancel_all() cancels them through their Asio
// cancellation slots. Single-threaded, like the rest of the engine. Tasks must handle their
// own errors: an exception escaping one is logged and otherwise ignored.
//
// Starting is two calls, `co_await acquire(); spawn(task);`, so that no awaitable is ever a
// temporary inside a co_await expression (GCC 12 destroys those twice).

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <cstddef>
#include <list>
#include <string>
#include <vector>

#include "core/async_event.hpp"

namespace ei::sync {

class TaskGroup {
 public:
  TaskGroup(boost::asio::any_io_executor executor, std::size_t limit, std::string name);
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;
  // Call wait_all() first: running tasks refer to the group.
  ~TaskGroup() = default;

  // Waits while `limit` tasks run, then reserves a slot for the next spawn().
  boost::asio::awaitable<void> acquire();
  // Starts `task` in the slot acquire() reserved.
  void spawn(boost::asio::awaitable<void> task);
  // Waits until no task runs. After a cancellation of the waiting coroutine it throws,
  // unless that coroutine disabled throw_if_cancelled.
  boost::asio::awaitable<void> wait_all();
  void cancel_all();

  std::size_t running() const { return running_; }

 private:
  using Signals = std::list<boost::asio::cancellation_signal>;

  boost::asio::awaitable<void> wait_for_change();
  void finished(Signals::iterator signal);

  boost::asio::any_io_executor executor_;
  std::size_t limit_;
  std::string name_;
  std::size_t running_ = 0;
  core::AsyncEvent changed_;  // notified whenever a task ends: waiters re-check
  Signals signals_;
  // Signals of finished tasks, released on the next start (not inside their completion).
  std::vector<Signals::iterator> released_;
};

}  // namespace ei::sync
