#pragma once

// Shared by the PostgreSQL and MySQL end-to-end suites: the throw-away database server (a
// GoogleTest environment that starts it and stops it when the last user is done), a real
// Elasticsearch, and a sync through the real SyncEngine.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/run_to_completion.hpp"
#include "es/es_client.hpp"
#include "source/data_source.hpp"
#include "source/source_context.hpp"
#include "sync/sync_engine.hpp"

namespace ei::sql_testing {

inline std::string es_url() {
  const char* url = std::getenv("EI_ES_URL");
  return url != nullptr && *url != '\0' ? url : "http://127.0.0.1:9200";
}

// Runs a command; returns its exit status and stdout.
inline int run_command(const std::string& command, std::string& output) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) output.append(buffer, got);
  return ::pclose(pipe);
}

// Starts tests/servers/<name>/start before the first test and stops the server after the
// last one. ctest runs every test in its own process, possibly in parallel: a shared lock
// counts the processes using the server, and only the last one stops it.
class DatabaseServerEnvironment : public ::testing::Environment {
 public:
  explicit DatabaseServerEnvironment(std::string name) : name_(std::move(name)) {}

  void SetUp() override {
    const std::string root = EI_SOURCE_DIR;
    std::filesystem::create_directories(root + "/.cache/test-servers");
    const std::string base = root + "/.cache/test-servers/" + name_;
    control_fd_ = ::open((base + ".control.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    users_fd_ = ::open((base + ".users.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (control_fd_ < 0 || users_fd_ < 0) fail("cannot open the lock files " + base + ".*.lock");
    ::flock(control_fd_, LOCK_EX);
    ::flock(users_fd_, LOCK_SH);
    std::string output;
    const int status = run_command(root + "/tests/servers/" + name_ + "/start 2>&1", output);
    ::flock(control_fd_, LOCK_UN);
    if (status != 0) fail("tests/servers/" + name_ + "/start failed:\n" + output);
    started_ = true;
  }

  // A missing server is a failure, never a skip. (A fatal failure in an environment's SetUp
  // makes GoogleTest report every test as skipped, and ctest counts skipped tests as passed.)
  [[noreturn]] static void fail(const std::string& why) {
    std::fprintf(stderr, "FATAL: the database server is not available: %s\n", why.c_str());
    std::fflush(stderr);
    std::_Exit(1);
  }

  void TearDown() override {
    if (control_fd_ < 0) return;
    ::flock(control_fd_, LOCK_EX);
    ::flock(users_fd_, LOCK_UN);
    if (started_ && ::flock(users_fd_, LOCK_EX | LOCK_NB) == 0) {
      std::string output;
      run_command(std::string(EI_SOURCE_DIR) + "/tests/servers/" + name_ + "/stop 2>&1", output);
      ::flock(users_fd_, LOCK_UN);
    }
    ::flock(control_fd_, LOCK_UN);
    ::close(users_fd_);
    ::close(control_fd_);
    control_fd_ = users_fd_ = -1;
  }

 private:
  std::string name_;
  int control_fd_ = -1;
  int users_fd_ = -1;
  bool started_ = false;
};

// Collects what a source emits.
class CollectingSink : public source::DocumentSink {
 public:
  boost::asio::awaitable<void> emit(source::SourceDocument document) override {
    documents.push_back(std::move(document.document));
    co_return;
  }
  std::vector<boost::json::object> documents;
};

// An io_context, an ES client and a unique index (deleted at the end).
class SyncHarness {
 public:
  explicit SyncHarness(std::string index) : index_(std::move(index)) {
    es::EsOptions options;
    options.host = es_url();
    options.request_timeout = std::chrono::seconds(60);
    es_ = std::make_unique<es::EsClient>(io_.get_executor(), options);
  }
  ~SyncHarness() {
    try {
      run(es_->delete_index(index_));
    } catch (...) {
    }
  }

  template <class T>
  T run(boost::asio::awaitable<T> task) {
    return core::run_to_completion(io_, std::move(task));
  }

  // Blocking drivers (MongoDB) run on a pool of their own, as in the service.
  source::SourceContext context() { return {io_.get_executor(), pool_.get_executor()}; }
  const std::string& index() const { return index_; }
  es::EsClient& es() { return *es_; }

  void create_index() {
    run(es_->delete_index(index_));
    boost::json::object mapping{
        {"mappings", boost::json::object{
                         {"properties",
                          boost::json::object{{"id", boost::json::object{{"type", "keyword"}}}}}}}};
    run(es_->create_index(index_, mapping));
  }

  // One full sync of `source` into the index through the real engine.
  sync::SyncResult sync(source::DataSource& source, boost::json::object filter = {}) {
    sync::SyncEngineOptions options;
    options.index = index_;
    options.pipeline = "";  // no ingest pipeline on the test engine
    options.filter = protocol::Filter(std::move(filter));
    sync::SyncEngine engine(*es_, *es_, source, options);
    sync::SyncResult result = run(engine.run());
    run(source.close());
    run(es_->refresh(index_));
    return result;
  }

  // One sync with content extraction on (downloads run; no ingest pipeline) and, when
  // `rules`, the filter's basic rules applied; the source's bulk options as the service
  // applies them.
  sync::SyncResult sync_with_content(source::DataSource& source, boost::json::object filter = {},
                                     bool rules = false) {
    sync::SyncEngineOptions options;
    options.index = index_;
    options.pipeline = "";
    options.extract_binary_content = true;
    options.sync_rules_enabled = rules;
    options.filter = protocol::Filter(std::move(filter));
    source.tweak_bulk_options(options.bulk);
    sync::SyncEngine engine(*es_, *es_, source, options);
    sync::SyncResult result = run(engine.run());
    run(source.close());
    run(es_->refresh(index_));
    return result;
  }

  // Every document of the index by id (its `_source`).
  std::map<std::string, boost::json::object> documents() {
    std::map<std::string, boost::json::object> found;
    boost::json::value after;
    for (;;) {
      boost::json::object body{
          {"size", 5000},
          {"sort", boost::json::array{boost::json::object{{"id", "asc"}}}},
          {"query", boost::json::object{{"match_all", boost::json::object{}}}}};
      if (!after.is_null()) body["search_after"] = after;
      boost::json::object response = run(es_->search(index_, body));
      const auto& hits = response.at("hits").at("hits").as_array();
      if (hits.empty()) break;
      for (const auto& hit : hits) {
        found[std::string(hit.at("_id").as_string())] = hit.at("_source").as_object();
      }
      after = hits.back().at("sort");
    }
    return found;
  }

  // The ids of the index's documents.
  std::set<std::string> ids() {
    std::set<std::string> out;
    for (const auto& [id, document] : documents()) out.insert(id);
    return out;
  }

 private:
  boost::asio::io_context io_;
  boost::asio::thread_pool pool_{2};
  std::unique_ptr<es::EsClient> es_;
  std::string index_;
};

// The fields of `actual` that the source wrote (framework fields removed).
inline boost::json::object source_fields(boost::json::object actual) {
  for (const char* key :
       {"_extract_binary_content", "_reduce_whitespace", "_run_ml_inference", "_timestamp", "id"}) {
    actual.erase(key);
  }
  return actual;
}

inline std::string unique_name(const std::string& prefix) {
  static int counter = 0;
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

// The CA of a test server's TLS (tests/servers/<server>/start writes it): in no trust store.
inline std::string test_server_ca(const std::string& server, int port) {
  std::ifstream file(std::string(EI_SOURCE_DIR) + "/.cache/test-servers/" + server + "-" +
                     std::to_string(port) + "-ca.pem");
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// "Enable SSL" means verified: a certificate the system does not trust is refused with
// `refusal` in the error (the reference encrypted without checking it), and with the
// server's CA given it is accepted. `make_source(overrides)` builds the source.
template <typename MakeSource>
void expect_verified_tls(SyncHarness& harness, const std::string& ca, MakeSource make_source,
                         const std::string& refusal) {
  ASSERT_NE(ca.find("BEGIN CERTIFICATE"), std::string::npos) << "no CA from the test server";
  auto unverified = make_source(boost::json::object{{"ssl_enabled", true}, {"ssl_ca", ""}});
  try {
    harness.run(unverified->ping());
    ADD_FAILURE() << "a certificate of an unknown authority was accepted";
  } catch (const std::exception& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr(refusal)) << error.what();
  }
  harness.run(unverified->close());

  auto verified = make_source(boost::json::object{{"ssl_enabled", true}, {"ssl_ca", ca}});
  EXPECT_NO_THROW(harness.run(verified->ping()));
  harness.run(verified->close());
}

}  // namespace ei::sql_testing
