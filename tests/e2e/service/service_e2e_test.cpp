// The connector service end to end: the real `elastic-ingest` binary as a process against the
// real engine (EI_ES_URL, default http://127.0.0.1:9200), with the directory source over
// temporary folders. Connector and job documents are written directly, as Kibana would.

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <regex>

#include "e2e/service/service_process.hpp"
#include "integration/es/es_test_support.hpp"
#include "protocol/connector.hpp"
#include "protocol/index_names.hpp"
#include "protocol/job_updates.hpp"
#include "protocol/sync_job.hpp"
#include "service/protocol_indices.hpp"

namespace ei::service {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

const std::string kConnectors(protocol::kConnectorsIndex);
const std::string kJobs(protocol::kJobsIndex);
constexpr const char* kDirectoryClass = "connectors.sources.directory:DirectoryDataSource";

// EI_SERVICE_LOG_LEVEL=DEBUG shows the services' decisions in a failing test's output.
std::string log_level() {
  const char* level = std::getenv("EI_SERVICE_LOG_LEVEL");
  return level != nullptr && *level != '\0' ? level : "INFO";
}

std::string binary() {
  return std::string(EI_BINARY_DIR) + "/elastic-ingest";
}

class ServiceE2e : public es::testing::EsTest {
 protected:
  void SetUp() override {
    EsTest::SetUp();
    if (HasFatalFailure()) return;
    run(ensure_protocol_indices(client()));
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->name());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    id_ = "ei-svc-" + name.substr(0, 24) + "-" + std::to_string(::getpid());
    index_ = "search-" + id_;
    service_type_ = "dir_" + std::to_string(::getpid());
    dir_ = fs::temp_directory_path() / id_;
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "data");
  }

  void TearDown() override {
    processes_.clear();  // kills what a failed test left running
    try {
      json::value by_connector = json::object{
          {"terms", json::object{{"connector.id",
                                  json::array(connector_ids_.begin(), connector_ids_.end())}}}};
      run(client().delete_by_query(kJobs, by_connector));
      for (const auto& id : connector_ids_) run(client().delete_document(kConnectors, id));
      run(client().delete_index(index_, true));
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cleanup: " << e.what();
    }
    fs::remove_all(dir_);
    EsTest::TearDown();
  }

  // --- files -------------------------------------------------------------------------------
  void make_files(int count, const std::string& prefix = "file") {
    for (int i = 0; i < count; ++i) {
      std::ofstream(dir_ / "data" / (prefix + std::to_string(i) + ".txt")) << "content " << i;
    }
  }

  // --- config and processes -----------------------------------------------------------------
  // mode "client": connector-client mode serving id_; "native": native connectors of
  // service_type_ (a type no other test uses, backed by the directory source).
  // `bulk` adds lines to elasticsearch.bulk (each "key: value").
  fs::path write_config(const std::string& mode, int chunk_size = 100,
                        const std::vector<std::string>& bulk = {"max_concurrency: 1"}) {
    std::ostringstream yaml;
    yaml << "elasticsearch:\n  host: " << es::testing::es_url() << "\n"
         << "  bulk:\n    chunk_size: " << chunk_size << "\n";
    for (const std::string& line : bulk) yaml << "    " << line << "\n";
    yaml << "service:\n  idling: 1\n  heartbeat: 2\n  job_cleanup_interval: 2\n"
         << "  max_errors: 20\n  max_errors_span: 600\n  log_level: " << log_level() << "\n"
         << "  preflight_max_attempts: 2\n  preflight_idle: 1\n";
    if (mode == "client") {
      yaml << "connector_id: " << id_ << "\nservice_type: dir\nnative_service_types: []\n"
           << "sources:\n  dir: " << kDirectoryClass << "\n";
    } else {
      yaml << "native_service_types:\n  - " << service_type_ << "\n"
           << "sources:\n  " << service_type_ << ": " << kDirectoryClass << "\n";
    }
    auto path = dir_ / ("config-" + mode + ".yml");
    std::ofstream(path) << yaml.str();
    return path;
  }

  test::ServiceProcess& start_service(const fs::path& config, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{binary(), "-c", config.string()};
    for (auto& arg : extra) argv.push_back(std::move(arg));
    auto log = dir_ / ("service-" + std::to_string(processes_.size()) + ".log");
    processes_.push_back(std::make_unique<test::ServiceProcess>(argv, log));
    EXPECT_TRUE(processes_.back()->started());
    return *processes_.back();
  }

  // --- documents ----------------------------------------------------------------------------
  void put_connector(const std::string& id, json::object document) {
    connector_ids_.insert(id);
    es::WriteOptions options;
    options.refresh = "true";
    run(client().index_document(kConnectors, id, std::move(document), options));
  }

  // As Kibana does, unconditionally; the engine's 409 (a service write slipped in between its
  // internal read and write) is retried.
  void update_connector(const std::string& id, json::object partial) {
    for (int attempt = 1;; ++attempt) {
      try {
        run(client().update_document(kConnectors, id, partial));
        return;
      } catch (const es::VersionConflictError&) {
        if (attempt >= 5) throw;
      }
    }
  }

  void update_job(const std::string& id, json::object partial) {
    for (int attempt = 1;; ++attempt) {
      try {
        run(client().update_document(kJobs, id, partial));
        return;
      } catch (const es::VersionConflictError&) {
        if (attempt >= 5) throw;
      }
    }
  }

  json::object native_connector(const std::string& directory) {
    return json::object{
        {"is_native", true},
        {"service_type", service_type_},
        {"status", "configured"},
        {"index_name", index_},
        {"language", "en"},
        {"name", id_},
        {"configuration",
         {{"directory", {{"value", directory}}}, {"pattern", {{"value", "**/*.txt"}}}}},
        {"scheduling", {{"enabled", false}, {"interval", "0 0 0 * * ?"}}},
        {"sync_now", false},
        {"filtering", json::array{}},
        {"features", json::object{}},
    };
  }

  // The connector with its pipeline's content extraction on: files get downloaded.
  static json::object with_content_extraction(json::object connector) {
    connector["pipeline"] = json::object{{"name", "ent-search-generic-ingestion"},
                                         {"extract_binary_content", true},
                                         {"reduce_whitespace", true},
                                         {"run_ml_inference", false}};
    return connector;
  }

  std::optional<json::object> connector(const std::string& id) {
    auto document = run(client().get_document(kConnectors, id));
    if (!document) return std::nullopt;
    return document->source;
  }

  std::optional<json::object> job(const std::string& id) {
    auto document = run(client().get_document(kJobs, id));
    if (!document) return std::nullopt;
    return document->source;
  }

  std::string create_job(const std::string& connector_id) {
    auto stored = run(client().get_document(kConnectors, connector_id));
    EXPECT_TRUE(stored);
    auto model = protocol::Connector::read(connector_id, stored->source);
    auto document = protocol::new_sync_job_document(model, protocol::TriggerMethod::on_demand,
                                                    core::Clock::now());
    es::WriteOptions options;
    options.refresh = "true";
    return run(client().index_document(kJobs, std::nullopt, std::move(document), options)).id;
  }

  std::vector<std::pair<std::string, json::object>> jobs_of(const std::string& connector_id) {
    run(client().refresh(kJobs));
    json::object body{{"query", {{"term", {{"connector.id", connector_id}}}}},
                      {"size", 100},
                      {"sort", json::array{json::object{{"created_at", "asc"}}}}};
    auto response = run(client().search(kJobs, body));
    std::vector<std::pair<std::string, json::object>> jobs;
    for (const auto& hit : response.at("hits").at("hits").as_array()) {
      jobs.emplace_back(std::string(hit.at("_id").as_string()), hit.at("_source").as_object());
    }
    return jobs;
  }

  std::uint64_t content_count() {
    run(client().refresh(index_, true));
    return run(client().count(index_, std::nullopt, true));
  }

  static std::string text(const json::object& object, const char* key) {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->as_string()) : std::string();
  }
  static std::int64_t number(const json::object& object, const char* key) {
    const auto* value = object.if_contains(key);
    return value && value->is_int64() ? value->as_int64() : -1;
  }

  // Polls `condition` every 200 ms; false after `timeout`.
  bool eventually(const std::function<bool()>& condition, std::chrono::seconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (condition()) return true;
      std::this_thread::sleep_for(200ms);
    }
    return condition();
  }

  // The job's progress shows documents indexed: the sync is under way.
  bool some_documents_indexed(const std::string& id) {
    return eventually(
        [&] {
          auto document = job(id);
          return document && number(*document, "indexed_document_count") > 0;
        },
        60s);
  }

  bool job_status_is(const std::string& id, const std::string& status,
                     std::chrono::seconds timeout) {
    return eventually(
        [&] {
          auto document = job(id);
          return document && text(*document, "status") == status;
        },
        timeout);
  }

  // The connector's "sync done" lands just after the job's terminal write: poll for it.
  bool connector_field_is(const std::string& id, const char* key, const std::string& value) {
    return eventually([&] { return text(*connector(id), key) == value; }, 10s);
  }

  std::string logs() {
    std::string all;
    for (auto& process : processes_) all += process->output();
    return all;
  }

  std::string id_;
  std::string index_;
  std::string service_type_;
  fs::path dir_;
  std::set<std::string> connector_ids_;
  std::vector<std::unique_ptr<test::ServiceProcess>> processes_;
};

TEST_F(ServiceE2e, ConnectorGoesFromCreatedToConnectedAndSyncNowRunsASync) {
  make_files(3);
  put_connector(id_, json::object{{"is_native", false},
                                  {"service_type", nullptr},
                                  {"status", "created"},
                                  {"index_name", index_},
                                  {"configuration", json::object{}},
                                  {"scheduling", {{"enabled", false}, {"interval", "0 0 0 * * ?"}}},
                                  {"sync_now", false},
                                  {"filtering", json::array{}}});
  auto& service = start_service(write_config("client"));

  // The service writes the source's schema, its service type and needs_configuration.
  ASSERT_TRUE(eventually(
      [&] {
        auto c = connector(id_);
        return c && text(*c, "status") == "needs_configuration";
      },
      30s))
      << logs();
  auto c = *connector(id_);
  EXPECT_EQ(text(c, "service_type"), "dir");
  ASSERT_TRUE(c.at("configuration").as_object().contains("directory"));
  EXPECT_EQ(c.at("configuration").at("directory").at("label").as_string(), "Directory path");
  EXPECT_TRUE(eventually([&] { return connector(id_)->contains("last_seen"); }, 10s));
  EXPECT_TRUE(jobs_of(id_).empty());

  // Kibana saves the configuration (configured), then the user asks for a sync.
  update_connector(
      id_, json::object{{"configuration", {{"directory", {{"value", (dir_ / "data").string()}}}}},
                        {"status", "configured"}});
  ASSERT_TRUE(eventually([&] { return text(*connector(id_), "status") == "configured"; }, 5s));
  update_connector(id_, json::object{{"sync_now", true}});

  ASSERT_TRUE(eventually(
      [&] {
        auto jobs = jobs_of(id_);
        return jobs.size() == 1 && text(jobs[0].second, "status") == "completed";
      },
      60s))
      << logs();
  auto [job_id, done] = jobs_of(id_)[0];
  EXPECT_EQ(text(done, "trigger_method"), "on_demand");
  EXPECT_EQ(number(done, "indexed_document_count"), 3);
  EXPECT_EQ(number(done, "deleted_document_count"), 0);
  EXPECT_EQ(number(done, "indexed_document_volume"), 0);
  EXPECT_EQ(number(done, "total_document_count"), 3);
  EXPECT_FALSE(text(done, "worker_hostname").empty());
  EXPECT_FALSE(text(done, "completed_at").empty());
  EXPECT_EQ(content_count(), 3u);

  EXPECT_TRUE(connector_field_is(id_, "status", "connected"));
  EXPECT_TRUE(connector_field_is(id_, "last_sync_status", "completed"));
  c = *connector(id_);
  EXPECT_EQ(c.at("sync_now").as_bool(), false);
  EXPECT_EQ(number(c, "last_indexed_document_count"), 3);
  EXPECT_TRUE(c.at("error").is_null());
  EXPECT_TRUE(service.alive());

  service.signal(SIGTERM);
  EXPECT_EQ(service.wait(20s), 0);
  EXPECT_NE(service.output().find("Caught SIGTERM. Graceful shutdown."), std::string::npos);
}

TEST_F(ServiceE2e, PendingJobsRunToCompletedAndTheNextSyncDeletesVanishedFiles) {
  make_files(5);
  put_connector(id_, native_connector((dir_ / "data").string()));
  auto first = create_job(id_);
  auto& service = start_service(write_config("native"));
  ASSERT_TRUE(job_status_is(first, "completed", 60s)) << logs();
  auto done = *job(first);
  EXPECT_EQ(number(done, "indexed_document_count"), 5);
  EXPECT_EQ(number(done, "total_document_count"), 5);
  EXPECT_EQ(content_count(), 5u);
  // The schema properties were completed for the bare `value` entry.
  auto c = *connector(id_);
  EXPECT_TRUE(c.at("configuration").at("directory").as_object().contains("display"));

  fs::remove(dir_ / "data" / "file0.txt");
  fs::remove(dir_ / "data" / "file1.txt");
  make_files(1, "extra");
  auto second = create_job(id_);
  ASSERT_TRUE(job_status_is(second, "completed", 60s)) << logs();
  done = *job(second);
  EXPECT_EQ(number(done, "deleted_document_count"), 2);
  EXPECT_EQ(number(done, "indexed_document_count"), 1);
  EXPECT_EQ(number(done, "total_document_count"), 4);
  EXPECT_EQ(content_count(), 4u);
  EXPECT_TRUE(connector_field_is(id_, "last_sync_status", "completed"));
  EXPECT_TRUE(service.alive());
}

TEST_F(ServiceE2e, ACronScheduleFires) {
  make_files(2);
  auto document = native_connector((dir_ / "data").string());
  document["scheduling"] = json::object{{"enabled", true}, {"interval", "0/5 * * * * ?"}};
  put_connector(id_, document);
  start_service(write_config("native"));
  ASSERT_TRUE(eventually(
      [&] {
        for (const auto& [id, job] : jobs_of(id_)) {
          if (text(job, "status") == "completed") return true;
        }
        return false;
      },
      60s))
      << logs();
  auto jobs = jobs_of(id_);
  ASSERT_FALSE(jobs.empty());
  EXPECT_EQ(text(jobs[0].second, "trigger_method"), "scheduled");
  // last_sync_scheduled_at holds a fire time: a multiple of 5 seconds, naive.
  auto scheduled = text(*connector(id_), "last_sync_scheduled_at");
  ASSERT_EQ(scheduled.size(), 19u) << scheduled;
  EXPECT_EQ(std::stoi(scheduled.substr(17, 2)) % 5, 0) << scheduled;
  EXPECT_EQ(content_count(), 2u);
}

TEST_F(ServiceE2e, CancelingALongSyncEndsCanceled) {
  make_files(4000);
  put_connector(id_, native_connector((dir_ / "data").string()));
  auto job_id = create_job(id_);
  start_service(write_config("native", /*chunk_size=*/1));
  ASSERT_TRUE(job_status_is(job_id, "in_progress", 60s)) << logs();
  ASSERT_TRUE(some_documents_indexed(job_id)) << logs();  // mid-sync, by the job's progress
  update_job(job_id, protocol::job_cancel_request_update(core::Clock::now()));
  const auto asked = std::chrono::steady_clock::now();
  ASSERT_TRUE(job_status_is(job_id, "canceled", 30s)) << logs();
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 15s);
  auto done = *job(job_id);
  EXPECT_FALSE(text(done, "canceled_at").empty());
  EXPECT_FALSE(text(done, "completed_at").empty());
  EXPECT_TRUE(done.at("error").is_null());
  EXPECT_LT(number(done, "indexed_document_count"), 4000);
  auto c = *connector(id_);
  EXPECT_TRUE(connector_field_is(id_, "last_sync_status", "canceled"));
  EXPECT_TRUE(connector_field_is(id_, "status", "connected"));
}

TEST_F(ServiceE2e, SigtermSuspendsTheRunningJob) {
  make_files(4000);
  put_connector(id_, native_connector((dir_ / "data").string()));
  auto job_id = create_job(id_);
  auto& service = start_service(write_config("native", /*chunk_size=*/1));
  ASSERT_TRUE(job_status_is(job_id, "in_progress", 60s)) << logs();
  ASSERT_TRUE(some_documents_indexed(job_id)) << logs();  // mid-sync, by the job's progress
  service.signal(SIGTERM);
  EXPECT_EQ(service.wait(30s), 0) << service.output();
  auto done = *job(job_id);
  EXPECT_EQ(text(done, "status"), "suspended");
  EXPECT_FALSE(done.contains("completed_at") && !done.at("completed_at").is_null());
  auto c = *connector(id_);
  EXPECT_EQ(text(c, "last_sync_status"), "suspended");
  EXPECT_EQ(text(c, "status"), "connected");

  // A suspended job is picked up again and runs to the end.
  start_service(write_config("native", /*chunk_size=*/500));
  ASSERT_TRUE(job_status_is(job_id, "completed", 120s)) << logs();
  EXPECT_EQ(content_count(), 4000u);
}

TEST_F(ServiceE2e, KillDuringSyncThenCleanupFailsTheIdleJobAndTheNextSyncConverges) {
  // Enough files that a one-document-per-request sync outlasts the first progress report
  // (10 s) even on a quiet machine (4,000 took 9 s).
  constexpr int kFiles = 20000;
  make_files(kFiles);
  put_connector(id_, native_connector((dir_ / "data").string()));
  auto job_id = create_job(id_);
  auto& doomed = start_service(write_config("native", /*chunk_size=*/1));
  // Killed after the first progress report (10 s): the job had a heartbeat, then none.
  ASSERT_TRUE(eventually(
      [&] {
        auto document = job(job_id);
        return document && text(*document, "status") == "in_progress" &&
               number(*document, "indexed_document_count") > 0;
      },
      60s))
      << logs();
  doomed.signal(SIGKILL);
  doomed.wait(10s);
  EXPECT_EQ(text(*job(job_id), "status"), "in_progress");

  start_service(write_config("native", /*chunk_size=*/500));
  ASSERT_TRUE(job_status_is(job_id, "error", 120s)) << logs();
  auto failed = *job(job_id);
  EXPECT_EQ(text(failed, "error"), "The job has not seen any update for some time.");
  auto c = *connector(id_);
  EXPECT_TRUE(connector_field_is(id_, "last_sync_status", "error"));
  EXPECT_TRUE(connector_field_is(id_, "status", "error"));

  auto next = create_job(id_);
  ASSERT_TRUE(job_status_is(next, "completed", 120s)) << logs();
  EXPECT_EQ(content_count(), static_cast<std::uint64_t>(kFiles));
  EXPECT_TRUE(connector_field_is(id_, "status", "connected"));
}

// --- Faults found by hostile testing ---------------------------------------------------------

// The PID of the node scripts/es-local started (the suite runs against it).
pid_t engine_pid() {
  const std::string command = std::string(EI_SOURCE_DIR) + "/scripts/es-local pid";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char line[64] = {};
  const bool read = std::fgets(line, sizeof line, pipe) != nullptr;
  const int status = ::pclose(pipe);
  if (!read || status != 0) return -1;
  return static_cast<pid_t>(std::atol(line));
}

// A frozen node (SIGSTOP, as a long GC pause or a hung VM) filled the queue; documents whose
// download finished then could not be queued were only logged, with an empty id, and the
// job ended `completed` with documents missing.
TEST_F(ServiceE2e, AFrozenEngineNeverEndsACompletedJobWithMissingDocuments) {
  constexpr int kFiles = 3000;
  make_files(kFiles);
  const pid_t node = engine_pid();
  ASSERT_GT(node, 0) << "scripts/es-local pid found no running node";
  put_connector(id_, with_content_extraction(native_connector((dir_ / "data").string())));
  auto job_id = create_job(id_);
  start_service(write_config("native", /*chunk_size=*/2,
                             {"max_concurrency: 1", "queue_max_size: 4", "queue_refresh_timeout: 2",
                              "concurrent_downloads: 10"}));
  ASSERT_TRUE(some_documents_indexed(job_id)) << logs();
  ASSERT_EQ(::kill(node, SIGSTOP), 0);
  std::this_thread::sleep_for(6s);  // the fault itself: three queue timeouts long
  ASSERT_EQ(::kill(node, SIGCONT), 0);
  ASSERT_TRUE(eventually(
      [&] {
        auto document = job(job_id);
        const std::string status = document ? text(*document, "status") : "";
        return status == "completed" || status == "error";
      },
      180s))
      << logs();
  auto done = *job(job_id);
  const std::uint64_t indexed = content_count();
  if (text(done, "status") == "completed") {
    EXPECT_EQ(indexed, static_cast<std::uint64_t>(kFiles)) << "completed with documents missing";
  } else {
    EXPECT_NE(text(done, "error").find("documents were not indexed"), std::string::npos)
        << text(done, "error");
    EXPECT_NE(text(done, "error").find("queue_timeout"), std::string::npos) << text(done, "error");
    EXPECT_LT(indexed, static_cast<std::uint64_t>(kFiles));
  }
  // Every document that was not sent is named in the log, by its id.
  const std::string all = logs();
  EXPECT_EQ(all.find("Exception found for task download of :"), std::string::npos);
  EXPECT_EQ(all.find("Document  could not be queued"), std::string::npos);

  // With the node running freely, the next sync converges.
  auto next = create_job(id_);
  ASSERT_TRUE(job_status_is(next, "completed", 180s)) << logs();
  EXPECT_EQ(content_count(), static_cast<std::uint64_t>(kFiles));
}

// A cancel dropped the bulk requests in flight, but Elasticsearch applied them: the index
// held 2,000 documents more than the job counted.
TEST_F(ServiceE2e, ACanceledJobCountsEveryDocumentThatReachedTheIndex) {
  constexpr int kFiles = 20000;
  make_files(kFiles);
  put_connector(id_, native_connector((dir_ / "data").string()));
  auto job_id = create_job(id_);
  // One document a request, five in flight: a sync long enough to cancel in the middle.
  start_service(write_config("native", /*chunk_size=*/2, {"max_concurrency: 5"}));
  ASSERT_TRUE(some_documents_indexed(job_id)) << logs();
  update_job(job_id, protocol::job_cancel_request_update(core::Clock::now()));
  ASSERT_TRUE(job_status_is(job_id, "canceled", 60s)) << logs();
  const std::int64_t counted = number(*job(job_id), "indexed_document_count");
  // Anything still arriving would show here.
  std::this_thread::sleep_for(3s);
  EXPECT_LT(counted, kFiles) << "the cancel came too late to test anything";
  EXPECT_EQ(static_cast<std::int64_t>(content_count()), counted) << logs();
}

// A folder renamed away (an unmounted share) looked like an empty source: the sync completed
// and deleted every document.
TEST_F(ServiceE2e, AVanishedRootFailsTheJobAndDeletesNothing) {
  make_files(20);
  put_connector(id_, native_connector((dir_ / "data").string()));
  auto first = create_job(id_);
  start_service(write_config("native"));
  ASSERT_TRUE(job_status_is(first, "completed", 60s)) << logs();
  ASSERT_EQ(content_count(), 20u);

  fs::rename(dir_ / "data", dir_ / "moved");
  auto second = create_job(id_);
  ASSERT_TRUE(job_status_is(second, "error", 60s)) << logs();
  EXPECT_NE(text(*job(second), "error").find("cannot be read"), std::string::npos)
      << text(*job(second), "error");
  EXPECT_EQ(content_count(), 20u);
  EXPECT_EQ(number(*job(second), "deleted_document_count"), 0);
}

// A file over the download limit (10 MiB) is indexed without its content; its neighbours
// are indexed too (a 200 MB file failed its whole batch with HTTP 413, at every sync).
TEST_F(ServiceE2e, AFileOverTheSizeLimitIsIndexedWithoutContentBesideTheOthers) {
  make_files(10);
  {
    std::ofstream big(dir_ / "data" / "big.txt", std::ios::binary);
    const std::string line(1023, 'y');
    for (int i = 0; i < 12 * 1024; ++i) big << line << '\n';  // 12 MiB
  }
  put_connector(id_, with_content_extraction(native_connector((dir_ / "data").string())));
  auto job_id = create_job(id_);
  start_service(write_config("native"));
  ASSERT_TRUE(job_status_is(job_id, "completed", 60s)) << logs();
  EXPECT_EQ(content_count(), 11u);
  EXPECT_EQ(number(*job(job_id), "indexed_document_count"), 11);
  EXPECT_NE(logs().find("is larger than 10485760 bytes. Discarding file content"),
            std::string::npos)
      << logs();
}

// File names are bytes: one in Latin-1 made every sync fail (the body was not UTF-8).
TEST_F(ServiceE2e, FileNamesThatAreNotUtf8AreIndexed) {
  make_files(3);
  std::ofstream(dir_ / "data" / "caf\xE9.txt") << "latin-1 name";
  put_connector(id_, native_connector((dir_ / "data").string()));
  auto job_id = create_job(id_);
  start_service(write_config("native"));
  ASSERT_TRUE(job_status_is(job_id, "completed", 60s)) << logs();
  EXPECT_EQ(content_count(), 4u);
  auto found = run(client().search(index_, json::object{{"size", 10}}));
  int replaced = 0;
  for (const auto& hit : found.at("hits").at("hits").as_array()) {
    const std::string path(hit.at("_source").at("path").as_string());
    if (path == (dir_ / "data").string() + "/caf\xEF\xBF\xBD.txt") ++replaced;
  }
  EXPECT_EQ(replaced, 1) << json::serialize(found);

  // The next sync sees the same id: nothing to send, nothing to delete.
  auto again = create_job(id_);
  ASSERT_TRUE(job_status_is(again, "completed", 60s)) << logs();
  EXPECT_EQ(number(*job(again), "indexed_document_count"), 0);
  EXPECT_EQ(number(*job(again), "deleted_document_count"), 0);
}

// The shipped config.yml names all thirteen sources of the reference, and this build has them
// all: the service starts without the one WARNING a smaller build (EI_SOURCES) gives for the
// sources it lacks (that message: Registry.CataloguedButNotBuilt), and without an ERROR.
TEST_F(ServiceE2e, EverySourceOfTheShippedConfigIsBuilt) {
  std::ifstream shipped(fs::path(EI_SOURCE_DIR) / "config.yml");
  const std::string text((std::istreambuf_iterator<char>(shipped)),
                         std::istreambuf_iterator<char>());
  const auto sources = text.find("\nsources:\n");
  ASSERT_NE(sources, std::string::npos) << text;
  auto config = dir_ / "config-shipped-sources.yml";
  std::ofstream(config) << "elasticsearch:\n  host: " << es::testing::es_url()
                        << "\nservice:\n  idling: 1\n  heartbeat: 2\n  max_errors: 20\n"
                        << "  max_errors_span: 600\n  preflight_max_attempts: 2\n"
                        << "  preflight_idle: 1\n"
                        << text.substr(sources + 1);
  auto& service = start_service(config);
  ASSERT_TRUE(eventually(
      [&] { return service.output().find("Schedule service started") != std::string::npos; }, 30s))
      << logs();
  const std::string output = service.output();
  EXPECT_EQ(output.find("that this build does not have"), std::string::npos) << output;
  EXPECT_EQ(output.find("[ERROR]"), std::string::npos) << output;
}

TEST_F(ServiceE2e, TwoServicesRunTwentyQueuedJobsExactlyOnce) {
  make_files(3);
  put_connector(id_, native_connector((dir_ / "data").string()));
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) ids.push_back(create_job(id_));
  auto config = write_config("native");
  start_service(config);
  start_service(config);
  ASSERT_TRUE(eventually(
      [&] {
        int completed = 0;
        for (const auto& [id, job] : jobs_of(id_)) completed += text(job, "status") == "completed";
        return completed == 20;
      },
      300s))
      << logs();
  auto all = logs();
  std::map<std::string, int> starts;
  std::regex started(R"(\[([A-Za-z0-9_\-]+)\] Sync job started)");
  for (auto it = std::sregex_iterator(all.begin(), all.end(), started);
       it != std::sregex_iterator(); ++it) {
    ++starts[(*it)[1]];
  }
  for (const auto& id : ids)
    EXPECT_EQ(starts[id], 1) << "job " << id << " started " << starts[id] << " times";
  EXPECT_EQ(starts.size(), 20u);
  // Both processes took part or one did all: either way no job ran twice; the lock kept the
  // connector's syncs one at a time.
  EXPECT_EQ(content_count(), 3u);
  EXPECT_TRUE(connector_field_is(id_, "last_sync_status", "completed"));
}

TEST_F(ServiceE2e, AMalformedConnectorGetsAClearErrorAndTheServiceKeepsRunning) {
  make_files(2);
  const std::string bad_id = id_ + "-bad";
  auto bad = native_connector((dir_ / "data").string());
  bad["status"] = "ready-ish";
  bad["index_name"] = 12345;
  bad["scheduling"] = json::object{{"enabled", true}, {"interval", 42}};
  put_connector(bad_id, bad);
  put_connector(id_, native_connector((dir_ / "data").string()));
  auto& service = start_service(write_config("native"));
  ASSERT_TRUE(eventually(
      [&] {
        auto c = connector(bad_id);
        return c && text(*c, "status") == "error" &&
               text(*c, "error").find("index_name") != std::string::npos;
      },
      30s))
      << logs();
  auto error = text(*connector(bad_id), "error");
  EXPECT_NE(error.find("malformed"), std::string::npos) << error;
  EXPECT_NE(error.find("scheduling.interval"), std::string::npos) << error;
  // The good connector still syncs, and the process is alive.
  auto job_id = create_job(id_);
  ASSERT_TRUE(job_status_is(job_id, "completed", 60s)) << logs();
  EXPECT_TRUE(jobs_of(bad_id).empty());
  EXPECT_TRUE(service.alive());
}

TEST_F(ServiceE2e, ALockLeftByADeadProcessIsReleasedAndThePendingJobRuns) {
  make_files(2);
  // As left by a process killed between taking the lock and claiming its job.
  auto document = native_connector((dir_ / "data").string());
  document["last_sync_status"] = "in_progress";
  document["status"] = "connected";
  put_connector(id_, document);
  auto job_id = create_job(id_);
  start_service(write_config("native"));
  ASSERT_TRUE(job_status_is(job_id, "completed", 60s)) << logs();
  EXPECT_NE(logs().find("releasing the lock"), std::string::npos);
  // The connector's "sync done" follows the job's terminal write.
  EXPECT_TRUE(
      eventually([&] { return text(*connector(id_), "last_sync_status") == "completed"; }, 10s));
  EXPECT_EQ(content_count(), 2u);
}

json::object rule(const char* id, const char* policy, const char* field, const char* kind,
                  const char* value, int order) {
  return json::object{{"id", id},     {"policy", policy}, {"field", field},
                      {"rule", kind}, {"value", value},   {"order", order}};
}

json::object filter(json::array rules, const char* state) {
  return json::object{{"rules", std::move(rules)},
                      {"advanced_snippet", {{"value", json::object{}}}},
                      {"validation", {{"state", state}, {"errors", json::array{}}}}};
}

TEST_F(ServiceE2e, DraftSyncRulesAreValidatedPromotedAndApplied) {
  make_files(2, "keep");
  make_files(1, "skip");
  auto document = native_connector((dir_ / "data").string());
  document["features"] = json::object{{"sync_rules", {{"basic", {{"enabled", true}}}}}};
  auto default_rule = rule("DEFAULT", "include", "_", "regex", ".*", 1);
  json::array drafted{rule("no-skip", "exclude", "path", "contains", "skip", 0), default_rule};
  document["filtering"] = json::array{json::object{
      {"domain", "DEFAULT"},
      {"active", filter(json::array{default_rule}, "valid")},
      {"draft", filter(drafted, "edited")},
  }};
  put_connector(id_, document);
  start_service(write_config("native"));

  // A valid draft is marked valid and becomes the active filter.
  ASSERT_TRUE(eventually(
      [&] {
        auto c = connector(id_);
        const auto& element = c->at("filtering").at(0);
        return element.at("draft").at("validation").at("state") == "valid" &&
               element.at("active").at("rules").as_array().size() == 2;
      },
      30s))
      << logs();
  auto job_id = create_job(id_);
  ASSERT_TRUE(job_status_is(job_id, "completed", 60s)) << logs();
  EXPECT_EQ(number(*job(job_id), "indexed_document_count"), 2);
  EXPECT_EQ(content_count(), 2u);

  // An invalid draft is marked invalid with its errors; the active filter stays.
  json::array broken{rule("empty", "exclude", "path", "contains", "", 0), default_rule};
  auto c = *connector(id_);
  auto filtering = c.at("filtering").as_array();
  filtering[0].as_object()["draft"] = filter(broken, "edited");
  update_connector(id_, json::object{{"filtering", filtering}});
  ASSERT_TRUE(eventually(
      [&] {
        auto now = connector(id_);
        return now->at("filtering").at(0).at("draft").at("validation").at("state") == "invalid";
      },
      30s))
      << logs();
  c = *connector(id_);
  const auto& element = c.at("filtering").at(0);
  auto errors = json::serialize(element.at("draft").at("validation").at("errors"));
  EXPECT_NE(errors.find("data.value must be longer than or equal to 1 characters"),
            std::string::npos)
      << errors;
  EXPECT_EQ(element.at("active").at("rules").as_array().size(), 2u);
  EXPECT_EQ(element.at("active").at("rules").at(0).at("id"), "no-skip");
}

}  // namespace
}  // namespace ei::service
