#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "core/run_to_completion.hpp"
#include "es/es_client.hpp"

namespace ei::es::testing {

// The engine under test: EI_ES_URL (default http://127.0.0.1:9200), and EI_ENGINE (es7,
// es8, es9, opensearch) when scripts/es-local started it.
inline std::string es_url() {
  const char* url = std::getenv("EI_ES_URL");
  return url != nullptr && *url != '\0' ? url : "http://127.0.0.1:9200";
}

inline std::string engine_name() {
  const char* engine = std::getenv("EI_ENGINE");
  return engine != nullptr ? engine : "";
}

// Short backoff so that retry paths finish in seconds.
inline EsOptions test_options() {
  EsOptions options;
  options.host = es_url();
  options.request_timeout = std::chrono::seconds(60);
  options.max_retries = 3;
  options.backoff =
      core::BackoffPolicy{std::chrono::milliseconds(200), 2.0, std::chrono::seconds(5)};
  return options;
}

// A fixture owning an io_context and a client on it; every index it names is deleted after
// the test.
class EsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = std::make_unique<EsClient>(io_.get_executor(), test_options());
    // Nothing answering is a failure, never a skip: the suite exists to test a real engine.
    try {
      info_ = run(client_->info());
    } catch (const std::exception& e) {
      FAIL() << "No search engine answers at " << es_url()
             << " (start one with scripts/es-local start --engine es7): " << e.what();
    }
  }

  void TearDown() override {
    for (const auto& index : indices_) {
      try {
        run(client_->delete_index(index));
      } catch (const std::exception& e) {
        ADD_FAILURE() << "cleanup of " << index << ": " << e.what();
      }
    }
  }

  // Runs a task to completion on the fixture's io_context.
  template <class T>
  T run(boost::asio::awaitable<T> task) {
    return core::run_to_completion(io_, std::move(task));
  }

  // Lets background work (a scan released by its destructor) finish.
  void drain() {
    io_.restart();
    io_.run();
  }

  // A fresh index name for this test, deleted in TearDown.
  std::string index_name(const std::string& what) {
    std::string name = "ei-es-test-" + what + "-" + std::to_string(::getpid());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    indices_.push_back(name);
    return name;
  }

  static boost::json::object settings(int shards = 1) {
    return boost::json::object{
        {"settings", boost::json::object{{"number_of_shards", shards}, {"number_of_replicas", 0}}}};
  }

  EsClient& client() { return *client_; }
  const EngineInfo& info() const { return info_; }

  boost::asio::io_context io_;
  std::unique_ptr<EsClient> client_;
  EngineInfo info_;
  std::vector<std::string> indices_;
};

}  // namespace ei::es::testing
