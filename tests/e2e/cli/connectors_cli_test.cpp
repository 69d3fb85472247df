// The `connectors` binary run as a process against the real Elasticsearch (EI_ES_URL,
// default http://127.0.0.1:9200), as a person or a script would use it in place of Kibana.
// Every result is checked by reading the documents back with EsClient.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <set>
#include <thread>

#include "core/cron.hpp"
#include "core/run_to_completion.hpp"
#include "es/es_client.hpp"
#include "protocol/connector.hpp"
#include "protocol/index_names.hpp"
#include "protocol/sync_job.hpp"
#include "unit/cli/process.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using ei::test::run_process;
using namespace std::chrono_literals;

const std::string kBinary = std::string(EI_BINARY_DIR) + "/connectors";

std::string es_url() {
  const char* url = std::getenv("EI_ES_URL");
  return url != nullptr && *url != '\0' ? url : "http://127.0.0.1:9200";
}

class ConnectorsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ei::es::EsOptions options;
    options.host = es_url();
    options.max_retries = 1;
    client_ = std::make_unique<ei::es::EsClient>(io_.get_executor(), options);
    try {
      run(client_->info());
    } catch (const std::exception& e) {
      FAIL() << "No Elasticsearch answers at " << es_url()
             << " (start one with scripts/es-local start --engine es7): " << e.what();
    }
    prefix_ = "ei-cli-" + std::to_string(::getpid()) + "-" +
              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
  }

  void TearDown() override {
    for (const auto& id : jobs_) {
      std::string index(ei::protocol::kJobsIndex);
      run(client_->delete_document(index, id));
    }
    for (const auto& id : connectors_) {
      std::string index(ei::protocol::kConnectorsIndex);
      run(client_->delete_document(index, id));
    }
    for (const auto& index : indices_) run(client_->delete_index(index));
    for (const auto& file : files_) fs::remove(file);
  }

  template <class T>
  T run(boost::asio::awaitable<T> task) {
    return ei::core::run_to_completion(io_, std::move(task));
  }

  // The indices behind an alias (none when there is no such alias).
  std::vector<std::string> alias_indices(const std::string& alias) {
    ei::es::EsRequest request;
    request.path = "/_alias/" + ei::es::encode_component(alias);
    std::vector<std::string> indices;
    try {
      const json::value answer = run(client_->request(request));
      for (const auto& [index, aliases] : answer.as_object()) indices.emplace_back(index);
    } catch (const ei::es::NotFoundError&) {
      // no such alias
    }
    return indices;
  }

  // Every command that takes an id fails with a clear "not found" for this one.
  void expect_not_found(const std::string& missing);

  // The CLI with --es-url and the given arguments; `watch_stderr` sees its stderr as it runs.
  ei::test::ProcessResult cli(std::vector<std::string> args,
                              const std::function<void(const std::string&)>& watch_stderr = {}) {
    std::vector<std::string> argv{kBinary, "--es-url", es_url()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, 120s, std::nullopt, SIGTERM, watch_stderr);
  }

  json::value cli_json(std::vector<std::string> args) {
    args.insert(args.begin(), "--json");
    auto result = cli(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    try {
      return json::parse(result.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not JSON: " << result.out << " (" << e.what() << ")";
      return nullptr;
    }
  }

  std::string index_name(const std::string& what) {
    auto name = "search-" + prefix_ + "-" + what;
    indices_.push_back(name);
    return name;
  }

  // Creates a connector with the CLI (dir source) and returns its id.
  std::string create(const std::string& what, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"connector", "create",       "--service-type",
                                  "dir",       "--index-name", index_name(what)};
    args.insert(args.end(), extra.begin(), extra.end());
    auto created = cli_json(args);
    if (!created.is_object() || !created.as_object().contains("id")) return "";
    std::string id(created.at("id").as_string());
    connectors_.push_back(id);
    return id;
  }

  ei::protocol::Connector read_connector(const std::string& id) {
    std::string index(ei::protocol::kConnectorsIndex);
    auto document = run(client_->get_document(index, id));
    EXPECT_TRUE(document.has_value()) << "connector " << id;
    if (!document) return {};
    return ei::protocol::Connector::parse(id, document->source);
  }

  ei::protocol::SyncJob read_job(const std::string& id) {
    std::string index(ei::protocol::kJobsIndex);
    auto document = run(client_->get_document(index, id));
    EXPECT_TRUE(document.has_value()) << "job " << id;
    if (!document) return {};
    return ei::protocol::SyncJob::parse(id, document->source);
  }

  std::string write_file(const std::string& name, const std::string& text) {
    auto path = (fs::temp_directory_path() / (prefix_ + "-" + name)).string();
    std::ofstream(path) << text;
    files_.push_back(path);
    return path;
  }

  boost::asio::io_context io_;
  std::unique_ptr<ei::es::EsClient> client_;
  std::string prefix_;
  std::vector<std::string> connectors_;
  std::vector<std::string> jobs_;
  std::vector<std::string> indices_;
  std::vector<std::string> files_;
};

TEST_F(ConnectorsCli, CreateWritesKibanasConnectorAndTheIndices) {
  auto id = create("create", {"--name", "Docs " + prefix_, "--language", "en"});
  ASSERT_FALSE(id.empty());

  auto connector = read_connector(id);
  EXPECT_TRUE(connector.well_formed());
  EXPECT_EQ(connector.status, ei::protocol::ConnectorStatus::created);
  EXPECT_EQ(connector.service_type, "dir");
  EXPECT_EQ(connector.index_name, "search-" + prefix_ + "-create");
  EXPECT_EQ(connector.name, "Docs " + prefix_);
  EXPECT_EQ(connector.language, "en");
  EXPECT_FALSE(connector.is_native);
  EXPECT_TRUE(connector.configuration.empty());
  EXPECT_FALSE(connector.sync_now);
  EXPECT_FALSE(connector.scheduling.enabled);
  EXPECT_TRUE(connector.features.sync_rules_enabled());
  EXPECT_TRUE(connector.source.at("api_key_id").is_null());
  EXPECT_EQ(connector.filtering.active_filter().basic_rules().size(), 1u);

  // The protocol aliases exist over the -v1 indices, and the content index was created.
  std::string connectors_alias(ei::protocol::kConnectorsIndex);
  std::string jobs_alias(ei::protocol::kJobsIndex);
  auto behind_connectors = alias_indices(connectors_alias);
  auto behind_jobs = alias_indices(jobs_alias);
  if (!behind_connectors.empty()) {  // an index of that name (fake-kibana's) is used as is
    EXPECT_EQ(behind_connectors, std::vector<std::string>{".elastic-connectors-v1"});
  }
  if (!behind_jobs.empty()) {
    EXPECT_EQ(behind_jobs, std::vector<std::string>{".elastic-connectors-sync-jobs-v1"});
  }
  EXPECT_TRUE(run(client_->index_exists(connectors_alias)));
  EXPECT_TRUE(run(client_->index_exists(jobs_alias)));
  std::string content = "search-" + prefix_ + "-create";
  EXPECT_TRUE(run(client_->index_exists(content)));

  // The same index cannot get a second connector.
  auto again = cli({"connector", "create", "--service-type", "dir", "--index-name", content});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already belongs to connector " + id), std::string::npos) << again.err;
}

TEST_F(ConnectorsCli, CreateWithConfigIsConfiguredFromTheSourceSchema) {
  auto id = create("configured", {"--config", "directory=/tmp", "--native"});
  ASSERT_FALSE(id.empty());
  auto connector = read_connector(id);
  EXPECT_EQ(connector.status, ei::protocol::ConnectorStatus::configured);
  EXPECT_TRUE(connector.is_native);
  ASSERT_NE(connector.configuration_entry("directory"), nullptr);
  EXPECT_EQ(connector.configuration.at("directory").at("value"), "/tmp");
  EXPECT_NE(connector.configuration_entry("pattern"), nullptr);  // the rest of the schema
}

TEST_F(ConnectorsCli, CreateRejectsBadInput) {
  auto unknown_type = cli(
      {"connector", "create", "--service-type", "ftp", "--index-name", "search-" + prefix_ + "-x"});
  EXPECT_EQ(unknown_type.exit_code, 2);
  EXPECT_NE(unknown_type.err.find("unknown service type \"ftp\""), std::string::npos)
      << unknown_type.err;

  auto bad_index = cli({"connector", "create", "--service-type", "dir", "--index-name", "Docs"});
  EXPECT_EQ(bad_index.exit_code, 2);
  EXPECT_NE(bad_index.err.find("invalid index name \"Docs\": Must be lowercase"), std::string::npos)
      << bad_index.err;

  auto bad_config = cli({"connector", "create", "--service-type", "dir", "--index-name",
                         "search-" + prefix_ + "-y", "--config", "directory"});
  EXPECT_EQ(bad_config.exit_code, 2);
  EXPECT_NE(bad_config.err.find("invalid configuration assignment \"directory\""),
            std::string::npos)
      << bad_config.err;
  std::string never_created = "search-" + prefix_ + "-y";
  EXPECT_FALSE(run(client_->index_exists(never_created)));
}

TEST_F(ConnectorsCli, ListAndShowPrintTablesAndJson) {
  auto id = create("list");
  ASSERT_FALSE(id.empty());

  auto list = cli_json({"connector", "list"});
  ASSERT_TRUE(list.is_array());
  bool found = false;
  for (const auto& item : list.as_array()) {
    if (item.at("id") == json::value(id)) {
      found = true;
      EXPECT_EQ(item.at("status"), "created");
    }
  }
  EXPECT_TRUE(found) << json::serialize(list);

  auto table = cli({"connector", "list"});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out.rfind("ID", 0), 0u) << table.out;
  EXPECT_NE(table.out.find(id), std::string::npos) << table.out;

  auto shown = cli_json({"connector", "show", id});
  EXPECT_EQ(shown.at("id"), json::value(id));
  EXPECT_EQ(shown.at("index_name"), json::value("search-" + prefix_ + "-list"));
  auto details = cli({"connector", "show", id});
  EXPECT_EQ(details.exit_code, 0);
  EXPECT_NE(details.out.find("status: created\n"), std::string::npos) << details.out;
}

TEST_F(ConnectorsCli, UnknownIdsAreClearErrors) {
  // Elasticsearch's generated ids may start with '-': such an id is still an id, not an option.
  for (const std::string& missing : {prefix_ + "-missing", "-" + prefix_ + "-missing"}) {
    expect_not_found(missing);
  }
}

void ConnectorsCli::expect_not_found(const std::string& missing) {
  for (std::vector<std::string> args :
       {std::vector<std::string>{"connector", "show", missing},
        std::vector<std::string>{"connector", "set-config", missing, "a=b"},
        std::vector<std::string>{"connector", "schedule", missing, "--disable"},
        std::vector<std::string>{"job", "start", missing}}) {
    auto result = cli(args);
    EXPECT_EQ(result.exit_code, 1) << args[1];
    EXPECT_NE(result.err.find("connector \"" + missing + "\" not found"), std::string::npos)
        << result.err;
  }
  for (std::vector<std::string> args : {std::vector<std::string>{"job", "show", missing},
                                        std::vector<std::string>{"job", "cancel", missing}}) {
    auto result = cli(args);
    EXPECT_EQ(result.exit_code, 1) << args[1];
    EXPECT_NE(result.err.find("job \"" + missing + "\" not found"), std::string::npos)
        << result.err;
  }
}

TEST_F(ConnectorsCli, SetConfigTypesValuesAndMakesTheConnectorConfigured) {
  auto id = create("config");
  ASSERT_FALSE(id.empty());
  // What the service writes on its first poll (spec §9.3), then the user's values.
  std::string index(ei::protocol::kConnectorsIndex);
  json::object schema_update{
      {"configuration",
       json::parse(R"({"directory": {"label": "Directory", "type": "str", "value": ""},
                       "depth": {"label": "Depth", "type": "int", "value": 1},
                       "secret": {"label": "Secret", "type": "str", "value": "",
                                  "sensitive": true}})")},
      {"status", "needs_configuration"}};
  ei::es::WriteOptions refresh;
  refresh.refresh = "true";
  run(client_->update_document(index, id, schema_update, refresh));

  auto result = cli({"connector", "set-config", id, "directory=/data", "depth=3", "secret=s3"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("secret = ********"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("s3"), std::string::npos) << result.out;
  auto connector = read_connector(id);
  EXPECT_EQ(connector.status, ei::protocol::ConnectorStatus::configured);
  EXPECT_EQ(connector.configuration.at("directory"),
            json::parse(R"({"label": "Directory", "type": "str", "value": "/data"})"));
  EXPECT_EQ(connector.configuration.at("depth").at("value"), 3);

  auto bad_pair = cli({"connector", "set-config", id, "depth"});
  EXPECT_EQ(bad_pair.exit_code, 2);
  EXPECT_NE(bad_pair.err.find("invalid configuration assignment \"depth\": expected key=value"),
            std::string::npos)
      << bad_pair.err;
  auto bad_int = cli({"connector", "set-config", id, "depth=deep"});
  EXPECT_EQ(bad_int.exit_code, 2);
  EXPECT_NE(bad_int.err.find("\"depth\" is of type int: \"deep\" is not an integer"),
            std::string::npos)
      << bad_int.err;
  auto unknown_key = cli({"connector", "set-config", id, "dept=1"});
  EXPECT_EQ(unknown_key.exit_code, 2);
  EXPECT_NE(unknown_key.err.find("unknown configuration key \"dept\""), std::string::npos)
      << unknown_key.err;
  EXPECT_EQ(read_connector(id).configuration.at("depth").at("value"), 3);  // unchanged
}

TEST_F(ConnectorsCli, SetRulesWritesAnEditedDraft) {
  auto id = create("rules");
  ASSERT_FALSE(id.empty());
  auto before = read_connector(id);
  auto rules = write_file("rules.json", R"({"rules": [
      {"id": "no-tmp", "policy": "exclude", "field": "path", "rule": "contains", "value": "tmp",
       "order": 1}],
    "advanced_rules": {"glob": "*.txt"}})");
  auto result = cli({"connector", "set-rules", id, "--file", rules});
  EXPECT_EQ(result.exit_code, 0) << result.err;

  auto connector = read_connector(id);
  auto draft = connector.filtering.draft_filter();
  EXPECT_EQ(ei::protocol::to_string(draft.validation().state), "edited");
  ASSERT_EQ(draft.basic_rules().size(), 2u);
  EXPECT_EQ(draft.basic_rules()[0].at("id"), "no-tmp");
  EXPECT_EQ(draft.basic_rules()[1].at("id"), "DEFAULT");
  EXPECT_EQ(draft.advanced_rules(), json::parse(R"({"glob": "*.txt"})"));
  EXPECT_EQ(connector.filtering.active_filter(), before.filtering.active_filter());

  auto malformed = write_file("bad.json", "[\n  {\"field\": \"path\",,}\n]");
  auto bad = cli({"connector", "set-rules", id, "--file", malformed});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(malformed + ":2:"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("invalid JSON"), std::string::npos) << bad.err;
  auto wrong = write_file("wrong.json", R"([{"field": "path", "rule": "like", "value": "x"}])");
  auto shape = cli({"connector", "set-rules", id, "--file", wrong});
  EXPECT_EQ(shape.exit_code, 2);
  EXPECT_NE(shape.err.find("rules[0].rule: unknown rule \"like\""), std::string::npos) << shape.err;
}

TEST_F(ConnectorsCli, ScheduleValidatesTheCronAndEnablesOrDisables) {
  auto id = create("schedule");
  ASSERT_FALSE(id.empty());
  auto enabled = cli({"connector", "schedule", id, "--interval", "0 */5 * * * ?"});
  EXPECT_EQ(enabled.exit_code, 0) << enabled.err;
  auto connector = read_connector(id);
  EXPECT_TRUE(connector.scheduling.enabled);
  EXPECT_EQ(connector.scheduling.interval, "0 */5 * * * ?");

  auto bad = cli({"connector", "schedule", id, "--interval", "0 0 25 * * ?"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("invalid cron expression \"0 0 25 * * ?\""), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("hours"), std::string::npos) << bad.err;
  EXPECT_EQ(read_connector(id).scheduling.interval, "0 */5 * * * ?");

  auto neither = cli({"connector", "schedule", id});
  EXPECT_EQ(neither.exit_code, 2);

  auto disabled = cli({"connector", "schedule", id, "--disable"});
  EXPECT_EQ(disabled.exit_code, 0) << disabled.err;
  connector = read_connector(id);
  EXPECT_FALSE(connector.scheduling.enabled);
  EXPECT_EQ(connector.scheduling.interval, "0 */5 * * * ?");
}

TEST_F(ConnectorsCli, JobStartListShowAndCancel) {
  auto id = create("jobs", {"--config", "directory=/tmp"});
  ASSERT_FALSE(id.empty());

  auto started = cli_json({"job", "start", id});
  ASSERT_TRUE(started.is_object());
  std::string job_id(started.at("id").as_string());
  jobs_.push_back(job_id);
  auto job = read_job(job_id);
  EXPECT_EQ(job.status, ei::protocol::JobStatus::pending);
  EXPECT_EQ(job.connector.id, id);
  EXPECT_EQ(job.trigger_method, ei::protocol::TriggerMethod::on_demand);
  EXPECT_EQ(job.connector.configuration.at("directory").at("value"), "/tmp");
  EXPECT_EQ(job.connector.index_name, "search-" + prefix_ + "-jobs");
  EXPECT_TRUE(job.created_at.has_value());

  auto second = cli_json({"job", "start", id});
  std::string second_id(second.at("id").as_string());
  jobs_.push_back(second_id);

  auto listed = cli_json({"job", "list", "--connector", id});
  ASSERT_TRUE(listed.is_array());
  std::set<std::string> ids;
  for (const auto& item : listed.as_array()) ids.insert(std::string(item.at("id").as_string()));
  EXPECT_EQ(ids, (std::set<std::string>{job_id, second_id}));
  auto pending =
      cli_json({"job", "list", "--connector", id, "--status", "pending", "--limit", "1"});
  ASSERT_TRUE(pending.is_array());
  EXPECT_EQ(pending.as_array().size(), 1u);
  auto table = cli({"job", "list", "--connector", id});
  EXPECT_NE(table.out.find(job_id), std::string::npos) << table.out;
  auto bad_status = cli({"job", "list", "--status", "running"});
  EXPECT_EQ(bad_status.exit_code, 2);
  EXPECT_NE(bad_status.err.find("unknown job status \"running\""), std::string::npos);

  auto shown = cli_json({"job", "show", job_id});
  EXPECT_EQ(shown.at("status"), "pending");

  // A pending job no runner holds is canceled at once.
  auto canceled = cli_json({"job", "cancel", job_id});
  EXPECT_EQ(canceled.at("status"), "canceled");
  job = read_job(job_id);
  EXPECT_EQ(job.status, ei::protocol::JobStatus::canceled);
  EXPECT_TRUE(job.cancelation_requested_at.has_value());
  EXPECT_TRUE(job.canceled_at.has_value());
  auto twice = cli({"job", "cancel", job_id});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.err.find("already ended: canceled"), std::string::npos) << twice.err;

  // A running job is asked to stop: canceling + cancelation_requested_at (spec §8.3).
  std::string jobs_index(ei::protocol::kJobsIndex);
  json::object claim{{"status", "in_progress"}};
  ei::es::WriteOptions refresh;
  refresh.refresh = "true";
  run(client_->update_document(jobs_index, second_id, claim, refresh));
  auto requested = cli({"job", "cancel", second_id});
  EXPECT_EQ(requested.exit_code, 0) << requested.err;
  EXPECT_NE(requested.out.find("Requested cancelation of job " + second_id), std::string::npos);
  auto running = read_job(second_id);
  EXPECT_EQ(running.status, ei::protocol::JobStatus::canceling);
  EXPECT_TRUE(running.cancelation_requested_at.has_value());
  EXPECT_FALSE(running.canceled_at.has_value());
}

TEST_F(ConnectorsCli, JobStartWaitReportsTheFinalState) {
  auto id = create("wait", {"--config", "directory=/tmp"});
  ASSERT_FALSE(id.empty());
  // Nobody runs the job: --wait gives up at the timeout, non-zero.
  auto timed_out = cli({"--json", "job", "start", id, "--wait", "--timeout", "1"});
  EXPECT_EQ(timed_out.exit_code, 1);
  EXPECT_NE(timed_out.err.find("Timed out after 1 s"), std::string::npos) << timed_out.err;
  auto job = json::parse(timed_out.out);
  std::string stale_id(job.at("id").as_string());
  jobs_.push_back(stale_id);
  EXPECT_EQ(job.at("status"), "pending");
  std::string jobs_index(ei::protocol::kJobsIndex);
  run(client_->delete_document(jobs_index, stale_id));

  // Set once the waiting CLI has printed that it saw the job in progress (non-JSON output).
  std::atomic<bool> saw_in_progress{false};
  const auto watch = [&](const std::string& err) {
    if (err.find(": in_progress") != std::string::npos) saw_in_progress = true;
  };
  // Plays the service: claims the connector's pending job, then ends it with `outcome` (once
  // the CLI saw the claim, when `after_cli_saw_it`).
  auto finish_next_job = [&](json::object outcome, bool after_cli_saw_it) {
    std::string job_id;
    json::object query{
        {"query",
         json::object{
             {"bool", json::object{{"filter",
                                    json::array{
                                        json::object{{"term", json::object{{"connector.id", id}}}},
                                        json::object{{"term", json::object{{"status", "pending"}}}},
                                    }}}}}}};
    for (int attempt = 0; attempt < 200 && job_id.empty(); ++attempt) {
      std::this_thread::sleep_for(50ms);
      run(client_->refresh(jobs_index));
      auto found = run(client_->search(jobs_index, query));
      const auto& hits = found.at("hits").at("hits").as_array();
      if (!hits.empty()) job_id = std::string(hits[0].at("_id").as_string());
    }
    EXPECT_FALSE(job_id.empty()) << "the CLI created no pending job";
    if (job_id.empty()) return job_id;
    jobs_.push_back(job_id);
    ei::es::WriteOptions refresh;
    refresh.refresh = "true";
    json::object claim{{"status", "in_progress"}};
    run(client_->update_document(jobs_index, job_id, claim, refresh));
    for (int waited = 0; after_cli_saw_it && !saw_in_progress && waited < 3000; ++waited) {
      std::this_thread::sleep_for(10ms);
    }
    EXPECT_TRUE(!after_cli_saw_it || saw_in_progress) << "the CLI never showed in_progress";
    run(client_->update_document(jobs_index, job_id, outcome, refresh));
    return job_id;
  };

  auto failing = std::async(std::launch::async, [&] {
    return cli({"--json", "job", "start", id, "--wait", "--timeout", "60"});
  });
  auto failed_id =
      finish_next_job(json::object{{"status", "error"}, {"error", "disk on fire"}}, false);
  auto failed = failing.get();
  EXPECT_EQ(failed.exit_code, 1) << failed.err;
  EXPECT_NE(failed.err.find("Job " + failed_id + " ended error: disk on fire"), std::string::npos)
      << failed.err;
  auto failed_json = json::parse(failed.out);
  EXPECT_EQ(failed_json.at("id"), json::value(failed_id));
  EXPECT_EQ(failed_json.at("status"), "error");

  auto succeeding = std::async(std::launch::async, [&] {
    return cli({"job", "start", id, "--wait", "--timeout", "60"}, watch);
  });
  auto completed_id =
      finish_next_job(json::object{{"status", "completed"}, {"indexed_document_count", 7}}, true);
  auto completed = succeeding.get();
  EXPECT_EQ(completed.exit_code, 0) << completed.err;
  EXPECT_NE(completed.err.find("job " + completed_id + ": in_progress"), std::string::npos)
      << completed.err;
  EXPECT_NE(completed.out.find("status: completed\n"), std::string::npos) << completed.out;
  EXPECT_NE(completed.out.find("indexed documents: 7\n"), std::string::npos) << completed.out;
}

TEST_F(ConnectorsCli, JobStartRefusesAnUnconfiguredConnectorAndSyncNowSetsTheFlag) {
  auto id = create("syncnow");
  ASSERT_FALSE(id.empty());
  auto refused = cli({"job", "start", id});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("its status is created"), std::string::npos) << refused.err;

  auto configured = cli({"connector", "set-config", id, "directory=/tmp"});
  ASSERT_EQ(configured.exit_code, 0) << configured.err;
  auto flagged = cli_json({"job", "start", id, "--sync-now"});
  EXPECT_EQ(flagged.at("sync_now"), true);
  EXPECT_TRUE(read_connector(id).sync_now);
}

TEST_F(ConnectorsCli, ConfigFileSuppliesTheHostAndSources) {
  auto config = write_file("config.yml", "elasticsearch:\n  host: " + es_url() +
                                             "\nsources:\n  dir: "
                                             "connectors.sources.directory:DirectoryDataSource\n");
  auto listed = run_process({kBinary, "-c", config, "--json", "connector", "list"}, 60s);
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_TRUE(json::parse(listed.out).is_array());
  auto unknown = run_process({kBinary, "-c", config, "connector", "create", "--service-type",
                              "mysql", "--index-name", "search-" + prefix_ + "-z"},
                             60s);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown service type \"mysql\": the config's sources declare dir"),
            std::string::npos)
      << unknown.err;
  auto missing = run_process({kBinary, "-c", "/does/not/exist.yml", "connector", "list"}, 60s);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/does/not/exist.yml"), std::string::npos) << missing.err;
}

TEST_F(ConnectorsCli, UnreachableElasticsearchIsAClearFailure) {
  auto result = run_process({kBinary, "--es-url", "http://127.0.0.1:1", "connector", "list"}, 60s);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(
      result.err.find("connectors: error: Elasticsearch at http://127.0.0.1:1 is unreachable"),
      std::string::npos)
      << result.err;
  EXPECT_EQ(result.out, "");
}

TEST_F(ConnectorsCli, CredentialsInTheUrlAreNeverPrinted) {
  auto result = run_process(
      {kBinary, "--es-url", "http://elastic:s3cr3t-pw@127.0.0.1:1", "connector", "list"}, 60s);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("Elasticsearch at http://127.0.0.1:1 is unreachable"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("s3cr3t-pw"), std::string::npos) << result.err;
}

TEST_F(ConnectorsCli, RecursiveYamlAliasesInTheConfigFileAreAClearError) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("ei-connectors-recursive-" + std::to_string(::getpid()) + ".yml");
  std::ofstream(path) << "a: &a [*a]\n";
  auto result = run_process({kBinary, "-c", path.string(), "connector", "list"}, 60s);
  std::filesystem::remove(path);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_LT(result.exit_code, 128) << "no crash: " << result.err;
  EXPECT_NE(result.err.find("alias cycle"), std::string::npos) << result.err;
}

}  // namespace
