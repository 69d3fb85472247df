// The Jira source against the Jira test server (tests/servers/jira: REST v2 with Jira's shapes,
// paging, authentication, faults) and a real Elasticsearch: the full sync cycle and a wrong
// token through the `connectors` and `elastic-ingest` binaries, faults through the SyncEngine
// (spec sources §14).

#include <gmock/gmock.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "e2e/service/native_service.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "sources/jira/jira_data_source.hpp"
#include "support/rest_server_control.hpp"
#include "support/stopping_source.hpp"

namespace ei::sources {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using rest_testing::ids_of;
using sql_testing::SyncHarness;

constexpr const char* kJira = "http://127.0.0.1:18080";
constexpr const char* kUser = "me@example.com";
constexpr const char* kToken = "ei-jira-api-token";
// 10 projects + 9,082 issues + 909 attachments (every tenth issue) = 10,001 documents.
constexpr int kIssues = 9082;
constexpr int kProjects = 10;

// The server's data is generated from these at its start (tests/servers/jira/start).
[[maybe_unused]] const bool kData = [] {
  ::setenv("JIRA_ISSUES", std::to_string(kIssues).c_str(), 1);
  ::setenv("JIRA_PROJECTS", std::to_string(kProjects).c_str(), 1);
  return true;
}();
[[maybe_unused]] const auto* const kServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("jira"));

// The ids the server's data gives for issues 0..count-1 (tests/servers/jira/jira_server.py):
// issue i is `P<i%10>-<i/10+1>` of "Project <i%10>", with attachment 30000+i when i%10 == 0.
std::set<std::string> expected_ids(int count, std::optional<int> only_project = {}) {
  std::set<std::string> ids;
  for (int p = 0; p < kProjects; ++p) {
    if (!only_project || *only_project == p) ids.insert("project-" + std::to_string(10000 + p));
  }
  for (int i = 0; i < count; ++i) {
    const int project = i % kProjects;
    if (only_project && *only_project != project) continue;
    const std::string key = "P" + std::to_string(project) + "-" + std::to_string(i / kProjects + 1);
    ids.insert("Project " + std::to_string(project) + "-" + key);
    if (i % 10 == 0) ids.insert(key + "-" + std::to_string(30000 + i));
  }
  return ids;
}

// The ids in one set and not the other, for failure messages.
std::string difference(const std::set<std::string>& found, const std::set<std::string>& expected) {
  std::string out;
  for (const auto& id : found) {
    if (!expected.contains(id)) out += " +" + id;
  }
  for (const auto& id : expected) {
    if (!found.contains(id)) out += " -" + id;
  }
  return out.substr(0, 2000);
}

class JiraSyncTest : public ::testing::Test {
 protected:
  void TearDown() override {
    control_.faults({});
    if (changed_data_) rest_testing::RestServerControl::restart("jira");
    fs::remove_all(work_);
  }

  static json::object configuration(json::object values = {}) {
    json::object stored = JiraDataSource::descriptor_ptr()->default_configuration.to_json();
    const json::object base{
        {"jira_url", kJira}, {"account_email", kUser}, {"api_token", kToken}, {"retry_count", 0}};
    for (const auto& [key, value] : base) stored[key].as_object()["value"] = value;
    for (const auto& [key, value] : values) stored[key].as_object()["value"] = value;
    return stored;
  }

  std::unique_ptr<JiraDataSource> make_source(SyncHarness& harness, json::object values = {}) {
    return std::make_unique<JiraDataSource>(
        source::DataSourceConfiguration(json::value(configuration(std::move(values)))),
        harness.context());
  }

  bool changed_data_ = false;
  rest_testing::RestServerControl control_{kJira};
  fs::path work_ = fs::temp_directory_path() / ("ei-jira-e2e-" + std::to_string(::getpid()));
};

// --- through the binaries ---------------------------------------------------------------------

class JiraServiceTest : public JiraSyncTest {
 protected:
  void SetUp() override {
    service_ = std::make_unique<test::NativeService>(work_, "jira",
                                                     "connectors.sources.jira:JiraDataSource");
  }
  void TearDown() override {
    service_.reset();
    JiraSyncTest::TearDown();
  }
  std::unique_ptr<test::NativeService> service_;
};

TEST_F(JiraServiceTest, SyncsTenThousandAndOneDocumentsThenConvergesAndANoOpIndexesNothing) {
  SyncHarness harness(sql_testing::unique_name("search-jira"));
  const std::string connector = service_->create_connector(
      "jira", harness.index(),
      {"jira_url=" + std::string(kJira), "account_email=" + std::string(kUser),
       "api_token=" + std::string(kToken), "retry_count=1"});
  ASSERT_FALSE(connector.empty());

  json::object job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job) << service_->output();
  harness.run(harness.es().refresh(harness.index()));
  auto documents = harness.documents();
  std::set<std::string> expected = expected_ids(kIssues);
  EXPECT_EQ(expected.size(), 10'001u);
  EXPECT_EQ(ids_of(documents), expected);
  const json::object& issue = documents.at("Project 3-P3-2");  // issue 13
  EXPECT_EQ(issue.at("Type"), "Task");
  EXPECT_EQ(issue.at("_timestamp"), "2024-01-01T00:14:00.000+0000");
  EXPECT_EQ(issue.at("Issue").at("summary"), "Issue 13");
  EXPECT_EQ(issue.at("Issue").at("project").at("key"), "P3");
  const json::object& project = documents.at("project-10004");
  EXPECT_EQ(project.at("Type"), "Project");
  EXPECT_EQ(project.at("Project").at("key"), "P4");
  EXPECT_EQ(project.at("Project").at("description"), "The Project 4 project");
  const json::object& attachment = documents.at("P0-2-30010");
  EXPECT_EQ(attachment.at("title"), "notes.docx");
  EXPECT_EQ(attachment.at("Type"), "Attachment");
  EXPECT_EQ(attachment.at("issue"), "P0-2");
  EXPECT_EQ(attachment.at("_timestamp"), "2024-01-01T00:10:00.000+0000");

  // 10 edited, 5 deleted, 3 added (issues 9082..9084; none of these has an attachment).
  json::array edit;
  for (int i = 1; i <= 10; ++i) edit.emplace_back("P2-" + std::to_string(i));
  json::array remove;
  for (int i = 1; i <= 5; ++i) remove.emplace_back("P1-" + std::to_string(i));
  changed_data_ = true;
  const json::object changed = control_.change({{"edit", edit}, {"delete", remove}, {"add", 3}});
  EXPECT_EQ(changed.at("added").as_array().size(), 3u);
  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "indexed_document_count"), 13u)
      << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "deleted_document_count"), 5u)
      << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  documents = harness.documents();
  expected = expected_ids(kIssues + 3);
  for (int i = 1; i <= 5; ++i) expected.erase("Project 1-P1-" + std::to_string(i));
  EXPECT_EQ(ids_of(documents), expected);
  EXPECT_EQ(documents.at("Project 2-P2-1").at("Issue").at("summary"), "Issue 2 (edited)");

  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "indexed_document_count"), 0u)
      << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "deleted_document_count"), 0u)
      << json::serialize(job);
}

TEST_F(JiraServiceTest, AWrongTokenFailsTheJobAndTheConnectorWithJirasAnswer) {
  SyncHarness harness(sql_testing::unique_name("search-jira-401"));
  const std::string connector = service_->create_connector(
      "jira", harness.index(),
      {"jira_url=" + std::string(kJira), "account_email=" + std::string(kUser),
       "api_token=wrong-token", "retry_count=0"});
  ASSERT_FALSE(connector.empty());
  const json::object job = service_->run_job(connector);
  EXPECT_EQ(job.at("status"), "error") << json::serialize(job);
  ASSERT_TRUE(job.contains("error") && job.at("error").is_string()) << json::serialize(job);
  EXPECT_THAT(std::string(job.at("error").as_string()),
              ::testing::HasSubstr("answered HTTP 401 (the credentials were refused): You are not "
                                   "authenticated."));
  const json::object shown = service_->cli_json({"connector", "show", connector});
  ASSERT_TRUE(shown.contains("error") && shown.at("error").is_string()) << json::serialize(shown);
  EXPECT_THAT(std::string(shown.at("error").as_string()), ::testing::HasSubstr("HTTP 401"));
}

// --- through the engine -----------------------------------------------------------------------

TEST_F(JiraSyncTest, ThrottlingOnFivePercentOfRequestsIsWaitedOutAsRetryAfterSays) {
  control_.faults(json::parse(R"json([{"path": "^/rest/api/2/(issue|search)", "status": 429,
                                       "retry_after": 1, "every": 20}])json")
                      .as_array());
  SyncHarness harness(sql_testing::unique_name("ei-jira-429"));
  harness.create_index();
  auto source = make_source(harness, {{"projects", "P1"}, {"retry_count", 3}});
  const std::int64_t faults_before = control_.stats().at("faults").as_int64();
  const auto start = std::chrono::steady_clock::now();
  const sync::SyncResult result = harness.sync(*source);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  EXPECT_EQ(ids_of(harness.documents()), expected_ids(kIssues, 1));
  const std::int64_t injected = control_.stats().at("faults").as_int64() - faults_before;
  EXPECT_GE(injected, 45);  // 1 in 20 of about 920 requests
  // Five requests wait side by side, each 1 s per 429: at least injected/5 seconds.
  EXPECT_GE(took, std::chrono::seconds(injected / 5 - 2));
}

TEST_F(JiraSyncTest, AServerErrorStormLongerThanTheRetriesFailsTheSyncAndDeletesNothing) {
  SyncHarness harness(sql_testing::unique_name("ei-jira-500"));
  harness.create_index();
  auto first = make_source(harness, {{"projects", "P1"}});
  ASSERT_FALSE(harness.sync(*first).fetch_error);
  const std::set<std::string> indexed = ids_of(harness.documents());
  ASSERT_EQ(indexed, expected_ids(kIssues, 1));

  control_.faults(
      json::parse(R"([{"path": "^/rest/api/2/issue/P1-4$", "status": 500}])").as_array());
  auto stormed = make_source(harness, {{"projects", "P1"}, {"retry_count", 1}});
  const sync::SyncResult failed = harness.sync(*stormed);
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error,
              ::testing::HasSubstr("Jira at http://127.0.0.1:18080: GET "
                                   "http://127.0.0.1:18080/rest/api/2/issue/P1-4 answered HTTP "
                                   "500: Injected fault"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);
  EXPECT_EQ(ids_of(harness.documents()), indexed);
}

TEST_F(JiraSyncTest, AServerStoppedMidSyncFailsTheSyncAndTheNextSyncConverges) {
  SyncHarness harness(sql_testing::unique_name("ei-jira-stop"));
  harness.create_index();
  testing::StoppingSource<JiraDataSource> stopping(
      source::DataSourceConfiguration(json::value(configuration({{"projects", "P1"}}))),
      harness.context());
  stopping.stop_after("jira", 300);
  const sync::SyncResult failed = harness.sync(stopping);
  std::string output;
  ASSERT_EQ(sql_testing::run_command(std::string(EI_SOURCE_DIR) + "/tests/servers/jira/start 2>&1",
                                     output),
            0)
      << output;
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error, ::testing::HasSubstr("Jira at http://127.0.0.1:18080"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);

  auto next = make_source(harness, {{"projects", "P1"}});
  const sync::SyncResult converged = harness.sync(*next);
  ASSERT_FALSE(converged.fetch_error) << *converged.fetch_error;
  EXPECT_EQ(ids_of(harness.documents()), expected_ids(kIssues, 1));
}

TEST_F(JiraSyncTest, ServerModeDownloadsAttachmentsAndUnknownProjectsAreNamed) {
  SyncHarness harness(sql_testing::unique_name("ei-jira-server"));
  harness.create_index();
  // The same server serves both the Cloud and the Server attachment paths.
  auto source = make_source(harness, {{"data_source", "jira_server"},
                                      {"username", kUser},
                                      {"password", kToken},
                                      {"projects", "P0"}});
  harness.run(source->ping());
  const sync::SyncResult result = harness.sync_with_content(*source);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  const auto documents = harness.documents();
  EXPECT_EQ(ids_of(documents), expected_ids(kIssues, 0))
      << difference(ids_of(documents), expected_ids(kIssues, 0));
  EXPECT_TRUE(documents.at("P0-2-30010").contains("_attachment"));  // the DOCX
  EXPECT_THAT(std::string(documents.at("P0-3-30020").at("_attachment").as_string()),
              ::testing::Not(::testing::IsEmpty()));

  auto unknown = make_source(harness, {{"projects", "P1,NOPE"}});
  const sync::SyncResult refused = harness.sync(*unknown);
  ASSERT_TRUE(refused.fetch_error);
  EXPECT_THAT(*refused.fetch_error,
              ::testing::HasSubstr("Unable to verify projects: P1, NOPE. Error: Configured "
                                   "unavailable projects: NOPE"));
  EXPECT_EQ(refused.counters.deleted_document_count, 0u);
}

}  // namespace
}  // namespace ei::sources
