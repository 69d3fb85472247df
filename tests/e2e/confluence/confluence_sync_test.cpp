// The Confluence source against the Confluence test server (tests/servers/confluence: REST v1
// with Confluence's shapes, `_links.next` paging, authentication, faults; Cloud under /wiki)
// and a real Elasticsearch: the full sync cycle and a wrong password through the `connectors`
// and `elastic-ingest` binaries, faults through the SyncEngine (spec sources §13).

#include <gmock/gmock.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "e2e/service/native_service.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "sources/confluence/confluence_data_source.hpp"
#include "support/rest_server_control.hpp"
#include "support/stopping_source.hpp"

namespace ei::sources {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using rest_testing::ids_of;
using sql_testing::SyncHarness;

constexpr const char* kConfluence = "http://127.0.0.1:18090";
constexpr const char* kUser = "admin";
constexpr const char* kPassword = "ei-confluence-Secret1";
// 10 spaces + 9,082 pages and blog posts + 909 attachments (every tenth) = 10,001 documents.
constexpr int kContents = 9082;
constexpr int kSpaces = 10;

[[maybe_unused]] const bool kData = [] {
  ::setenv("CONFLUENCE_CONTENTS", std::to_string(kContents).c_str(), 1);
  ::setenv("CONFLUENCE_SPACES", std::to_string(kSpaces).c_str(), 1);
  return true;
}();
[[maybe_unused]] const auto* const kServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("confluence"));

// The ids the server's data gives for contents 0..count-1 (tests/servers/confluence): content
// i is `65536+i` in space SP<i%10> (id 1000+i%10), with attachment `att<900000+i>` when
// i%10 == 0.
std::set<std::string> expected_ids(int count, std::optional<int> only_space = {}) {
  std::set<std::string> ids;
  for (int s = 0; s < kSpaces; ++s) {
    if (!only_space || *only_space == s) ids.insert(std::to_string(1000 + s));
  }
  for (int i = 0; i < count; ++i) {
    if (only_space && *only_space != i % kSpaces) continue;
    ids.insert(std::to_string(65536 + i));
    if (i % 10 == 0) ids.insert("att" + std::to_string(900000 + i));
  }
  return ids;
}

class ConfluenceSyncTest : public ::testing::Test {
 protected:
  void TearDown() override {
    control_.faults({});
    if (changed_data_) rest_testing::RestServerControl::restart("confluence");
    fs::remove_all(work_);
  }

  static json::object configuration(json::object values = {}) {
    json::object stored = ConfluenceDataSource::descriptor_ptr()->default_configuration.to_json();
    const json::object base{{"confluence_url", kConfluence},
                            {"username", kUser},
                            {"password", kPassword},
                            {"retry_count", 0}};
    for (const auto& [key, value] : base) stored[key].as_object()["value"] = value;
    for (const auto& [key, value] : values) stored[key].as_object()["value"] = value;
    return stored;
  }

  std::unique_ptr<ConfluenceDataSource> make_source(SyncHarness& harness,
                                                    json::object values = {}) {
    return std::make_unique<ConfluenceDataSource>(
        source::DataSourceConfiguration(json::value(configuration(std::move(values)))),
        harness.context());
  }

  bool changed_data_ = false;
  rest_testing::RestServerControl control_{kConfluence};
  fs::path work_ = fs::temp_directory_path() / ("ei-confluence-e2e-" + std::to_string(::getpid()));
};

// --- through the binaries ---------------------------------------------------------------------

class ConfluenceServiceTest : public ConfluenceSyncTest {
 protected:
  void SetUp() override {
    service_ = std::make_unique<test::NativeService>(
        work_, "confluence", "connectors.sources.confluence:ConfluenceDataSource");
  }
  void TearDown() override {
    service_.reset();
    ConfluenceSyncTest::TearDown();
  }
  std::unique_ptr<test::NativeService> service_;
};

TEST_F(ConfluenceServiceTest, SyncsTenThousandAndOneDocumentsThenConvergesAndANoOpIndexesNothing) {
  SyncHarness harness(sql_testing::unique_name("search-confluence"));
  const std::string connector = service_->create_connector(
      "confluence", harness.index(),
      {"confluence_url=" + std::string(kConfluence), "username=" + std::string(kUser),
       "password=" + std::string(kPassword), "retry_count=1"});
  ASSERT_FALSE(connector.empty());

  json::object job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job) << service_->output();
  harness.run(harness.es().refresh(harness.index()));
  auto documents = harness.documents();
  std::set<std::string> expected = expected_ids(kContents);
  EXPECT_EQ(expected.size(), 10'001u);
  EXPECT_EQ(ids_of(documents), expected);
  const json::object& post = documents.at(std::to_string(65536 + 23));  // a blog post
  EXPECT_EQ(post.at("type"), "blogpost");
  EXPECT_EQ(post.at("title"), "Post 23");
  EXPECT_EQ(post.at("space"), "Space 3");
  EXPECT_EQ(post.at("_timestamp"), "2024-01-01T00:24:00.000Z");
  EXPECT_THAT(std::string(post.at("body").as_string()),
              ::testing::StartsWith("<p>Body of Post 23. lorem ipsum"));
  EXPECT_EQ(post.at("url"), "http://127.0.0.1:18090/spaces/SP3/blog/65559/Post+23");
  const json::object& page = documents.at(std::to_string(65536 + 10));
  EXPECT_EQ(page.at("type"), "page");
  const json::object& space = documents.at("1004");
  EXPECT_EQ(space.at("type"), "Space");
  EXPECT_EQ(space.at("title"), "Space 4");
  EXPECT_EQ(space.at("url"), "http://127.0.0.1:18090/spaces/SP4");
  const json::object& attachment = documents.at("att900010");
  EXPECT_EQ(attachment.at("title"), "notes.docx");
  EXPECT_EQ(attachment.at("type"), "attachment");
  EXPECT_EQ(attachment.at("page"), "Page 10");
  EXPECT_EQ(attachment.at("space"), "Space 0");
  EXPECT_EQ(attachment.at("_timestamp"), "2024-01-01T00:10:00.000Z");

  // 10 edited, 5 deleted, 3 added (contents 9082..9084; none of these has an attachment).
  json::array edit;
  for (int i = 1; i <= 10; ++i) edit.emplace_back(std::to_string(65536 + i));
  json::array remove;
  for (int i = 21; i <= 25; ++i) remove.emplace_back(std::to_string(65536 + i));
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
  expected = expected_ids(kContents + 3);
  for (int i = 21; i <= 25; ++i) expected.erase(std::to_string(65536 + i));
  EXPECT_EQ(ids_of(documents), expected);
  EXPECT_EQ(documents.at(std::to_string(65537)).at("title"), "Page 1 (edited)");

  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "indexed_document_count"), 0u)
      << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "deleted_document_count"), 0u)
      << json::serialize(job);
}

TEST_F(ConfluenceServiceTest, AWrongPasswordFailsTheJobAndTheConnectorWithConfluencesAnswer) {
  SyncHarness harness(sql_testing::unique_name("search-confluence-401"));
  const std::string connector = service_->create_connector(
      "confluence", harness.index(),
      {"confluence_url=" + std::string(kConfluence), "username=" + std::string(kUser),
       "password=wrong", "retry_count=0"});
  ASSERT_FALSE(connector.empty());
  const json::object job = service_->run_job(connector);
  EXPECT_EQ(job.at("status"), "error") << json::serialize(job);
  ASSERT_TRUE(job.contains("error") && job.at("error").is_string()) << json::serialize(job);
  EXPECT_THAT(std::string(job.at("error").as_string()),
              ::testing::HasSubstr("answered HTTP 401 (the credentials were refused): "
                                   "Authentication required"));
  const json::object shown = service_->cli_json({"connector", "show", connector});
  ASSERT_TRUE(shown.contains("error") && shown.at("error").is_string()) << json::serialize(shown);
  EXPECT_THAT(std::string(shown.at("error").as_string()), ::testing::HasSubstr("HTTP 401"));
}

// --- through the engine -----------------------------------------------------------------------

TEST_F(ConfluenceSyncTest, ThrottlingOnFivePercentOfRequestsIsWaitedOutAsRetryAfterSays) {
  control_.faults(json::parse(R"json([{"path": "^/wiki/rest/api/", "status": 429,
                                       "retry_after": 1, "every": 20}])json")
                      .as_array());
  SyncHarness harness(sql_testing::unique_name("ei-confluence-429"));
  harness.create_index();
  // Cloud (under /wiki), space SP0: 909 contents with an attachment listing each.
  auto source = make_source(harness, {{"data_source", "confluence_cloud"},
                                      {"account_email", kUser},
                                      {"api_token", kPassword},
                                      {"spaces", "SP0"},
                                      {"retry_count", 3}});
  const std::int64_t faults_before = control_.stats().at("faults").as_int64();
  const auto start = std::chrono::steady_clock::now();
  const sync::SyncResult result = harness.sync(*source);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  EXPECT_EQ(ids_of(harness.documents()), expected_ids(kContents, 0));
  const std::int64_t injected = control_.stats().at("faults").as_int64() - faults_before;
  EXPECT_GE(injected, 45);  // 1 in 20 of about 930 requests
  // Ten listings wait side by side, each 1 s per 429.
  EXPECT_GE(took, std::chrono::seconds(injected / 10 - 1));
}

TEST_F(ConfluenceSyncTest, AServerErrorStormLongerThanTheRetriesFailsTheSyncAndDeletesNothing) {
  SyncHarness harness(sql_testing::unique_name("ei-confluence-500"));
  harness.create_index();
  auto first = make_source(harness, {{"spaces", "SP0"}});
  ASSERT_FALSE(harness.sync(*first).fetch_error);
  const std::set<std::string> indexed = ids_of(harness.documents());
  ASSERT_EQ(indexed, expected_ids(kContents, 0));

  control_.faults(
      json::parse(R"([{"path": "^/rest/api/content/65586/child/attachment", "status": 500}])")
          .as_array());
  auto stormed = make_source(harness, {{"spaces", "SP0"}, {"retry_count", 1}});
  const sync::SyncResult failed = harness.sync(*stormed);
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error,
              ::testing::HasSubstr("Confluence at http://127.0.0.1:18090: GET "
                                   "http://127.0.0.1:18090/rest/api/content/65586/child/"
                                   "attachment?limit=100&expand=version answered HTTP 500: "
                                   "Injected fault"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);
  EXPECT_EQ(ids_of(harness.documents()), indexed);
}

TEST_F(ConfluenceSyncTest, AServerStoppedMidSyncFailsTheSyncAndTheNextSyncConverges) {
  SyncHarness harness(sql_testing::unique_name("ei-confluence-stop"));
  harness.create_index();
  testing::StoppingSource<ConfluenceDataSource> stopping(
      source::DataSourceConfiguration(json::value(configuration({{"spaces", "SP0"}}))),
      harness.context());
  stopping.stop_after("confluence", 300);
  const sync::SyncResult failed = harness.sync(stopping);
  std::string output;
  ASSERT_EQ(sql_testing::run_command(
                std::string(EI_SOURCE_DIR) + "/tests/servers/confluence/start 2>&1", output),
            0)
      << output;
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error, ::testing::HasSubstr("Confluence at http://127.0.0.1:18090"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);

  auto next = make_source(harness, {{"spaces", "SP0"}});
  const sync::SyncResult converged = harness.sync_with_content(*next);
  ASSERT_FALSE(converged.fetch_error) << *converged.fetch_error;
  const auto documents = harness.documents();
  EXPECT_EQ(ids_of(documents), expected_ids(kContents, 0));
  EXPECT_TRUE(documents.at("att900010").contains("_attachment"));  // the DOCX

  auto unknown = make_source(harness, {{"spaces", "SP1,NOPE"}});
  try {
    harness.run(unknown->validate_config());
    FAIL() << "an unknown space validated";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_THAT(error.what(), ::testing::StartsWith("Spaces 'NOPE' are not available. Available "
                                                    "spaces are: 'SP0, SP1, SP2"));
  }
}

}  // namespace
}  // namespace ei::sources
