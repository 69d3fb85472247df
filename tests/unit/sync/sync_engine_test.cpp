// The sync engine against an in-memory index and an in-memory source: convergence, the
// faults that must never lose data (a failed load, a failing source, refused items, failed
// bulk requests and downloads, a queue that never drains) and a cancel at each stage. No
// Elasticsearch runs here; tests/e2e/sync runs the same engine against a real one.
#include "sync/sync_engine.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "core/run_to_completion.hpp"
#include "support/memory_index.hpp"
#include "support/memory_source.hpp"

namespace ei::sync {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using testing::MemoryBackend;
using testing::MemoryIndex;
using testing::MemorySource;

constexpr const char* kMonday = "2026-11-30T10:00:00+00:00";
constexpr const char* kTuesday = "2026-12-01T10:00:00+00:00";

class SyncEngineTest : public ::testing::Test {
 protected:
  SyncEngineOptions options() const {
    SyncEngineOptions options;
    options.index = "search-memory";
    options.pipeline = "";
    options.bulk.chunk_size = 40;  // lines: 20 documents a request
    options.bulk.max_concurrency = 2;
    options.bulk.display_every = 0;
    return options;
  }

  std::unique_ptr<MemorySource> make_source() {
    return std::make_unique<MemorySource>(MemorySource::descriptor_ptr(),
                                          source::DataSourceConfiguration(), backend_);
  }

  // One sync; the engine is handed to `during` (if any) before it runs, for cancels.
  SyncResult sync(SyncEngineOptions engine_options,
                  const std::function<void(SyncEngine&)>& during = {}) {
    auto source = make_source();
    SyncEngine engine(index_, index_, *source, std::move(engine_options));
    if (during) during(engine);
    return core::run_to_completion(io_, engine.run());
  }
  SyncResult sync() { return sync(options()); }

  // The index holds exactly the backend's documents, with their timestamps.
  void expect_index_matches_backend() const {
    ASSERT_EQ(index_.documents.size(), backend_->documents.size());
    for (const auto& [id, timestamp] : backend_->documents) {
      const auto found = index_.documents.find(id);
      ASSERT_NE(found, index_.documents.end()) << id;
      EXPECT_EQ(found->second.at("_timestamp"), json::value(timestamp)) << id;
      EXPECT_EQ(found->second.at("id"), json::value(id)) << id;
    }
  }

  asio::awaitable<void> pause(std::chrono::milliseconds duration) {
    asio::steady_timer timer(co_await asio::this_coro::executor, duration);
    co_await timer.async_wait(asio::use_awaitable);
  }

  asio::io_context io_;
  MemoryIndex index_;
  std::shared_ptr<MemoryBackend> backend_ = std::make_shared<MemoryBackend>();
};

TEST_F(SyncEngineTest, FirstSyncIndexesEverythingAndTheNextSendsNothing) {
  backend_->put(0, 1000, kMonday);
  const SyncResult first = sync();
  EXPECT_FALSE(first.fetch_error);
  EXPECT_EQ(first.counters.created, 1000u);
  EXPECT_EQ(first.counters.indexed_document_count, 1000u);
  EXPECT_GT(first.counters.indexed_document_volume_bytes, 0u);
  expect_index_matches_backend();
  EXPECT_EQ(index_.bulk_requests, 50u);  // 20 documents a request

  const std::size_t operations = index_.bulk_operations;
  const SyncResult second = sync();
  EXPECT_FALSE(second.fetch_error);
  EXPECT_EQ(second.counters.unchanged, 1000u);
  EXPECT_EQ(second.counters.indexed_document_count, 0u);
  EXPECT_EQ(index_.bulk_operations, operations);
  EXPECT_EQ(index_.scans_opened, 1u);  // the first sync had no index to read
}

TEST_F(SyncEngineTest, EditsDeletionsAndAdditionsConverge) {
  for (bool doc_values : {false, true}) {
    SCOPED_TRACE(doc_values ? "doc values" : "_source");
    index_ = MemoryIndex();
    index_.maps_exact_timestamps = doc_values;
    backend_->documents.clear();
    backend_->put(0, 300, kMonday);
    ASSERT_EQ(sync().counters.indexed_document_count, 300u);

    for (std::size_t n = 0; n < 10; ++n) backend_->documents[MemoryBackend::id(n)] = kTuesday;
    for (std::size_t n = 100; n < 105; ++n) backend_->documents.erase(MemoryBackend::id(n));
    backend_->put(300, 3, kTuesday);
    const SyncResult changed = sync();
    EXPECT_FALSE(changed.fetch_error);
    EXPECT_EQ(changed.counters.updated, 10u);
    EXPECT_EQ(changed.counters.created, 3u);
    EXPECT_EQ(changed.counters.unchanged, 285u);
    EXPECT_EQ(changed.counters.deleted, 5u);
    EXPECT_EQ(changed.counters.indexed_document_count, 13u);
    EXPECT_EQ(changed.counters.deleted_document_count, 5u);
    expect_index_matches_backend();
    EXPECT_EQ(index_.scans_closed, index_.scans_opened);
  }
}

TEST_F(SyncEngineTest, AFailedExistingDocumentsLoadDeletesNothing) {
  backend_->put(0, 50, kMonday);
  ASSERT_EQ(sync().counters.indexed_document_count, 50u);
  backend_->documents.clear();  // the source is empty now: everything would be deleted
  index_.fail_scan_after_pages = 0;
  const SyncResult result = sync();
  ASSERT_TRUE(result.fetch_error);
  EXPECT_NE(result.fetch_error->find("a scan failure of the test"), std::string::npos)
      << *result.fetch_error;
  EXPECT_EQ(index_.documents.size(), 50u);
  EXPECT_TRUE(index_.deleted_ids.empty());
}

TEST_F(SyncEngineTest, ASourceThatFailsMidwayDeletesNothing) {
  backend_->put(0, 100, kMonday);
  ASSERT_EQ(sync().counters.indexed_document_count, 100u);
  backend_->documents.erase(MemoryBackend::id(99));
  backend_->fail_after = 30;
  const SyncResult result = sync();
  ASSERT_TRUE(result.fetch_error);
  EXPECT_NE(result.fetch_error->find("the backend went away"), std::string::npos);
  EXPECT_EQ(result.counters.deleted, 0u);
  EXPECT_EQ(index_.documents.size(), 100u);

  backend_->fail_after.reset();  // the next sync converges
  EXPECT_EQ(sync().counters.deleted_document_count, 1u);
  expect_index_matches_backend();
}

TEST_F(SyncEngineTest, UnreadablePartsFailTheJobAndDeleteNothing) {
  backend_->put(0, 20, kMonday);
  ASSERT_EQ(sync().counters.indexed_document_count, 20u);
  backend_->documents.erase(MemoryBackend::id(3));
  backend_->unreadable = {{"/share/locked", "permission denied"}};
  const SyncResult result = sync();
  ASSERT_TRUE(result.fetch_error);
  EXPECT_NE(result.fetch_error->find("/share/locked: permission denied"), std::string::npos);
  EXPECT_EQ(result.counters.unreadable, 1u);
  EXPECT_TRUE(index_.deleted_ids.empty());
}

TEST_F(SyncEngineTest, RefusedItemsAreNamedAndTheOthersIndexed) {
  backend_->put(0, 60, kMonday);
  index_.refused_ids = {MemoryBackend::id(7), MemoryBackend::id(42)};
  const SyncResult result = sync();
  EXPECT_EQ(result.counters.rejected_items, 2u);
  EXPECT_EQ(result.counters.indexed_document_count, 58u);
  ASSERT_EQ(result.rejected.size(), 2u);
  EXPECT_EQ(result.rejected[0].id, MemoryBackend::id(42));  // map order: id-42 < id-7
  EXPECT_EQ(result.rejected[0].type, "mapper_parsing_exception");
  EXPECT_EQ(result.rejected[1].id, MemoryBackend::id(7));
  EXPECT_EQ(index_.documents.size(), 58u);

  index_.refused_ids.clear();  // refused documents are new next time, and indexed
  const SyncResult next = sync();
  EXPECT_EQ(next.counters.created, 2u);
  expect_index_matches_backend();
}

TEST_F(SyncEngineTest, AFailedBulkRequestRejectsEachOfItsDocuments) {
  backend_->put(0, 100, kMonday);
  SyncEngineOptions one_at_a_time = options();
  one_at_a_time.bulk.max_concurrency = 1;
  index_.failing_bulks = 1;
  const SyncResult result = sync(one_at_a_time);
  EXPECT_EQ(result.counters.rejected_items, 20u);  // the first request: 20 documents
  EXPECT_EQ(result.counters.indexed_document_count, 80u);
  ASSERT_FALSE(result.rejected.empty());
  EXPECT_EQ(result.rejected.front().type, "bulk_request_failed");
  EXPECT_NE(result.rejected.front().reason.find("connection refused"), std::string::npos);
  EXPECT_EQ(sync().counters.created, 20u);
  expect_index_matches_backend();
}

TEST_F(SyncEngineTest, DownloadsRunOnlyForChangedDocumentsAndFailuresAreRejected) {
  backend_->put(0, 30, kMonday);
  for (std::size_t n = 0; n < 10; ++n) backend_->with_content.insert(MemoryBackend::id(n));
  backend_->failing_downloads = {MemoryBackend::id(4)};
  const SyncResult first = sync();
  EXPECT_EQ(backend_->downloads_run, 10u);
  EXPECT_EQ(first.counters.downloads, 9u);
  EXPECT_EQ(first.counters.download_failures, 1u);
  ASSERT_EQ(first.rejected.size(), 1u);
  EXPECT_EQ(first.rejected[0].id, MemoryBackend::id(4));
  EXPECT_EQ(first.rejected[0].type, "download_failed");
  EXPECT_EQ(index_.documents.at(MemoryBackend::id(1)).at("_attachment"), "content of id-1");
  EXPECT_FALSE(index_.documents.contains(MemoryBackend::id(4)));

  backend_->failing_downloads.clear();
  backend_->documents[MemoryBackend::id(2)] = kTuesday;
  const SyncResult second = sync();
  EXPECT_EQ(backend_->downloads_run, 12u);     // id-4 (new) and id-2 (changed)
  EXPECT_EQ(backend_->downloads_skipped, 8u);  // the unchanged ones: no work
  EXPECT_EQ(second.counters.rejected_items, 0u);
  expect_index_matches_backend();
}

TEST_F(SyncEngineTest, DownloadsAreSkippedWithoutContentExtraction) {
  backend_->put(0, 5, kMonday);
  backend_->with_content = {MemoryBackend::id(0), MemoryBackend::id(1)};
  SyncEngineOptions without = options();
  without.extract_binary_content = false;
  EXPECT_EQ(sync(without).counters.indexed_document_count, 5u);
  EXPECT_EQ(backend_->downloads_run, 0u);
  EXPECT_FALSE(index_.documents.at(MemoryBackend::id(0)).contains("_attachment"));
}

TEST_F(SyncEngineTest, AQueueThatNeverDrainsFailsTheJobInsteadOfHanging) {
  backend_->put(0, 50, kMonday);
  SyncEngineOptions stuck = options();
  stuck.bulk.chunk_size = 2;  // one document a request
  stuck.bulk.max_concurrency = 1;
  stuck.bulk.queue_max_size = 2;
  stuck.bulk.queue_refresh_timeout = core::Seconds(0.2);
  index_.bulk_delay = std::chrono::milliseconds(600);
  const SyncResult result = sync(stuck);
  ASSERT_TRUE(result.fetch_error);
  EXPECT_NE(result.fetch_error->find("MemQueue has been full for 0.2s"), std::string::npos)
      << *result.fetch_error;
  EXPECT_EQ(result.counters.deleted, 0u);
  // What reached the index is what the job counts.
  EXPECT_EQ(result.counters.indexed_document_count, index_.documents.size());
}

TEST_F(SyncEngineTest, ACancelBeforeTheRunSendsNothing) {
  backend_->put(0, 10, kMonday);
  const SyncResult result = sync(options(), [](SyncEngine& engine) { engine.cancel(); });
  EXPECT_TRUE(result.canceled);
  EXPECT_EQ(index_.bulk_requests, 0u);
  EXPECT_EQ(backend_->emitted, 0u);
}

TEST_F(SyncEngineTest, ACancelWhileReadingTheSourceStopsItAndDeletesNothing) {
  backend_->put(0, 500, kMonday);
  ASSERT_EQ(sync().counters.indexed_document_count, 500u);
  backend_->documents.clear();
  backend_->put(1000, 500, kMonday);  // all new: the old 500 would be deleted at the end
  backend_->emitted = 0;
  SyncEngine* running = nullptr;
  backend_->before_emit = [&](std::size_t position) -> asio::awaitable<void> {
    if (position == 100) running->cancel();
    co_return;
  };
  const SyncResult result = sync(options(), [&](SyncEngine& engine) { running = &engine; });
  EXPECT_TRUE(result.canceled);
  EXPECT_LE(backend_->emitted, 101u);  // it stopped at the next emit
  EXPECT_TRUE(index_.deleted_ids.empty());
  EXPECT_EQ(result.counters.indexed_document_count, index_.documents.size() - 500);
}

TEST_F(SyncEngineTest, ACancelWithBulksInFlightCountsWhatTheyIndexed) {
  backend_->put(0, 400, kMonday);
  index_.bulk_delay = std::chrono::milliseconds(100);
  SyncEngine* running = nullptr;
  backend_->before_emit = [&](std::size_t position) -> asio::awaitable<void> {
    if (position == 200) {
      co_await pause(std::chrono::milliseconds(50));  // bulk requests are in flight now
      running->cancel();
    }
  };
  const SyncResult result = sync(options(), [&](SyncEngine& engine) { running = &engine; });
  EXPECT_TRUE(result.canceled);
  EXPECT_GT(index_.documents.size(), 0u);
  EXPECT_LT(index_.documents.size(), 400u);
  EXPECT_EQ(result.counters.indexed_document_count, index_.documents.size());
}

TEST_F(SyncEngineTest, ACancelDuringDeletionsStopsThem) {
  backend_->put(0, 200, kMonday);
  ASSERT_EQ(sync().counters.indexed_document_count, 200u);
  backend_->documents.clear();
  backend_->put(0, 1, kMonday);
  SyncEngineOptions slow = options();
  slow.bulk.chunk_size = 2;  // one deletion a request
  slow.bulk.max_concurrency = 1;
  index_.bulk_delay = std::chrono::milliseconds(20);
  SyncEngine* running = nullptr;
  const SyncResult result = sync(slow, [&](SyncEngine& engine) {
    running = &engine;
    asio::co_spawn(
        io_,
        [&]() -> asio::awaitable<void> {
          while (index_.deleted_ids.size() < 5) co_await pause(std::chrono::milliseconds(5));
          running->cancel();
        },
        asio::detached);
  });
  EXPECT_TRUE(result.canceled);
  EXPECT_GE(index_.deleted_ids.size(), 5u);
  EXPECT_LT(index_.deleted_ids.size(), 199u);
  EXPECT_EQ(result.counters.deleted_document_count, index_.deleted_ids.size());
}

TEST_F(SyncEngineTest, ACancelWhileLoadingTheIndexDeletesNothing) {
  backend_->put(0, 30, kMonday);
  ASSERT_EQ(sync().counters.indexed_document_count, 30u);
  backend_->documents.clear();
  index_.page_delay = std::chrono::milliseconds(2000);
  const auto started = std::chrono::steady_clock::now();
  const SyncResult result = sync(options(), [&](SyncEngine& engine) {
    asio::co_spawn(
        io_,
        [&]() -> asio::awaitable<void> {
          co_await pause(std::chrono::milliseconds(50));  // the loader waits for its page
          engine.cancel();
        },
        asio::detached);
  });
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1500));
  EXPECT_TRUE(result.canceled);
  EXPECT_TRUE(index_.deleted_ids.empty());
  EXPECT_EQ(index_.documents.size(), 30u);
}

TEST_F(SyncEngineTest, BasicRulesFilterDocumentsOut) {
  backend_->put(0, 20, kMonday);
  SyncEngineOptions with_rules = options();
  with_rules.sync_rules_enabled = true;
  with_rules.filter = protocol::Filter::from_json(json::parse(R"({"rules": [
      {"id": "1", "policy": "exclude", "field": "title", "rule": "ends_with", "value": "1",
       "order": 1},
      {"id": "DEFAULT", "policy": "include", "field": "_", "rule": "regex", "value": ".*",
       "order": 2}]})"));
  const SyncResult result = sync(with_rules);
  EXPECT_EQ(result.counters.filtered, 2u);  // id-1, id-11
  EXPECT_EQ(index_.documents.size(), 18u);
  EXPECT_FALSE(index_.documents.contains(MemoryBackend::id(11)));
}

}  // namespace
}  // namespace ei::sync
