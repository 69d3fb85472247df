#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
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
      boost::asio::use_awaitable);
}

}  // namespace ei::source
