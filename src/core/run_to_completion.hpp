#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <utility>

namespace ei::core {

// Runs one coroutine to its end on an io_context that the caller owns and nothing else runs
// (tests, benchmarks, one-shot tools): the context is restarted and run until it has no work
// left, then the coroutine's result is returned or its exception rethrown.
template <class T>
T run_to_completion(boost::asio::io_context& io, boost::asio::awaitable<T> task) {
  auto result = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
  io.restart();
  io.run();
  return result.get();
}

}  // namespace ei::core
