#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <type_traits>
#include <utility>

namespace ei::source {

// Runs a blocking function on `pool` (a thread pool's executor) and resumes the awaiting
// coroutine on its own executor with the result, or rethrows what the function threw: the
// analogue of asyncio's run_in_executor. The result type must be default-constructible
// (Asio's co_spawn needs it) unless it is void.
//
// A cancellation of the awaiting coroutine is not passed on: the function cannot be
// interrupted, and with Boost 1.81 passing it on is harmful. The signal would be emitted on
// the pool, racing the coroutine that runs there; when that coroutine then ends without
// having suspended, co_spawn's final post throws operation_aborted, so the result is never
// delivered and the awaiting coroutine never resumes. A sync canceled while a file was being
// read hung that way. The awaiting coroutine gets the result, and its next co_await throws
// if it was canceled.
//
// A plain function rather than a coroutine: GCC 12 destroys a coroutine's by-value
// parameter twice when the argument is a temporary with captures (a double release of a
// captured shared_ptr), so the function object goes straight into co_spawn's frame.
template <typename Function>
boost::asio::awaitable<std::invoke_result_t<Function&>> run_blocking(
    boost::asio::any_io_executor pool, Function function) {
  using Result = std::invoke_result_t<Function&>;
  return boost::asio::co_spawn(
      std::move(pool),
      [function = std::move(function)]() mutable -> boost::asio::awaitable<Result> {
        co_return function();
      },
      boost::asio::bind_cancellation_slot(boost::asio::cancellation_slot(),
                                          boost::asio::use_awaitable));
}

}  // namespace ei::source
