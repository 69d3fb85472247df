#pragma once

// Test and benchmark setup that sends thousands of HTTP requests (loading objects into a
// store): make(i) for every i < count, `width` at a time on one io_context. Throws core::Error
// naming the first failure unless every answer is a success.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <string>

#include "core/error.hpp"
#include "core/run_to_completion.hpp"
#include "http/response.hpp"

namespace ei::testing {

template <class Make>
void send_concurrently(boost::asio::io_context& io, std::size_t count, Make make, int width = 16) {
  namespace asio = boost::asio;
  std::size_t next = 0;
  int running = 0;
  int failures = 0;
  std::string first_failure;
  const auto worker = [&]() -> asio::awaitable<void> {
    while (next < count) {
      const std::size_t i = next++;
      http::Response response = co_await make(i);
      if (!response.ok() && failures++ == 0) {
        first_failure = std::to_string(response.status) + " " + response.body;
      }
    }
    --running;
  };
  const auto all = [&]() -> asio::awaitable<void> {
    running = width;  // set first: a worker with nothing to do ends inside co_spawn
    for (int w = 0; w < width; ++w) asio::co_spawn(io, worker(), asio::detached);
    asio::steady_timer timer(io);
    while (running > 0) {
      timer.expires_after(std::chrono::milliseconds(5));
      co_await timer.async_wait(asio::use_awaitable);
    }
  };
  core::run_to_completion(io, all());
  if (failures > 0) {
    throw core::Error(std::to_string(failures) + " of " + std::to_string(count) +
                      " requests failed; the first: " + first_failure);
  }
}

}  // namespace ei::testing
