// The job runner of the service (spec §11) with no Elasticsearch: the protocol documents in
// an in-memory store, the content index in an in-memory index, an in-memory source. It
// claims the job, runs the engine under its job check, and writes the job's end and the
// connector's "sync done" — or, when the writes fail after the documents reached the index
// (a crash between bulk and job update), loses nothing that the next sync cannot converge.
#include "service/sync_job_runner.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <memory>
#include <string>

#include "core/run_to_completion.hpp"
#include "core/time.hpp"
#include "protocol/connector_updates.hpp"
#include "service/stale_lock.hpp"
#include "support/memory_index.hpp"
#include "support/memory_protocol_store.hpp"
#include "support/memory_source.hpp"

namespace ei::service {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using testing::MemoryBackend;

constexpr const char* kConnector = "connector-1";
constexpr const char* kIndex = "search-memory";
constexpr const char* kMonday = "2026-11-30T10:00:00+00:00";

// The content side on an in-memory index.
class MemorySyncTarget final : public SyncTarget {
 public:
  asio::awaitable<void> prepare_index(std::string index, std::string) override {
    prepared.push_back(std::move(index));
    co_return;
  }
  asio::awaitable<sync::PipelineAvailability> ensure_pipeline(std::string) override {
    co_return sync::PipelineAvailability::existing;
  }
  asio::awaitable<std::uint64_t> count_after_refresh(std::string) override {
    co_return index.documents.size();
  }
  es::IndexReader& reader() override { return index; }
  es::BulkSink& sink() override { return index; }

  testing::MemoryIndex index;
  std::vector<std::string> prepared;
};

class SyncJobRunnerTest : public ::testing::Test {
 protected:
  SyncJobRunnerTest()
      : es_(io_.get_executor(), es::EsOptions{}),  // never called: the store and target are ours
        context_{config_, es_, {}, {}, io_.get_executor(), pool_.get_executor(), "test-host"} {
    entry_.service_type = "memory";
    entry_.class_spec = "tests:MemorySource";
    entry_.type.descriptor = testing::MemorySource::descriptor_ptr();
    entry_.type.create = [backend = backend_](source::DataSourceConfiguration configuration,
                                              const source::SourceContext&) {
      return std::make_unique<testing::MemorySource>(testing::MemorySource::descriptor_ptr(),
                                                     std::move(configuration), backend);
    };
    store_.put_connector(
        kConnector,
        json::object{{"service_type", "memory"},
                     {"index_name", kIndex},
                     {"status", "connected"},
                     {"configuration", entry_.type.descriptor->default_configuration.to_json()},
                     {"filtering", json::array{}},
                     {"pipeline", json::object{{"name", "ent-search-generic-ingestion"},
                                               {"extract_binary_content", true},
                                               {"reduce_whitespace", true},
                                               {"run_ml_inference", false}}}});
  }

  // A pending job for the connector, as the schedule service would create it.
  std::string new_job() {
    const auto connector = core::run_to_completion(io_, store_.fetch_connector(kConnector));
    return core::run_to_completion(
        io_, store_.create_job(protocol::new_sync_job_document(
                 *connector, protocol::TriggerMethod::on_demand, core::Clock::now())));
  }

  // Runs the job to its end; what run() threw, if anything.
  std::optional<std::string> run_job(const std::string& id) {
    auto job = core::run_to_completion(io_, store_.fetch_job(id));
    RunnerTiming timing;
    timing.check_interval = std::chrono::milliseconds(10);
    timing.report_interval = std::chrono::milliseconds(20);
    SyncJobRunner runner(context_, entry_, std::move(*job), store_, target_, timing);
    try {
      claimed_ = core::run_to_completion(io_, runner.run());
    } catch (const std::exception& error) {
      return std::string(error.what());
    }
    return std::nullopt;
  }

  std::string job_field(const std::string& id, std::string_view field) const {
    const json::value* value = store_.job(id).if_contains(field);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
  }
  std::int64_t job_count(const std::string& id, std::string_view field) const {
    return store_.job(id).at(field).to_number<std::int64_t>();
  }

  asio::io_context io_;
  asio::thread_pool pool_{1};
  core::Config config_;
  es::EsClient es_;
  ServiceContext context_;
  source::ResolvedSource entry_;
  std::shared_ptr<MemoryBackend> backend_ = std::make_shared<MemoryBackend>();
  testing::MemoryProtocolStore store_;
  MemorySyncTarget target_;
  bool claimed_ = false;
};

TEST_F(SyncJobRunnerTest, AJobRunsToCompletedAndTheConnectorRecordsIt) {
  backend_->put(0, 120, kMonday);
  const std::string job = new_job();
  EXPECT_EQ(run_job(job), std::nullopt);
  EXPECT_TRUE(claimed_);
  EXPECT_EQ(job_field(job, "status"), "completed");
  EXPECT_EQ(job_count(job, "indexed_document_count"), 120);
  EXPECT_EQ(job_count(job, "deleted_document_count"), 0);
  EXPECT_EQ(job_count(job, "total_document_count"), 120);
  EXPECT_EQ(job_field(job, "worker_hostname"), "test-host");
  EXPECT_EQ(target_.prepared, std::vector<std::string>{kIndex});
  EXPECT_EQ(target_.index.documents.size(), 120u);
  const json::object& connector = store_.connector(kConnector);
  EXPECT_EQ(connector.at("last_sync_status"), "completed");
  EXPECT_EQ(connector.at("last_indexed_document_count"), 120);
  EXPECT_TRUE(backend_->closed);

  // A job that is not pending any more is not claimed again, and nothing is written.
  const auto before = store_.job(job);
  EXPECT_EQ(run_job(job), std::nullopt);
  EXPECT_FALSE(claimed_);
  EXPECT_EQ(store_.job(job), before);
}

TEST_F(SyncJobRunnerTest, ACancelRequestEndsTheJobCanceledCountingWhatReachedTheIndex) {
  backend_->put(0, 400, kMonday);
  target_.index.bulk_delay = std::chrono::milliseconds(20);
  const std::string job = new_job();
  backend_->before_emit = [this, job](std::size_t position) -> asio::awaitable<void> {
    if (position == 150) {
      // Kibana asks for a cancel: the runner's job check sees it within 10 ms.
      json::object canceling{{"status", "canceling"}};
      const es::WriteResult written = co_await store_.update_job(job, std::move(canceling));
      EXPECT_EQ(written.result, "updated");
    }
  };
  EXPECT_EQ(run_job(job), std::nullopt);
  EXPECT_EQ(job_field(job, "status"), "canceled");
  EXPECT_LT(target_.index.documents.size(), 400u);
  EXPECT_EQ(job_count(job, "indexed_document_count"),
            static_cast<std::int64_t>(target_.index.documents.size()));
  EXPECT_EQ(store_.connector(kConnector).at("last_sync_status"), "canceled");
}

TEST_F(SyncJobRunnerTest, ASourceFailureEndsTheJobInErrorWithItsMessage) {
  backend_->put(0, 50, kMonday);
  backend_->fail_after = 10;
  const std::string job = new_job();
  EXPECT_EQ(run_job(job), std::nullopt);
  EXPECT_EQ(job_field(job, "status"), "error");
  EXPECT_NE(job_field(job, "error").find("the backend went away"), std::string::npos)
      << job_field(job, "error");
  EXPECT_EQ(store_.connector(kConnector).at("last_sync_status"), "error");
  EXPECT_TRUE(backend_->closed);
}

// The documents reached the index, then the node went away before the job's end was
// written. The job is not left `completed` with nothing behind it: it stays `in_progress`
// (the cleanup service marks such jobs `error` once the worker's heartbeat is stale), and
// once the lock is released the next sync finds the documents already there.
TEST_F(SyncJobRunnerTest, ACrashBetweenBulkAndJobUpdateLosesNothingAndTheNextSyncConverges) {
  backend_->put(0, 200, kMonday);
  const std::string first = new_job();
  store_.fail_write = [](std::string_view index, const std::string&, const json::object& doc) {
    // Every write after the sync itself: the job's end and the connector's "sync done".
    const json::value* status = doc.if_contains("status");
    const bool ending_job =
        index == protocol::kJobsIndex && status != nullptr && *status != json::value("in_progress");
    return ending_job || doc.contains("last_synced");
  };
  const std::optional<std::string> crash = run_job(first);
  ASSERT_TRUE(crash);
  EXPECT_NE(crash->find("a write failure of the test"), std::string::npos) << *crash;
  EXPECT_GT(store_.failed_writes, 0u);
  EXPECT_EQ(target_.index.documents.size(), 200u);  // what the bulks wrote is there
  EXPECT_EQ(job_field(first, "status"), "in_progress");
  EXPECT_NE(job_field(first, "status"), "completed");

  // The restart: writes work again, the stale lock is released, a new job runs.
  store_.fail_write = nullptr;
  core::run_to_completion(io_, store_.update_connector(kConnector, stale_lock_release_update()));
  backend_->documents.erase(MemoryBackend::id(7));
  const std::string second = new_job();
  EXPECT_EQ(run_job(second), std::nullopt);
  EXPECT_TRUE(claimed_);
  EXPECT_EQ(job_field(second, "status"), "completed");
  EXPECT_EQ(job_count(second, "indexed_document_count"), 0);  // nothing was lost
  EXPECT_EQ(job_count(second, "deleted_document_count"), 1);
  EXPECT_EQ(target_.index.documents.size(), 199u);
}

}  // namespace
}  // namespace ei::service
