// The sync engine end to end (spec §13): the directory source over generated folders, the
// real Elasticsearch at EI_ES_URL (default http://127.0.0.1:9200).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/run_to_completion.hpp"
#include "es/es_client.hpp"
#include "sources/directory/directory_data_source.hpp"
#include "sync/content_index.hpp"
#include "sync/existing_scan.hpp"
#include "sync/ingest_pipeline.hpp"
#include "sync/sync_engine.hpp"

namespace ei::sync {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
namespace fs = std::filesystem;

std::string es_url() {
  const char* url = std::getenv("EI_ES_URL");
  return url != nullptr && *url != '\0' ? url : "http://127.0.0.1:9200";
}

es::EsOptions es_options(const std::string& host) {
  es::EsOptions options;
  options.host = host;
  options.request_timeout = std::chrono::seconds(60);
  options.connect_timeout = std::chrono::seconds(2);
  options.max_retries = 2;
  options.backoff =
      core::BackoffPolicy{std::chrono::milliseconds(100), 2.0, std::chrono::seconds(1)};
  return options;
}

// A port nothing listens on: bound, never listening, so connections are refused.
class ClosedPort {
 public:
  ClosedPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~ClosedPort() { ::close(fd_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

class SyncEngineE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("ei-sync-e2e-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    es_ = std::make_unique<es::EsClient>(io_.get_executor(), es_options(es_url()));
    try {
      run(es_->info());
    } catch (const std::exception& e) {
      FAIL() << "No Elasticsearch answers at " << es_url() << ": " << e.what();
    }
    std::string name = std::string("ei-sync-e2e-") +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name() + "-" +
                       std::to_string(::getpid());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    index_ = name;
    pipeline_ = name + "-pipeline";
    run(es_->delete_index(index_));
  }

  void TearDown() override {
    if (es_) {
      try {
        run(es_->delete_index(index_));
        es::EsRequest remove{"DELETE", "/_ingest/pipeline/" + pipeline_, {}, "", "application/json",
                             {}};
        run(es_->request(remove));
      } catch (const std::exception&) {
        // the pipeline exists only in the tests that created it
      }
    }
    fs::remove_all(root_);
  }

  template <class T>
  T run(asio::awaitable<T> task) {
    return core::run_to_completion(io_, std::move(task));
  }

  void write_file(const fs::path& relative, const std::string& content) {
    const fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << content;
  }

  // Gives a file a distinct modification time, so that its `_timestamp` changes even when
  // it is rewritten within the clock's resolution.
  void touch(const fs::path& relative, long seconds) {
    const timespec times[2] = {{seconds, 0}, {seconds, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, (root_ / relative).c_str(), times, 0), 0);
  }

  // Moves a file's modification time within its millisecond (by 200 µs or more): its
  // `_timestamp` text changes, a date field's millisecond value does not.
  void move_within_its_millisecond(const fs::path& relative) {
    struct stat status {};
    ASSERT_EQ(::stat((root_ / relative).c_str(), &status), 0);
    timespec moved = status.st_mtim;
    const long within = moved.tv_nsec % 1000000;
    moved.tv_nsec += (within < 500000 ? 700000 : 200000) - within;
    const timespec times[2] = {moved, moved};
    ASSERT_EQ(::utimensat(AT_FDCWD, (root_ / relative).c_str(), times, 0), 0);
  }

  // 300 files synced, then one moved within its millisecond, one rewritten, two deleted and one
  // added, then nothing changed: the counts of every sync, read back the `expected` way.
  void sync_changes_and_no_change(ExistingScanKind expected) {
    for (int n = 0; n < 300; ++n) write_file(file_name(n), "content " + std::to_string(n));
    SyncResult first = sync(engine_options());
    ASSERT_FALSE(first.fetch_error) << *first.fetch_error;
    EXPECT_EQ(first.counters.created, 300u);
    EXPECT_EQ(count(), 300u);  // refreshed: the next sync sees them
    auto choosing = choose_existing_scan(*es_, index_);
    EXPECT_EQ(run(std::move(choosing)), expected);

    move_within_its_millisecond(file_name(10));
    write_file(file_name(20), "rewritten");
    touch(file_name(20), 2000000000);
    fs::remove(root_ / file_name(30));
    fs::remove(root_ / file_name(31));
    write_file("new/added.txt", "added");
    SyncResult second = sync(engine_options());
    ASSERT_FALSE(second.fetch_error) << *second.fetch_error;
    EXPECT_EQ(second.counters.updated, 2u);
    EXPECT_EQ(second.counters.created, 1u);
    EXPECT_EQ(second.counters.deleted, 2u);
    EXPECT_EQ(second.counters.unchanged, 300u - 4);
    EXPECT_EQ(count(), 299u);

    SyncResult third = sync(engine_options());
    ASSERT_FALSE(third.fetch_error) << *third.fetch_error;
    EXPECT_EQ(third.counters.indexed_document_count, 0u);
    EXPECT_EQ(third.counters.deleted_document_count, 0u);
    EXPECT_EQ(third.counters.unchanged, 299u);
    EXPECT_EQ(count(), 299u);
  }

  static std::string file_name(int n) {
    return "d" + std::to_string(n / 1000) + "/file-" + std::to_string(n) + ".txt";
  }

  std::unique_ptr<sources::DirectoryDataSource> directory_source() {
    const json::value configuration = json::object{
        {"directory", json::object{{"label", "Directory path"}, {"value", root_.string()}}},
        {"pattern", json::object{{"label", "File glob-like pattern"}, {"value", "**/*.*"}}}};
    return std::make_unique<sources::DirectoryDataSource>(
        source::DataSourceConfiguration(configuration),
        source::SourceContext{io_.get_executor(), pool_.get_executor()});
  }

  SyncEngineOptions engine_options() const {
    SyncEngineOptions options;
    options.index = index_;
    options.pipeline = "";  // no pipeline parameter
    return options;
  }

  SyncResult sync(SyncEngineOptions options, es::EsClient* client = nullptr) {
    auto source = directory_source();
    es::EsClient& target = client != nullptr ? *client : *es_;
    SyncEngine engine(target, target, *source, std::move(options));
    return run(engine.run());
  }

  std::uint64_t count() {
    run(es_->refresh(index_, true));
    return run(es_->count(index_, std::nullopt, true));
  }

  asio::io_context io_;
  asio::thread_pool pool_{2};
  std::unique_ptr<es::EsClient> es_;
  fs::path root_;
  std::string index_;
  std::string pipeline_;
};

TEST_F(SyncEngineE2E, TenThousandAndOneFilesThenChangesThenNoChange) {
  for (int n = 0; n < 10001; ++n) write_file(file_name(n), "content of file " + std::to_string(n));
  run(prepare_content_index(*es_, index_, "en"));
  const PipelineAvailability pipeline = run(ensure_ingest_pipeline(*es_, pipeline_));
  SyncEngineOptions options = engine_options();
  if (pipeline != PipelineAvailability::unavailable) options.pipeline = pipeline_;

  SyncResult first = sync(options);
  EXPECT_FALSE(first.fetch_error) << *first.fetch_error;
  EXPECT_TRUE(first.rejected.empty()) << first.rejected.front().reason;
  EXPECT_EQ(first.counters.seen, 10001u);
  EXPECT_EQ(first.counters.created, 10001u);
  EXPECT_EQ(first.counters.indexed_document_count, 10001u);
  EXPECT_EQ(first.counters.downloads, 10001u);
  EXPECT_GT(first.counters.indexed_document_volume_bytes, 10001u * 300);
  EXPECT_EQ(first.counters.deleted_document_count, 0u);
  EXPECT_EQ(count(), 10001u);

  // The documents carry the id in `id`, the content and, without a pipeline, the controls.
  json::object hit = run(es_->search(index_, json::object{{"size", 1}}))
                         .at("hits")
                         .at("hits")
                         .at(0)
                         .at("_source")
                         .as_object();
  EXPECT_EQ(
      hit.at("id"),
      run(es_->search(index_, json::object{{"size", 1}})).at("hits").at("hits").at(0).at("_id"));
  EXPECT_TRUE(hit.contains("_timestamp"));
  if (options.pipeline.empty()) {
    EXPECT_EQ(hit.at("_extract_binary_content"), json::value(true));
    EXPECT_TRUE(hit.contains("_attachment"));
  }

  for (int n = 0; n < 10; ++n) {
    write_file(file_name(n * 7), "modified " + std::to_string(n));
    touch(file_name(n * 7), 2000000000 + n);
  }
  for (int n = 0; n < 5; ++n) fs::remove(root_ / file_name(5000 + n));
  for (int n = 0; n < 3; ++n) write_file("new/added-" + std::to_string(n) + ".txt", "added");

  // Almost nothing may be held back while the index's ids load (two pages here): the source
  // waits for each page and the held-back documents are decided as their ids arrive.
  SyncEngineOptions tight = options;
  tight.held_back_max_bytes = 4096;
  SyncResult second = sync(tight);
  EXPECT_FALSE(second.fetch_error);
  EXPECT_EQ(second.counters.updated, 10u);
  EXPECT_EQ(second.counters.created, 3u);
  EXPECT_EQ(second.counters.deleted, 5u);
  EXPECT_EQ(second.counters.unchanged, 10001u - 10 - 5);
  EXPECT_EQ(second.counters.indexed_document_count, 13u);
  EXPECT_EQ(second.counters.deleted_document_count, 5u);
  EXPECT_EQ(count(), 10001u - 5 + 3);

  SyncResult third = sync(options);
  EXPECT_FALSE(third.fetch_error);
  EXPECT_EQ(third.counters.indexed_document_count, 0u);
  EXPECT_EQ(third.counters.deleted_document_count, 0u);
  EXPECT_EQ(third.counters.unchanged, 9999u);
  EXPECT_EQ(count(), 9999u);
}

// The content index we create keeps each `_timestamp` exactly in doc values: the scans read
// those instead of every document's _source, and still see a change within a millisecond.
TEST_F(SyncEngineE2E, OurContentIndexIsReadBackFromDocValuesExactly) {
  run(prepare_content_index(*es_, index_, "en"));
  sync_changes_and_no_change(ExistingScanKind::doc_values);
}

// An index made elsewhere (Kibana, by hand, an older version of ours) has no such sub-field:
// the scans read `_source`, with the same results.
TEST_F(SyncEngineE2E, AnIndexWithoutTheExactTimestampIsReadBackFromSource) {
  run(es_->create_index(index_, json::parse(R"({"mappings": {"properties": {
      "id": {"type": "keyword"}}}})")
                                    .as_object()));
  sync_changes_and_no_change(ExistingScanKind::source);
}

TEST_F(SyncEngineE2E, ExcludeRuleOnLogFilesDeletesThemNextSync) {
  for (int n = 0; n < 20; ++n) write_file("keep-" + std::to_string(n) + ".txt", "text");
  for (int n = 0; n < 7; ++n) write_file("sub/trace-" + std::to_string(n) + ".log", "log");
  SyncResult first = sync(engine_options());
  EXPECT_EQ(first.counters.indexed_document_count, 27u);
  EXPECT_EQ(count(), 27u);

  SyncEngineOptions options = engine_options();
  options.sync_rules_enabled = true;
  options.filter = protocol::Filter::from_json(json::parse(R"({"rules": [
      {"id": "1", "policy": "exclude", "field": "path", "rule": "ends_with", "value": ".log",
       "order": 1},
      {"id": "DEFAULT", "policy": "include", "field": "_", "rule": "regex", "value": ".*",
       "order": 2}], "advanced_snippet": {}})"));
  SyncResult second = sync(options);
  EXPECT_FALSE(second.fetch_error);
  EXPECT_EQ(second.counters.filtered, 7u);
  EXPECT_EQ(second.counters.unchanged, 20u);
  EXPECT_EQ(second.counters.deleted_document_count, 7u);
  EXPECT_EQ(second.counters.indexed_document_count, 0u);
  EXPECT_EQ(count(), 20u);
  const json::object logs = run(es_->search(
      index_, json::parse(R"({"query": {"wildcard": {"path": "*.log"}}})").as_object()));
  EXPECT_EQ(logs.at("hits").at("hits").as_array().size(), 0u);
}

TEST_F(SyncEngineE2E, InvalidRuleIsAFetchErrorAndDeletesNothing) {
  for (int n = 0; n < 5; ++n) write_file("f-" + std::to_string(n) + ".txt", "text");
  EXPECT_EQ(sync(engine_options()).counters.indexed_document_count, 5u);
  SyncEngineOptions options = engine_options();
  options.sync_rules_enabled = true;
  options.filter = protocol::Filter::from_json(json::parse(R"({"rules": [
      {"id": "1", "policy": "exclude", "field": "path", "rule": "regex", "value": "(",
       "order": 1}]})"));
  SyncResult result = sync(options);
  ASSERT_TRUE(result.fetch_error);
  EXPECT_EQ(result.counters.deleted_document_count, 0u);
  EXPECT_EQ(count(), 5u);
}

TEST_F(SyncEngineE2E, RejectedItemIsReportedAndTheRestIndexed) {
  // `size` as a byte: the one file above 127 bytes cannot be indexed.
  run(es_->create_index(index_, json::parse(R"({"mappings": {"properties": {
      "size": {"type": "byte"}}}})")
                                    .as_object()));
  for (int n = 0; n < 30; ++n) write_file("small-" + std::to_string(n) + ".txt", "small");
  write_file("big.txt", std::string(300, 'b'));
  SyncResult result = sync(engine_options());
  EXPECT_FALSE(result.fetch_error);
  EXPECT_EQ(result.counters.created, 31u);
  EXPECT_EQ(result.counters.indexed_document_count, 30u);
  EXPECT_EQ(result.counters.rejected_items, 1u);
  ASSERT_EQ(result.rejected.size(), 1u);
  EXPECT_EQ(result.rejected[0].operation, "index");
  // Elasticsearch 8 renamed the error: document_parsing_exception.
  EXPECT_TRUE(result.rejected[0].type == "mapper_parsing_exception" ||
              result.rejected[0].type == "document_parsing_exception")
      << result.rejected[0].type;
  EXPECT_NE(result.rejected[0].reason.find("size"), std::string::npos) << result.rejected[0].reason;
  EXPECT_EQ(count(), 30u);
}

TEST_F(SyncEngineE2E, UnreachableElasticsearchIsAFetchErrorThenTheNextSyncConverges) {
  for (int n = 0; n < 40; ++n) write_file("f-" + std::to_string(n) + ".txt", "text");
  EXPECT_EQ(sync(engine_options()).counters.indexed_document_count, 40u);
  for (int n = 0; n < 4; ++n) fs::remove(root_ / ("f-" + std::to_string(n) + ".txt"));
  write_file("g.txt", "new");

  ClosedPort closed;
  es::EsClient unreachable(io_.get_executor(), es_options(closed.url()));
  SyncResult failed = sync(engine_options(), &unreachable);
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_FALSE(failed.fetch_error->empty());
  EXPECT_EQ(failed.counters.deleted, 0u);  // nothing deleted after a failed scan
  EXPECT_EQ(failed.counters.indexed_document_count, 0u);
  EXPECT_EQ(count(), 40u);

  SyncResult next = sync(engine_options());
  EXPECT_FALSE(next.fetch_error);
  EXPECT_EQ(next.counters.indexed_document_count, 1u);
  EXPECT_EQ(next.counters.deleted_document_count, 4u);
  EXPECT_EQ(count(), 37u);
}

TEST_F(SyncEngineE2E, CancellationStopsPromptlyAndDeletesNothing) {
  for (int n = 0; n < 3000; ++n) write_file(file_name(n), "content " + std::to_string(n));
  // A document the sync would delete at its end.
  run(es_->index_document(index_, std::string("ghost"), json::object{{"id", "ghost"}}));
  run(es_->refresh(index_));

  SyncEngineOptions options = engine_options();
  options.bulk.chunk_size = 20;
  options.bulk.max_concurrency = 1;
  auto source = directory_source();
  SyncEngine engine(*es_, *es_, *source, options);
  asio::cancellation_signal signal;
  std::optional<SyncResult> result;
  asio::co_spawn(
      io_, engine.run(),
      asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr error, SyncResult value) {
        ASSERT_FALSE(error);
        result = std::move(value);
      }));
  // Cancel through the awaiting coroutine's slot once the first batches are indexed.
  asio::steady_timer poll(io_);
  std::function<void()> watch = [&] {
    poll.expires_after(std::chrono::milliseconds(5));
    poll.async_wait([&](boost::system::error_code) {
      if (engine.counters().indexed_document_count > 0) {
        signal.emit(asio::cancellation_type::terminal);
      } else if (!result) {
        watch();
      }
    });
  };
  watch();
  const auto started = std::chrono::steady_clock::now();
  io_.restart();
  io_.run();
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->canceled);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
  EXPECT_LT(result->counters.indexed_document_count, 3000u);
  EXPECT_EQ(result->counters.deleted, 0u);
  EXPECT_EQ(result->counters.deleted_document_count, 0u);
  // Requests in flight were dropped, not their effect: Elasticsearch may have applied them.
  const std::uint64_t stored = count();
  EXPECT_GE(stored, result->counters.indexed_document_count + 1);
  EXPECT_LT(stored, 3000u + 1);
  EXPECT_TRUE(run(es_->get_document(index_, "ghost")).has_value());  // nothing deleted

  // A second run of the same engine is refused.
  EXPECT_THROW(run(engine.run()), std::logic_error);

  // cancel() before the run: nothing happens.
  auto other = directory_source();
  SyncEngine canceled(*es_, *es_, *other, options);
  canceled.cancel();
  SyncResult nothing = run(canceled.run());
  EXPECT_TRUE(nothing.canceled);
  EXPECT_EQ(nothing.counters.deleted, 0u);

  // The next full sync converges: every file, the ghost gone.
  SyncResult next = sync(options);
  EXPECT_FALSE(next.fetch_error);
  EXPECT_EQ(next.counters.deleted_document_count, 1u);
  EXPECT_EQ(count(), 3000u);
}

// Canceled at many different moments while files are read and queued, a sync always ends
// at once. Two hangs were found this way (by SIGTERM in the service e2e suite): a download
// spawned just after the cancel waited the whole queue timeout on the closed queue, and a
// file read canceled on the blocking pool never delivered its result.
TEST_F(SyncEngineE2E, CancellationAtAnyMomentWithDownloadsEndsPromptly) {
  for (int n = 0; n < 400; ++n) write_file(file_name(n), "content " + std::to_string(n));
  run(prepare_content_index(*es_, index_, "en"));
  SyncEngineOptions options = engine_options();
  options.extract_binary_content = true;
  options.bulk.chunk_size = 5;
  options.bulk.concurrent_downloads = 1;
  options.bulk.queue_max_size = 3;
  for (int round = 0; round < 25; ++round) {
    auto source = directory_source();
    SyncEngine engine(*es_, *es_, *source, options);
    std::optional<SyncResult> result;
    asio::co_spawn(io_, engine.run(), [&](std::exception_ptr error, SyncResult value) {
      ASSERT_FALSE(error);
      result = std::move(value);
    });
    asio::steady_timer cancel_later(io_, std::chrono::microseconds(round * 1500));
    cancel_later.async_wait([&](boost::system::error_code) {
      if (!result) engine.cancel();
    });
    const auto started = std::chrono::steady_clock::now();
    io_.restart();
    io_.run_for(std::chrono::seconds(30));
    ASSERT_TRUE(result) << "round " << round << ": the canceled sync did not end";
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10))
        << "round " << round;
  }
  SyncResult next = sync(options);
  EXPECT_FALSE(next.fetch_error);
  EXPECT_EQ(count(), 400u);
}

}  // namespace
}  // namespace ei::sync
