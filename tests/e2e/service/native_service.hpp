#pragma once

// A source's end-to-end suite through the binaries: an `elastic-ingest` process serving native
// connectors of one service type, and the `connectors` CLI creating connectors and running
// jobs the way a user would. Connectors it created are deleted at the end.

#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "e2e/service/service_process.hpp"
#include "e2e/sql_common/sql_test_support.hpp"

namespace ei::test {

class NativeService {
 public:
  struct Outcome {
    int status = 0;
    std::string out;  // stdout alone
  };

  // `work` is a folder of the test's (config, logs). `source_class` as in config.yml.
  NativeService(std::filesystem::path work, const std::string& service_type,
                const std::string& source_class)
      : work_(std::move(work)) {
    std::filesystem::create_directories(work_);
    config_ = work_ / "config.yml";
    std::ofstream(config_) << "elasticsearch:\n  host: " << sql_testing::es_url() << "\n"
                           << "  bulk:\n    chunk_size: 500\n"
                           << "service:\n  idling: 1\n  heartbeat: 2\n  log_level: INFO\n"
                           << "native_service_types:\n  - " << service_type << "\n"
                           << "sources:\n  " << service_type << ": " << source_class << "\n";
    service_ = std::make_unique<ServiceProcess>(
        std::vector<std::string>{std::string(EI_BINARY_DIR) + "/elastic-ingest", "-c",
                                 config_.string()},
        work_ / "service.log");
    EXPECT_TRUE(service_->started());
  }

  ~NativeService() {
    service_->signal(SIGTERM);
    service_->wait(std::chrono::seconds(20));
    for (const auto& id : connectors_) cli({"connector", "delete", id});
  }

  NativeService(const NativeService&) = delete;
  NativeService& operator=(const NativeService&) = delete;

  Outcome cli(const std::vector<std::string>& args) const {
    std::string command = std::string(EI_BINARY_DIR) + "/connectors -c '" + config_.string() + "'";
    for (const auto& arg : args) command += " '" + arg + "'";
    Outcome outcome;
    outcome.status = sql_testing::run_command(
        command + " 2>>'" + (work_ / "cli.err").string() + "'", outcome.out);
    return outcome;
  }

  boost::json::object cli_json(const std::vector<std::string>& args) const {
    std::vector<std::string> with_json{"--json"};
    with_json.insert(with_json.end(), args.begin(), args.end());
    const Outcome outcome = cli(with_json);
    try {
      return boost::json::parse(outcome.out).as_object();
    } catch (const std::exception&) {
      ADD_FAILURE() << "connectors " << args.front() << ": " << outcome.out;
      return {};
    }
  }

  // A native connector of the service type writing into `index`, configured with
  // `assignments` ("key=value"); its id, "" on failure.
  std::string create_connector(const std::string& service_type, const std::string& index,
                               const std::vector<std::string>& assignments) {
    std::vector<std::string> args{
        "connector", "create", "--service-type", service_type, "--native", "--index-name", index};
    for (const auto& assignment : assignments) {
      args.push_back("--config");
      args.push_back(assignment);
    }
    const boost::json::object created = cli_json(args);
    if (!created.contains("id")) return "";
    connectors_.emplace_back(created.at("id").as_string());
    return connectors_.back();
  }

  // Starts a job of the connector and waits for its end: the job document.
  boost::json::object run_job(const std::string& connector) {
    const Outcome started =
        cli({"--json", "job", "start", connector, "--wait", "--timeout", "600"});
    try {
      return boost::json::parse(started.out).as_object();
    } catch (const std::exception&) {
      ADD_FAILURE() << "job start: " << started.out << "\nservice:\n" << service_->output();
      return {};
    }
  }

  static std::uint64_t counter(const boost::json::object& job, const char* name) {
    const boost::json::value* value = job.if_contains(name);
    return value != nullptr && value->is_int64() ? static_cast<std::uint64_t>(value->as_int64())
                                                 : 0;
  }

  std::string output() const { return service_->output(); }

 private:
  std::filesystem::path work_;
  std::filesystem::path config_;
  std::unique_ptr<ServiceProcess> service_;
  std::vector<std::string> connectors_;
};

}  // namespace ei::test
