#pragma once

#include <algorithm>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <cstddef>
#include <deque>
#include <optional>
#include <utility>

#include "core/error.hpp"

namespace ei::core {

// send() on a closed channel.
class ChannelClosed : public Error {
 public:
  ChannelClosed() : Error("channel closed") {}
};

// A FIFO between coroutines bounded by item count and by total bytes (the reference's
// MemQueue, spec §13.6). For an incoming item of size s the channel is full when it holds
// max_items, or when it is not empty and bytes + s >= max_bytes; an empty channel always
// takes one item, however large, so an oversized item cannot deadlock.
//
// Single-threaded: every coroutine using it runs on the one io_context thread. Waiting
// senders are served in arrival order. Both send() and receive() are cancellation-safe: a
// cancelled send() leaves nothing in the channel, a cancelled receive() takes nothing out;
// both then throw boost::system::system_error(operation_aborted). The channel must outlive
// the coroutines waiting on it.
template <typename T>
class BoundedChannel {
 public:
  using Clock = boost::asio::steady_timer::clock_type;

  BoundedChannel(boost::asio::any_io_executor executor, std::size_t max_items,
                 std::size_t max_bytes)
      : executor_(std::move(executor)),
        max_items_(std::max<std::size_t>(max_items, 1)),
        max_bytes_(max_bytes) {}

  BoundedChannel(const BoundedChannel&) = delete;
  BoundedChannel& operator=(const BoundedChannel&) = delete;

  // Waits while the channel is full. Throws ChannelClosed when the channel is (or gets)
  // closed before the item went in.
  boost::asio::awaitable<void> send(T item, std::size_t bytes) {
    co_await send_until(std::move(item), bytes, Clock::time_point::max());
  }

  // As send(), but gives up at `deadline`: false when the item had not gone in by then (it
  // is then not in the channel). A deadline on the send itself rather than a send raced
  // against a timer with awaitable operators: `||` waits for one *success*, so a send that
  // fails (channel closed) would still wait for the whole timeout.
  boost::asio::awaitable<bool> send_until(T item, std::size_t bytes, Clock::time_point deadline) {
    if (closed_) throw ChannelClosed();
    if (send_waiters_.empty() && !full_for(bytes)) {
      push(std::move(item), bytes);
      co_return true;
    }
    SendWaiter waiter{Waiter(executor_, deadline), std::move(item), bytes};
    send_waiters_.push_back(&waiter);
    const boost::system::error_code ended = co_await waiter.wait();
    if (!waiter.done) {
      std::erase(send_waiters_, &waiter);
      admit_waiting_senders();      // the ones behind it may fit now
      if (!ended) co_return false;  // the deadline passed
      throw boost::system::system_error(boost::asio::error::operation_aborted);
    }
    if (waiter.rejected) throw ChannelClosed();
    co_return true;
  }

  // Never waits; false when the item would have to wait (or the channel is closed).
  bool try_send(T& item, std::size_t bytes) {
    if (closed_ || !send_waiters_.empty() || full_for(bytes)) return false;
    push(std::move(item), bytes);
    return true;
  }

  // The next item, waiting for one; nothing once the channel is closed and drained.
  boost::asio::awaitable<std::optional<T>> receive() {
    if (std::optional<T> item = try_receive()) co_return item;
    if (closed_) co_return std::nullopt;
    ReceiveWaiter waiter{Waiter(executor_), std::nullopt};
    receive_waiters_.push_back(&waiter);
    co_await waiter.wait();
    if (!waiter.done) {
      std::erase(receive_waiters_, &waiter);
      throw boost::system::system_error(boost::asio::error::operation_aborted);
    }
    co_return std::move(waiter.item);
  }

  // Never waits; nothing when the channel is empty.
  std::optional<T> try_receive() {
    if (items_.empty()) return std::nullopt;
    Entry entry = std::move(items_.front());
    items_.pop_front();
    bytes_ -= entry.bytes;
    admit_waiting_senders();
    return std::move(entry.item);
  }

  // No more sends; receivers drain what is left, then get nothing. Waiting senders fail.
  void close() {
    if (closed_) return;
    closed_ = true;
    for (SendWaiter* waiter : std::exchange(send_waiters_, {})) {
      waiter->rejected = true;
      waiter->wake();
    }
    for (ReceiveWaiter* waiter : std::exchange(receive_waiters_, {})) waiter->wake();
  }

  bool closed() const { return closed_; }
  std::size_t size() const { return items_.size(); }
  std::size_t bytes() const { return bytes_; }
  bool empty() const { return items_.empty(); }
  std::size_t max_items() const { return max_items_; }
  std::size_t max_bytes() const { return max_bytes_; }

 private:
  struct Entry {
    T item;
    std::size_t bytes;
  };

  // A suspended coroutine parked on a timer that expires at its deadline (never, for most):
  // wake() cancels the timer after setting `done`; a cancellation of the coroutine or the
  // deadline also ends the wait but leaves `done` false, which is how they are told apart.
  struct Waiter {
    explicit Waiter(const boost::asio::any_io_executor& executor,
                    Clock::time_point deadline = Clock::time_point::max())
        : timer(executor) {
      timer.expires_at(deadline);
    }

    // No error: the deadline passed; operation_aborted: woken or cancelled.
    boost::asio::awaitable<boost::system::error_code> wait() {
      boost::system::error_code ended;
      co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ended));
      co_return ended;
    }

    void wake() {
      done = true;
      timer.cancel();
    }

    boost::asio::steady_timer timer;
    bool done = false;
  };

  struct SendWaiter : Waiter {
    SendWaiter(Waiter base, T value, std::size_t size)
        : Waiter(std::move(base)), item(std::move(value)), bytes(size) {}
    T item;
    std::size_t bytes;
    bool rejected = false;
  };

  struct ReceiveWaiter : Waiter {
    ReceiveWaiter(Waiter base, std::optional<T> value)
        : Waiter(std::move(base)), item(std::move(value)) {}
    std::optional<T> item;
  };

  bool full_for(std::size_t bytes) const {
    if (items_.size() >= max_items_) return true;
    return bytes_ > 0 && bytes_ + bytes >= max_bytes_;
  }

  // Hands the item to a waiting receiver if there is one (the buffer is then empty).
  void push(T item, std::size_t bytes) {
    if (!receive_waiters_.empty()) {
      ReceiveWaiter* receiver = receive_waiters_.front();
      receive_waiters_.pop_front();
      receiver->item = std::move(item);
      receiver->wake();
      return;
    }
    items_.push_back(Entry{std::move(item), bytes});
    bytes_ += bytes;
  }

  // Moves waiting senders' items in, in order, while they fit.
  void admit_waiting_senders() {
    while (!send_waiters_.empty() && !full_for(send_waiters_.front()->bytes)) {
      SendWaiter* sender = send_waiters_.front();
      send_waiters_.pop_front();
      push(std::move(sender->item), sender->bytes);
      sender->wake();
    }
  }

  boost::asio::any_io_executor executor_;
  std::size_t max_items_;
  std::size_t max_bytes_;
  std::deque<Entry> items_;
  std::size_t bytes_ = 0;
  bool closed_ = false;
  std::deque<SendWaiter*> send_waiters_;
  std::deque<ReceiveWaiter*> receive_waiters_;
};

}  // namespace ei::core
