#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>

namespace ei::service {

// A sleep that wake() ends early: how a stopping service leaves its idle wait at once
// (spec §2.4).
class InterruptibleSleep {
 public:
  explicit InterruptibleSleep(boost::asio::any_io_executor executor) : timer_(executor) {}

  // Returns after `duration`, or as soon as wake() is called (also when it was called before
  // and not consumed). Never throws for the wake-up.
  boost::asio::awaitable<void> sleep(std::chrono::steady_clock::duration duration);
  void wake();

 private:
  boost::asio::steady_timer timer_;
  bool woken_ = false;
};

}  // namespace ei::service
