#pragma once

// A broadcast wake-up for coroutines on one executor, in place of the never-expiring timer
// each waiter used to build. wait() suspends until the next notify_all(), or until the
// waiting coroutine is cancelled; it keeps no state, so a waiter loops on its own
// condition: `while (!ready) co_await event.wait();`.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ei::core {

class AsyncEvent {
 public:
  explicit AsyncEvent(boost::asio::any_io_executor executor)
      : timer_(std::move(executor), boost::asio::steady_timer::time_point::max()) {}

  boost::asio::awaitable<void> wait() {
    boost::system::error_code ignored;  // operation_aborted is the wake-up itself
    co_await timer_.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
  }

  // Wakes every coroutine waiting now; later waits wait for the next call.
  void notify_all() { timer_.cancel(); }

 private:
  boost::asio::steady_timer timer_;  // never expires: cancel() is the wake-up
};

}  // namespace ei::core
