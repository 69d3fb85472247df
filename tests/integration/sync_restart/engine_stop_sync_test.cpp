// The engine restarted in the middle of a sync: the sync ends in a clear state and the next
// one converges with nothing lost. It stops and restarts the real node, so scripts/test runs
// it with the other EngineStop* tests, last for each engine (EI_ENGINE names it; ES_PORT is
// inherited by scripts/es-local).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "core/run_to_completion.hpp"
#include "es/es_client.hpp"
#include "sources/directory/directory_data_source.hpp"
#include "sync/sync_engine.hpp"

namespace ei::sync {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
namespace fs = std::filesystem;

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

int es_local(const std::string& action) {
  const std::string command = std::string(EI_SOURCE_DIR) + "/scripts/es-local " + action +
                              " --engine " + env_or("EI_ENGINE", "es7") + " >/dev/null 2>&1";
  return std::system(command.c_str());
}

class EngineStopSync : public ::testing::Test {
 protected:
  template <class T>
  T run(asio::awaitable<T> task) {
    return core::run_to_completion(io_, std::move(task));
  }

  SyncResult sync(SyncEngineOptions options) {
    const json::value configuration = json::object{
        {"directory", json::object{{"label", "Directory path"}, {"value", root_.string()}}},
        {"pattern", json::object{{"label", "File glob-like pattern"}, {"value", "**/*.*"}}}};
    sources::DirectoryDataSource source(
        source::DataSourceConfiguration(configuration),
        source::SourceContext{io_.get_executor(), pool_.get_executor()});
    SyncEngine engine(client_, client_, source, std::move(options));
    return run(engine.run());
  }

  std::uint64_t count() {
    run(client_.refresh(index_, true));
    return run(client_.count(index_, std::nullopt, true));
  }

  static es::EsOptions options() {
    es::EsOptions options;
    options.host = env_or("EI_ES_URL", "http://127.0.0.1:9200");
    options.request_timeout = std::chrono::seconds(30);
    options.connect_timeout = std::chrono::seconds(2);
    options.max_retries = 3;  // gives up after ~3.5 s: the restart takes longer
    options.backoff =
        core::BackoffPolicy{std::chrono::milliseconds(500), 2.0, std::chrono::seconds(2)};
    return options;
  }

  asio::io_context io_;
  asio::thread_pool pool_{2};
  es::EsClient client_{io_.get_executor(), options()};
  fs::path root_ = fs::temp_directory_path() / ("ei-restart-" + std::to_string(::getpid()));
  std::string index_ = "ei-restart-" + std::to_string(::getpid());
};

TEST_F(EngineStopSync, RestartMidSyncEndsClearlyThenTheNextSyncConverges) {
  // An earlier EngineStop test may have stopped the node: start it (a no-op when running).
  ASSERT_EQ(es_local("start"), 0) << "scripts/es-local start failed";
  constexpr int kFiles = 3000;
  fs::remove_all(root_);
  for (int n = 0; n < kFiles; ++n) {
    const fs::path path =
        root_ / ("d" + std::to_string(n / 500)) / ("f-" + std::to_string(n) + ".txt");
    fs::create_directories(path.parent_path());
    std::ofstream(path) << "file " << n;
  }
  run(client_.delete_index(index_));

  // One document per bulk request, one request at a time: the sync lasts long enough for
  // the node to go away under it.
  SyncEngineOptions slow;
  slow.index = index_;
  slow.pipeline = "";
  slow.bulk.chunk_size = 2;
  slow.bulk.max_concurrency = 1;
  std::atomic<int> stopped{-1};
  std::atomic<int> started{-1};
  std::thread restarter([&] {
    // The node goes away once the sync has written something: its own client on its own
    // loop (the test's client belongs to the sync's thread) watches the index fill.
    asio::io_context watching;
    es::EsClient watcher(watching.get_executor(), options());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      std::uint64_t written = 0;
      try {
        written = core::run_to_completion(watching, watcher.count(index_, std::nullopt, true));
      } catch (const std::exception&) {
        // not created yet
      }
      if (written >= 100) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stopped = es_local("stop");
    started = es_local("start");
  });
  SyncResult interrupted = sync(slow);
  restarter.join();
  ASSERT_EQ(stopped, 0) << "scripts/es-local stop failed";
  ASSERT_EQ(started, 0) << "scripts/es-local start failed after the stop";

  // A clear state: the sync says it failed, and why; it is not mistaken for a clean run.
  const bool failed = interrupted.fetch_error.has_value() || !interrupted.rejected.empty();
  ASSERT_TRUE(failed) << "the sync finished as if nothing happened ("
                      << interrupted.counters.indexed_document_count << " indexed)";
  const std::string why =
      interrupted.fetch_error ? *interrupted.fetch_error : interrupted.rejected.front().reason;
  EXPECT_FALSE(why.empty());
  EXPECT_LT(interrupted.counters.indexed_document_count, static_cast<std::uint64_t>(kFiles));
  EXPECT_EQ(interrupted.counters.deleted_document_count, 0u);

  SyncEngineOptions normal;
  normal.index = index_;
  normal.pipeline = "";
  SyncResult next = sync(normal);
  EXPECT_FALSE(next.fetch_error) << *next.fetch_error;
  EXPECT_TRUE(next.rejected.empty()) << next.rejected.front().reason;
  EXPECT_EQ(count(), static_cast<std::uint64_t>(kFiles));

  SyncResult settled = sync(normal);
  EXPECT_FALSE(settled.fetch_error);
  EXPECT_EQ(settled.counters.indexed_document_count, 0u);
  EXPECT_EQ(settled.counters.unchanged, static_cast<std::uint64_t>(kFiles));

  run(client_.delete_index(index_));
  fs::remove_all(root_);
}

}  // namespace
}  // namespace ei::sync
