// Bulk batching (spec §13.6-13.9): operations serialized once, batches cut by lines and by
// bytes, the queue bounded by count and bytes.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "core/bounded_channel.hpp"
#include "core/utf8.hpp"
#include "sync/bulk_batch.hpp"
#include "sync/queued_operation.hpp"

namespace ei::sync {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;

QueuedOperation index_of(int n, std::size_t padding = 10) {
  json::object document{{"id", std::to_string(n)}, {"body", std::string(padding, 'x')}};
  return index_operation("idx", std::to_string(n), document);
}

TEST(QueuedOperation, IndexIsTwoLinesAndItsSizeIsItsBytes) {
  json::object document{{"id", "a\"b"}, {"n", 1}};
  QueuedOperation operation = index_operation("my-index", "a\"b", document);
  EXPECT_EQ(operation.ndjson,
            "{\"index\":{\"_index\":\"my-index\",\"_id\":\"a\\\"b\"}}\n"
            "{\"id\":\"a\\\"b\",\"n\":1}\n");
  EXPECT_EQ(operation.lines(), 2u);
  EXPECT_EQ(operation.bytes(), operation.ndjson.size());
  EXPECT_EQ(operation.document_bytes, json::serialize(document).size());
  EXPECT_EQ(operation.id, "a\"b");
}

// A file name in Latin-1, say: the body must still be UTF-8 or Elasticsearch refuses it.
TEST(QueuedOperation, TextThatIsNotUtf8IsSentWithReplacementCharacters) {
  json::object document{{"path", "/data/caf\xE9.txt"},
                        {"nested", json::array{"ok", "bad \xC3"}},
                        {"k\xFF", 1},
                        {"title", "d\xC3\xA9j\xC3\xA0 vu"}};
  QueuedOperation operation = index_operation("i", "id1", document);
  EXPECT_TRUE(core::is_valid_utf8(operation.ndjson)) << operation.ndjson;
  const std::string source = operation.ndjson.substr(operation.ndjson.find('\n') + 1);
  const json::value sent = json::parse(source);
  EXPECT_EQ(sent.at("path"), json::value("/data/caf\xEF\xBF\xBD.txt"));
  EXPECT_EQ(sent.at("nested").at(1), json::value("bad \xEF\xBF\xBD"));
  EXPECT_EQ(sent.at("k\xEF\xBF\xBD"), json::value(1));
  EXPECT_EQ(sent.at("title"), json::value("d\xC3\xA9j\xC3\xA0 vu"));  // valid text kept
  EXPECT_EQ(operation.document_bytes, source.size() - 1);
}

TEST(QueuedOperation, DeleteIsOneLine) {
  QueuedOperation operation = delete_operation("i", "x");
  EXPECT_EQ(operation.ndjson, "{\"delete\":{\"_index\":\"i\",\"_id\":\"x\"}}\n");
  EXPECT_EQ(operation.lines(), 1u);
  EXPECT_EQ(operation.document_bytes, 0u);
}

TEST(BulkBatch, CutsByLinesSoIndexBatchesHoldHalfTheChunkSize) {
  BulkBatch batch(10, 1 << 20);
  int added = 0;
  while (!batch.full()) batch.add(index_of(added++));
  EXPECT_EQ(added, 5);
  EXPECT_EQ(batch.lines(), 10u);
  SealedBatch sealed = batch.take();
  EXPECT_EQ(sealed.items.size(), 5u);
  EXPECT_EQ(std::count(sealed.body.begin(), sealed.body.end(), '\n'), 10);
  EXPECT_TRUE(batch.empty());
  EXPECT_EQ(batch.bytes(), 0u);

  int deletes = 0;
  while (!batch.full()) batch.add(delete_operation("idx", std::to_string(deletes++)));
  EXPECT_EQ(deletes, 10);
}

TEST(BulkBatch, CutsWhenTheBytesExceedTheLimit) {
  const std::size_t one = index_of(0, 1000).bytes();
  BulkBatch batch(1000, 3 * one);  // more than three operations' bytes
  int added = 0;
  while (!batch.full()) batch.add(index_of(added++, 1000));
  EXPECT_EQ(added, 4);  // 3 * one is not "more than"; the fourth makes it so
  EXPECT_GT(batch.bytes(), 3 * one);
  SealedBatch sealed = batch.take();
  // The body is the operations' NDJSON, in order, each serialized once.
  std::string expected;
  for (int i = 0; i < 4; ++i) expected += index_of(i, 1000).ndjson;
  EXPECT_EQ(sealed.body, expected);
  EXPECT_EQ(sealed.items[2].id, "2");
  EXPECT_EQ(sealed.items[2].document_bytes, index_of(2, 1000).document_bytes);
}

TEST(BulkBatch, AnOversizedOperationIsABatchOfItsOwn) {
  BulkBatch batch(500, 100);
  batch.add(index_of(0, 500));
  EXPECT_TRUE(batch.full());
  EXPECT_EQ(batch.operations(), 1u);
}

// Added after small ones, an oversized operation would share their fate: a request too large
// for Elasticsearch (413) fails every item in it. The bulker sends what it holds first.
TEST(BulkBatch, AnOversizedOperationDoesNotJoinOthers) {
  BulkBatch batch(500, 1000);
  EXPECT_FALSE(batch.must_go_alone(index_of(0, 5000)));  // an empty batch takes it
  batch.add(index_of(1, 10));
  EXPECT_FALSE(batch.must_go_alone(index_of(2, 10)));
  EXPECT_TRUE(batch.must_go_alone(index_of(3, 5000)));
  EXPECT_FALSE(batch.full());
}

TEST(OperationQueue, BackpressureByCount) {
  asio::io_context io;
  core::BoundedChannel<QueuedOperation> queue(io.get_executor(), 3, 1 << 20);
  int sent = 0;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        for (int i = 0; i < 5; ++i) {
          QueuedOperation operation = index_of(i);
          const std::size_t bytes = operation.bytes();
          co_await queue.send(std::move(operation), bytes);
          ++sent;
        }
      },
      asio::detached);
  io.run_for(std::chrono::milliseconds(50));
  EXPECT_EQ(sent, 3);  // the producer waits on the full queue
  EXPECT_EQ(queue.size(), 3u);
  EXPECT_EQ(queue.try_receive()->id, "0");
  io.restart();
  io.run_for(std::chrono::milliseconds(50));
  EXPECT_EQ(sent, 4);
  queue.close();
  io.restart();
  io.run_for(std::chrono::milliseconds(50));
  EXPECT_EQ(sent, 4);  // the waiting producer failed: the queue is closed
}

TEST(OperationQueue, BackpressureByBytes) {
  asio::io_context io;
  const std::size_t one = index_of(0, 1000).bytes();
  core::BoundedChannel<QueuedOperation> queue(io.get_executor(), 100, 2 * one + one / 2);
  int sent = 0;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        for (int i = 0; i < 4; ++i) {
          QueuedOperation operation = index_of(i, 1000);
          const std::size_t bytes = operation.bytes();
          co_await queue.send(std::move(operation), bytes);
          ++sent;
        }
      },
      asio::detached);
  io.run_for(std::chrono::milliseconds(50));
  EXPECT_EQ(sent, 2);  // a third would reach the byte limit
  EXPECT_EQ(queue.bytes(), 2 * one);
  queue.try_receive();
  queue.try_receive();
  io.restart();
  io.run_for(std::chrono::milliseconds(50));
  EXPECT_EQ(sent, 4);
  queue.close();
}

}  // namespace
}  // namespace ei::sync
