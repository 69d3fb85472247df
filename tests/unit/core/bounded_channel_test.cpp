#include "core/bounded_channel.hpp"

#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <string>
#include <vector>

namespace ei::core {
namespace {

namespace asio = boost::asio;
using Channel = BoundedChannel<int>;

// Spawns a coroutine and records how it ended.
struct Outcome {
  bool finished = false;
  std::exception_ptr error;
};

template <typename Task>
std::shared_ptr<Outcome> spawn(asio::io_context& io, Task task,
                               asio::cancellation_signal* signal = nullptr) {
  auto outcome = std::make_shared<Outcome>();
  auto done = [outcome](std::exception_ptr error) {
    outcome->finished = true;
    outcome->error = error;
  };
  if (signal != nullptr) {
    asio::co_spawn(io, std::move(task), asio::bind_cancellation_slot(signal->slot(), done));
  } else {
    asio::co_spawn(io, std::move(task), done);
  }
  return outcome;
}

// Runs every ready handler; restarts first because a previous poll that ran out of work
// leaves the io_context stopped.
void settle(asio::io_context& io) {
  io.restart();
  io.poll();
}

bool is_aborted(std::exception_ptr error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const boost::system::system_error& e) {
    return e.code() == asio::error::operation_aborted;
  } catch (...) {
  }
  return false;
}

bool is_closed(std::exception_ptr error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const ChannelClosed&) {
    return true;
  } catch (...) {
  }
  return false;
}

// Sends the values in order, counting how many went in.
asio::awaitable<void> produce(Channel& channel, std::vector<int> values, std::size_t bytes,
                              int& sent) {
  for (int value : values) {
    co_await channel.send(value, bytes);
    ++sent;
  }
}

asio::awaitable<void> consume(Channel& channel, std::size_t count, std::vector<int>& received) {
  for (std::size_t i = 0; i < count; ++i) {
    auto item = co_await channel.receive();
    if (!item) co_return;
    received.push_back(*item);
  }
}

TEST(BoundedChannel, BackpressureByCount) {
  asio::io_context io;
  Channel channel(io.get_executor(), 2, 1'000'000);
  int sent = 0;
  auto producer = spawn(io, produce(channel, {1, 2, 3, 4, 5}, 1, sent));
  settle(io);
  EXPECT_EQ(sent, 2);
  EXPECT_EQ(channel.size(), 2u);
  EXPECT_FALSE(producer->finished);

  std::vector<int> received;
  spawn(io, consume(channel, 1, received));
  settle(io);
  EXPECT_EQ(received, std::vector<int>{1});
  EXPECT_EQ(sent, 3);  // one slot freed, one more item in
  EXPECT_EQ(channel.size(), 2u);

  spawn(io, consume(channel, 4, received));
  settle(io);
  EXPECT_EQ(received, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_TRUE(producer->finished);
  EXPECT_FALSE(producer->error);
}

TEST(BoundedChannel, BackpressureByBytes) {
  asio::io_context io;
  Channel channel(io.get_executor(), 100, 100);
  int sent = 0;
  spawn(io, [&]() -> asio::awaitable<void> {
    co_await channel.send(1, 50);
    ++sent;
    co_await channel.send(2, 40);  // 90 < 100
    ++sent;
    co_await channel.send(3, 10);  // 90 + 10 >= 100: full (MemQueue semantics)
    ++sent;
  });
  settle(io);
  EXPECT_EQ(sent, 2);
  EXPECT_EQ(channel.bytes(), 90u);

  EXPECT_EQ(channel.try_receive(), 1);  // frees 50 bytes: 40 + 10 fits
  settle(io);
  EXPECT_EQ(sent, 3);
  EXPECT_EQ(channel.bytes(), 50u);
}

TEST(BoundedChannel, OversizedItemIsAdmittedAloneIntoAnEmptyChannel) {
  asio::io_context io;
  Channel channel(io.get_executor(), 10, 10);
  int sent = 0;
  auto producer = spawn(io, produce(channel, {1, 2}, 1000, sent));
  settle(io);
  EXPECT_EQ(sent, 1);
  EXPECT_EQ(channel.bytes(), 1000u);
  int small = 0;
  EXPECT_FALSE(channel.try_send(small, 1));  // not empty and over the limit

  std::vector<int> received;
  spawn(io, consume(channel, 2, received));
  settle(io);
  EXPECT_EQ(received, (std::vector<int>{1, 2}));
  EXPECT_TRUE(producer->finished);
}

TEST(BoundedChannel, ProducerConsumerKeepOrder) {
  asio::io_context io;
  Channel channel(io.get_executor(), 3, 1000);
  std::vector<int> values;
  for (int i = 0; i < 200; ++i) values.push_back(i);
  int sent = 0;
  std::vector<int> received;
  auto consumer = spawn(io, consume(channel, 1000, received));
  auto producer = spawn(io, [&]() -> asio::awaitable<void> {
    co_await produce(channel, values, 7, sent);
    channel.close();
  });
  io.run();
  EXPECT_EQ(received, values);
  EXPECT_TRUE(consumer->finished);
  EXPECT_TRUE(producer->finished);
  EXPECT_FALSE(producer->error);
}

TEST(BoundedChannel, WaitingSendersAreServedInArrivalOrder) {
  asio::io_context io;
  Channel channel(io.get_executor(), 1, 1000);
  int first = 0, second = 0, third = 0;
  spawn(io, produce(channel, {1}, 1, first));
  spawn(io, produce(channel, {2}, 1, second));
  spawn(io, produce(channel, {3}, 1, third));
  settle(io);
  EXPECT_EQ(first + second + third, 1);
  std::vector<int> received;
  spawn(io, consume(channel, 3, received));
  settle(io);
  EXPECT_EQ(received, (std::vector<int>{1, 2, 3}));
}

TEST(BoundedChannel, CloseDrainsThenEnds) {
  asio::io_context io;
  Channel channel(io.get_executor(), 10, 1000);
  int sent = 0;
  spawn(io, produce(channel, {1, 2}, 1, sent));
  settle(io);
  channel.close();
  EXPECT_TRUE(channel.closed());
  int late = 3;
  EXPECT_FALSE(channel.try_send(late, 1));

  std::vector<std::optional<int>> received;
  spawn(io, [&]() -> asio::awaitable<void> {
    for (int i = 0; i < 3; ++i) received.push_back(co_await channel.receive());
  });
  settle(io);
  EXPECT_EQ(received, (std::vector<std::optional<int>>{1, 2, std::nullopt}));
}

TEST(BoundedChannel, SendAfterCloseThrows) {
  asio::io_context io;
  Channel channel(io.get_executor(), 10, 1000);
  channel.close();
  int sent = 0;
  auto producer = spawn(io, produce(channel, {1}, 1, sent));
  settle(io);
  EXPECT_TRUE(is_closed(producer->error));
  EXPECT_EQ(sent, 0);
}

TEST(BoundedChannel, CloseWakesWaitingSendersAndReceivers) {
  asio::io_context io;
  Channel full(io.get_executor(), 1, 1000);
  Channel empty(io.get_executor(), 1, 1000);
  int sent = 0;
  auto producer = spawn(io, produce(full, {1, 2}, 1, sent));
  std::optional<int> got = 99;
  auto receiver = spawn(io, [&]() -> asio::awaitable<void> { got = co_await empty.receive(); });
  settle(io);
  EXPECT_FALSE(producer->finished);
  EXPECT_FALSE(receiver->finished);

  full.close();
  empty.close();
  settle(io);
  EXPECT_TRUE(is_closed(producer->error));
  EXPECT_EQ(sent, 1);
  EXPECT_TRUE(receiver->finished);
  EXPECT_FALSE(receiver->error);
  EXPECT_EQ(got, std::nullopt);
  EXPECT_EQ(full.try_receive(), 1);  // what went in before the close is still there
}

TEST(BoundedChannel, CancelledSendLeavesNothingBehind) {
  asio::io_context io;
  Channel channel(io.get_executor(), 1, 1000);
  int dummy = 0;
  spawn(io, produce(channel, {1}, 1, dummy));
  asio::cancellation_signal signal;
  int sent = 0;
  auto blocked = spawn(io, produce(channel, {2}, 1, sent), &signal);
  int third = 0;
  auto behind = spawn(io, produce(channel, {3}, 1, third));
  settle(io);
  EXPECT_FALSE(blocked->finished);

  signal.emit(asio::cancellation_type::terminal);
  settle(io);
  EXPECT_TRUE(is_aborted(blocked->error));
  EXPECT_EQ(sent, 0);

  std::vector<int> received;
  spawn(io, consume(channel, 2, received));
  settle(io);
  EXPECT_EQ(received, (std::vector<int>{1, 3}));  // 2 never went in
  EXPECT_TRUE(behind->finished);
}

TEST(BoundedChannel, CancelledReceiveTakesNothing) {
  asio::io_context io;
  Channel channel(io.get_executor(), 4, 1000);
  asio::cancellation_signal signal;
  std::optional<int> got;
  auto receiver = spawn(
      io, [&]() -> asio::awaitable<void> { got = co_await channel.receive(); }, &signal);
  settle(io);
  signal.emit(asio::cancellation_type::terminal);
  settle(io);
  EXPECT_TRUE(is_aborted(receiver->error));

  int value = 7;
  EXPECT_TRUE(channel.try_send(value, 1));
  EXPECT_EQ(channel.size(), 1u);  // not handed to the cancelled receiver
  EXPECT_EQ(channel.try_receive(), 7);
  EXPECT_EQ(got, std::nullopt);
}

TEST(BoundedChannel, SendUntilGivesUpAtItsDeadlineAndLeavesNothingBehind) {
  asio::io_context io;
  Channel channel(io.get_executor(), 1, 1000);
  int first = 1;
  ASSERT_TRUE(channel.try_send(first, 1));
  std::optional<bool> sent;
  const auto started = Channel::Clock::now();
  spawn(io, [&]() -> asio::awaitable<void> {
    sent = co_await channel.send_until(2, 1, started + std::chrono::milliseconds(20));
  });
  io.run();
  EXPECT_EQ(sent, false);
  EXPECT_GE(Channel::Clock::now() - started, std::chrono::milliseconds(20));
  EXPECT_EQ(channel.try_receive(), 1);
  EXPECT_EQ(channel.try_receive(), std::nullopt);  // 2 never went in
}

TEST(BoundedChannel, SendUntilSucceedsWhenRoomAppearsBeforeTheDeadline) {
  asio::io_context io;
  Channel channel(io.get_executor(), 1, 1000);
  int first = 1;
  ASSERT_TRUE(channel.try_send(first, 1));
  std::optional<bool> sent;
  spawn(io, [&]() -> asio::awaitable<void> {
    sent = co_await channel.send_until(2, 1, Channel::Clock::now() + std::chrono::seconds(30));
  });
  settle(io);
  EXPECT_EQ(sent, std::nullopt);
  EXPECT_EQ(channel.try_receive(), 1);
  settle(io);
  EXPECT_EQ(sent, true);
  EXPECT_EQ(channel.try_receive(), 2);
}

// The engine's enqueue when a canceled sync closes the queue: it must fail at once, not
// after the queue timeout (a job stayed in_progress for that minute).
TEST(BoundedChannel, SendUntilFailsAtOnceWhenTheChannelClosesOrIsClosed) {
  asio::io_context io;
  Channel channel(io.get_executor(), 1, 1000);
  int first = 1;
  ASSERT_TRUE(channel.try_send(first, 1));
  const auto deadline = Channel::Clock::now() + std::chrono::seconds(30);
  auto waiting =
      spawn(io, [&]() -> asio::awaitable<void> { co_await channel.send_until(2, 1, deadline); });
  settle(io);
  EXPECT_FALSE(waiting->finished);
  channel.close();
  settle(io);
  EXPECT_TRUE(is_closed(waiting->error));
  auto late =
      spawn(io, [&]() -> asio::awaitable<void> { co_await channel.send_until(3, 1, deadline); });
  settle(io);
  EXPECT_TRUE(is_closed(late->error));
}

TEST(BoundedChannel, CancelledSendUntilThrowsAborted) {
  asio::io_context io;
  Channel channel(io.get_executor(), 1, 1000);
  int first = 1;
  ASSERT_TRUE(channel.try_send(first, 1));
  asio::cancellation_signal signal;
  auto waiting = spawn(
      io,
      [&]() -> asio::awaitable<void> {
        co_await channel.send_until(2, 1, Channel::Clock::now() + std::chrono::seconds(30));
      },
      &signal);
  settle(io);
  signal.emit(asio::cancellation_type::terminal);
  settle(io);
  EXPECT_TRUE(is_aborted(waiting->error));
  EXPECT_EQ(channel.size(), 1u);
}

TEST(BoundedChannel, MovesOnlyItemsThrough) {
  asio::io_context io;
  BoundedChannel<std::unique_ptr<std::string>> channel(io.get_executor(), 2, 100);
  std::string got;
  spawn(io, [&]() -> asio::awaitable<void> {
    co_await channel.send(std::make_unique<std::string>("hello"), 5);
    auto item = co_await channel.receive();
    got = **item;
  });
  io.run();
  EXPECT_EQ(got, "hello");
  EXPECT_EQ(channel.bytes(), 0u);
}

}  // namespace
}  // namespace ei::core
