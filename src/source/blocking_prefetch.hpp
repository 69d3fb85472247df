#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "core/async_event.hpp"

namespace ei::source {

// A blocking function started on the pool at once, its result taken later on the loop:
// how a source reads its next batch while the loop still works on the current one
// (run_blocking starts only when awaited). The function runs to its end even when nobody
// takes the result. Not cancellable, for the same reason as run_blocking.
template <typename T>
class BlockingPrefetch {
 public:
  template <typename Function>
  BlockingPrefetch(boost::asio::any_io_executor pool, boost::asio::any_io_executor loop,
                   Function function)
      : state_(std::make_shared<State>(loop)) {
    static_assert(std::is_same_v<std::invoke_result_t<Function&>, T>);
    // Tracked: the loop does not run out of work (and its io_context is not torn down)
    // while the function still has a result to hand over.
    boost::asio::any_io_executor tracked =
        boost::asio::prefer(loop, boost::asio::execution::outstanding_work.tracked);
    boost::asio::post(pool, [state = state_, loop = std::move(tracked),
                             function = std::move(function)]() mutable {
      std::optional<T> value;
      std::exception_ptr error;
      try {
        value.emplace(function());
      } catch (...) {
        error = std::current_exception();
      }
      // The result is handed over on the loop, the only thread that touches the state.
      boost::asio::post(loop,
                        [state = std::move(state), value = std::move(value), error]() mutable {
                          state->value = std::move(value);
                          state->error = error;
                          state->done = true;
                          state->ready.notify_all();
                        });
    });
  }

  BlockingPrefetch(BlockingPrefetch&&) noexcept = default;
  BlockingPrefetch& operator=(BlockingPrefetch&&) noexcept = default;

  // Waits for the function on the loop; returns what it returned or rethrows what it
  // threw. Call once.
  boost::asio::awaitable<T> take() {
    std::shared_ptr<State> state = state_;
    while (!state->done) co_await state->ready.wait();
    if (state->error) std::rethrow_exception(state->error);
    co_return std::move(*state->value);
  }

 private:
  struct State {
    explicit State(const boost::asio::any_io_executor& loop) : ready(loop) {}
    core::AsyncEvent ready;  // notified when the result is in
    std::optional<T> value;
    std::exception_ptr error;
    bool done = false;
  };

  std::shared_ptr<State> state_;
};

}  // namespace ei::source
