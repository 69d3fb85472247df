#include "service/interruptible_sleep.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ei::service {

namespace asio = boost::asio;

asio::awaitable<void> InterruptibleSleep::sleep(std::chrono::steady_clock::duration duration) {
  if (woken_) {
    woken_ = false;
    co_return;
  }
  timer_.expires_after(duration);
  auto [error] = co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  (void)error;  // operation_aborted: woken
  woken_ = false;
}

void InterruptibleSleep::wake() {
  woken_ = true;
  timer_.cancel();
}

}  // namespace ei::service
