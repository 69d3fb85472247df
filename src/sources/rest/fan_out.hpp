#pragma once

// Requests a REST source makes side by side (one per issue of a search page, one per
// attachment listing), at most `limit` at a time, never blocking the loop.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <functional>

namespace ei::sources::rest {

// Runs `task(i)` for every i in [0, count), at most `limit` at once, and returns when all have
// ended. When tasks throw, the others still run to their end and the first exception is then
// rethrown. Cancelled while waiting, it cancels the tasks and waits for them before it throws,
// so that no task outlives the call.
boost::asio::awaitable<void> for_each_concurrently(
    boost::asio::any_io_executor executor, std::size_t count, std::size_t limit,
    std::function<boost::asio::awaitable<void>(std::size_t)> task);

}  // namespace ei::sources::rest
