#pragma once

#include <boost/asio/any_io_executor.hpp>

namespace ei::source {

// What a source instance gets from the service besides its configuration.
struct SourceContext {
  // The event loop: every coroutine of the source runs here.
  boost::asio::any_io_executor executor;
  // A thread pool for blocking calls (file reads, blocking drivers), awaited through
  // run_blocking so the loop never blocks.
  boost::asio::any_io_executor blocking;
};

}  // namespace ei::source
