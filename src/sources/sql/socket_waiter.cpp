#include "sources/sql/socket_waiter.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <variant>

namespace ei::sources::sql {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;

namespace {

enum Event { kReadable = 1, kWritable = 2, kTimeout = 4 };

asio::awaitable<int> wait_for(asio::posix::stream_descriptor& descriptor,
                              asio::posix::stream_descriptor::wait_type type, int event) {
  co_await descriptor.async_wait(type, asio::use_awaitable);
  co_return event;
}

asio::awaitable<int> sleep_for(std::chrono::milliseconds delay) {
  asio::steady_timer timer(co_await asio::this_coro::executor, delay);
  co_await timer.async_wait(asio::use_awaitable);
  co_return kTimeout;
}

template <typename Variant>
int event_of(const Variant& result) {
  return std::visit([](int event) { return event; }, result);
}

}  // namespace

SocketWaiter::SocketWaiter(asio::any_io_executor executor) : executor_(std::move(executor)) {}

SocketWaiter::~SocketWaiter() {
  forget();
}

void SocketWaiter::forget() {
  if (descriptor_ && descriptor_->is_open()) descriptor_->release();
  descriptor_.reset();
  fd_ = -1;
}

void SocketWaiter::watch(int fd) {
  if (descriptor_ && fd_ == fd) return;
  forget();
  descriptor_.emplace(executor_, fd);
  fd_ = fd;
}

asio::awaitable<SocketWaiter::Ready> SocketWaiter::wait(
    int fd, bool read, bool write, std::optional<std::chrono::milliseconds> timeout) {
  using Descriptor = asio::posix::stream_descriptor;
  int event = 0;
  if (fd < 0 || (!read && !write)) {
    auto sleeping = sleep_for(timeout.value_or(std::chrono::milliseconds(0)));
    event = co_await std::move(sleeping);
  } else {
    watch(fd);
    Descriptor& descriptor = *descriptor_;
    if (read && write && timeout) {
      auto r = wait_for(descriptor, Descriptor::wait_read, kReadable);
      auto w = wait_for(descriptor, Descriptor::wait_write, kWritable);
      auto t = sleep_for(*timeout);
      auto any = std::move(r) || std::move(w) || std::move(t);
      auto result = co_await std::move(any);
      event = event_of(result);
    } else if (read && write) {
      auto r = wait_for(descriptor, Descriptor::wait_read, kReadable);
      auto w = wait_for(descriptor, Descriptor::wait_write, kWritable);
      auto any = std::move(r) || std::move(w);
      auto result = co_await std::move(any);
      event = event_of(result);
    } else if (timeout) {
      auto io = wait_for(descriptor, read ? Descriptor::wait_read : Descriptor::wait_write,
                         read ? kReadable : kWritable);
      auto t = sleep_for(*timeout);
      auto any = std::move(io) || std::move(t);
      auto result = co_await std::move(any);
      event = event_of(result);
    } else {
      auto io = wait_for(descriptor, read ? Descriptor::wait_read : Descriptor::wait_write,
                         read ? kReadable : kWritable);
      event = co_await std::move(io);
    }
  }
  co_return Ready{(event & kReadable) != 0, (event & kWritable) != 0, (event & kTimeout) != 0};
}

}  // namespace ei::sources::sql
