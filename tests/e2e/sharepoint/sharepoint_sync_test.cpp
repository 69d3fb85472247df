// The SharePoint source against the SharePoint test server (tests/servers/sharepoint: REST in
// SharePoint's shapes, HTTP Basic and app-only tokens, faults) and a real Elasticsearch: the
// full sync cycle and a wrong password through the `connectors` and `elastic-ingest`
// binaries, Online's tokens and faults through the SyncEngine (spec sources §12).

#include <gmock/gmock.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "e2e/service/native_service.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "sources/sharepoint/sharepoint_data_source.hpp"
#include "support/rest_server_control.hpp"
#include "support/stopping_source.hpp"

namespace ei::sources {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using rest_testing::ids_of;
using sql_testing::SyncHarness;

constexpr const char* kSharepoint = "http://127.0.0.1:18491";
constexpr const char* kUser = "eisp";
constexpr const char* kPassword = "ei-sharepoint-Secret1";
constexpr const char* kClientId = "5b0e2f4c-1d3a-4c7e-9f0a-e1ee1ee1ee01";
constexpr const char* kClientSecret = "ei-sharepoint-app-secret";
constexpr const char* kTenantId = "9d2c1a7b-0c1e-4f7d-8a55-e1ee1ee1ee02";

// Three sites (the collection, its sub-site and that one's child: 2 site documents), each with
// 3 lists and 2 libraries of 652 items and Site Pages (65 pages): 2 + 3 * (3 * 653 + 2 * 654 +
// 66) = 10,001 documents.
[[maybe_unused]] const bool kData = [] {
  ::setenv("SHAREPOINT_SUBSITES", "1", 1);
  ::setenv("SHAREPOINT_LISTS", "3", 1);
  ::setenv("SHAREPOINT_LIBRARIES", "2", 1);
  ::setenv("SHAREPOINT_ITEMS", "652", 1);
  ::setenv("SHAREPOINT_ACS_HOST", kSharepoint, 1);  // the token service is the test server
  return true;
}();
[[maybe_unused]] const auto* const kServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("sharepoint"));

std::map<std::string, std::size_t> types_of(const std::map<std::string, json::object>& documents) {
  std::map<std::string, std::size_t> types;
  for (const auto& [id, document] : documents)
    ++types[std::string(document.at("type").as_string())];
  return types;
}

class SharepointSyncTest : public ::testing::Test {
 protected:
  void TearDown() override {
    control_.faults({});
    if (changed_data_) rest_testing::RestServerControl::restart("sharepoint");
    fs::remove_all(work_);
  }

  static json::object configuration(json::object values = {}) {
    json::object stored = SharepointDataSource::descriptor_ptr()->default_configuration.to_json();
    const json::object base{{"host_url", kSharepoint},
                            {"username", kUser},
                            {"password", kPassword},
                            {"retry_count", 0}};
    for (const auto& [key, value] : base) stored[key].as_object()["value"] = value;
    for (const auto& [key, value] : values) stored[key].as_object()["value"] = value;
    return stored;
  }

  static json::object online(json::object values = {}) {
    json::object all{{"data_source", "sharepoint_online"},
                     {"client_id", kClientId},
                     {"client_secret", kClientSecret},
                     {"tenant", "eitest"},
                     {"tenant_id", kTenantId}};
    for (const auto& [key, value] : values) all[key] = value;
    return all;
  }

  std::unique_ptr<SharepointDataSource> make_source(SyncHarness& harness,
                                                    json::object values = {}) {
    return std::make_unique<SharepointDataSource>(
        source::DataSourceConfiguration(json::value(configuration(std::move(values)))),
        harness.context());
  }

  bool changed_data_ = false;
  rest_testing::RestServerControl control_{kSharepoint};
  fs::path work_ = fs::temp_directory_path() / ("ei-sharepoint-e2e-" + std::to_string(::getpid()));
};

// --- through the binaries ---------------------------------------------------------------------

class SharepointServiceTest : public SharepointSyncTest {
 protected:
  void SetUp() override {
    service_ = std::make_unique<test::NativeService>(
        work_, "sharepoint", "connectors.sources.sharepoint:SharepointDataSource");
  }
  void TearDown() override {
    service_.reset();
    SharepointSyncTest::TearDown();
  }
  std::unique_ptr<test::NativeService> service_;
};

TEST_F(SharepointServiceTest, SyncsTenThousandAndOneDocumentsThenConvergesAndANoOpIndexesNothing) {
  SyncHarness harness(sql_testing::unique_name("search-sharepoint"));
  const std::string connector = service_->create_connector(
      "sharepoint", harness.index(),
      {"host_url=" + std::string(kSharepoint), "username=" + std::string(kUser),
       "password=" + std::string(kPassword), "retry_count=1"});
  ASSERT_FALSE(connector.empty());

  json::object job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job) << service_->output();
  harness.run(harness.es().refresh(harness.index()));
  auto documents = harness.documents();
  EXPECT_EQ(documents.size(), 10'001u);
  // Per site: 3 lists of 652 items (131 with an attachment each, a document per attachment),
  // 2 libraries of a folder and 652 files, Site Pages of 65 pages.
  EXPECT_EQ(types_of(documents), (std::map<std::string, std::size_t>{{"File", 3 * (2 * 652 + 65)},
                                                                     {"Folder", 3 * 2},
                                                                     {"document_library", 3 * 3},
                                                                     {"list_item", 3 * 3 * 652},
                                                                     {"lists", 3 * 3},
                                                                     {"sites", 2}}));
  std::size_t attachments = 0;
  for (const auto& [id, document] : documents) {
    if (document.at("type") == "list_item" && !document.at("file_name").is_null()) ++attachments;
  }
  EXPECT_EQ(attachments, 3u * 3 * 131);
  for (const auto& [id, document] : documents) {
    if (document.at("type") != "sites") continue;
    EXPECT_THAT(std::string(document.at("server_relative_url").as_string()),
                ::testing::AnyOf("/sites/collection1/site0", "/sites/collection1/site0/child"));
  }

  // 10 edited, 5 deleted (list items without attachments), 3 added to the first list.
  json::array edit;
  json::array remove;
  for (const auto& [id, document] : documents) {
    if (document.at("type") != "list_item" || !document.at("file_name").is_null()) continue;
    if (edit.size() < 10) {
      edit.emplace_back(id);
    } else if (remove.size() < 5) {
      remove.emplace_back(id);
    }
  }
  const std::string list_id = [&] {
    for (const auto& [id, document] : documents) {
      if (document.at("type") == "lists" && document.at("title") == "List 0" &&
          document.at("parent_web_url") == "/sites/collection1") {
        return id;
      }
    }
    return std::string();
  }();
  changed_data_ = true;
  const json::object changed =
      control_.change({{"edit", edit}, {"delete", remove}, {"add_to", list_id}, {"add", 3}});
  ASSERT_EQ(changed.at("edited").as_array().size(), 10u) << json::serialize(changed);
  ASSERT_EQ(changed.at("deleted").as_array().size(), 5u);
  ASSERT_EQ(changed.at("added").as_array().size(), 3u);
  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  // The edited items, the added ones (the first of which, item 653, has an attachment) and
  // the list, whose LastItemModifiedDate moved.
  EXPECT_EQ(test::NativeService::counter(job, "indexed_document_count"), 14u)
      << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "deleted_document_count"), 5u)
      << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  std::set<std::string> expected = ids_of(documents);
  for (const auto& id : remove) expected.erase(std::string(id.as_string()));
  documents = harness.documents();
  std::set<std::string> found = ids_of(documents);
  for (const auto& id : changed.at("added").as_array()) {
    EXPECT_TRUE(found.contains(std::string(id.as_string()))) << id;
  }
  EXPECT_EQ(documents.size(), expected.size() + 3);
  EXPECT_THAT(std::string(documents.at(std::string(edit[0].as_string())).at("title").as_string()),
              ::testing::EndsWith(" (edited)"));

  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "indexed_document_count"), 0u)
      << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "deleted_document_count"), 0u)
      << json::serialize(job);
}

TEST_F(SharepointServiceTest, AWrongPasswordFailsTheJobAndTheConnectorWithSharepointsAnswer) {
  SyncHarness harness(sql_testing::unique_name("search-sharepoint-401"));
  const std::string connector = service_->create_connector(
      "sharepoint", harness.index(),
      {"host_url=" + std::string(kSharepoint), "username=" + std::string(kUser), "password=wrong",
       "retry_count=0"});
  ASSERT_FALSE(connector.empty());
  const json::object job = service_->run_job(connector);
  EXPECT_EQ(job.at("status"), "error") << json::serialize(job);
  ASSERT_TRUE(job.contains("error") && job.at("error").is_string()) << json::serialize(job);
  EXPECT_THAT(std::string(job.at("error").as_string()),
              ::testing::HasSubstr("answered HTTP 401 (the credentials were refused): Access "
                                   "denied."));
}

// --- through the engine -----------------------------------------------------------------------

TEST_F(SharepointSyncTest, OnlineTakesAnAppOnlyTokenAndAWrongSecretIsNamed) {
  SyncHarness harness(sql_testing::unique_name("ei-sharepoint-online"));
  harness.create_index();
  auto source = make_source(harness, online({{"username", ""}, {"password", ""}}));
  harness.run(source->ping());
  const sync::SyncResult result = harness.sync_with_content(*source);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  const auto documents = harness.documents();
  EXPECT_EQ(documents.size(), 10'001u);
  EXPECT_EQ(source->client()->authorization().fetches(), 1);
  // Site pages carry their HTML; the real PDF of the first list's first item its bytes.
  std::size_t pages = 0;
  for (const auto& [id, document] : documents) {
    if (document.at("type") == "File" &&
        std::string(document.at("title").as_string()).ends_with(".aspx")) {
      ++pages;
      EXPECT_TRUE(document.contains("_attachment")) << id;
    }
  }
  EXPECT_EQ(pages, 3u * 65);

  auto wrong = make_source(harness, online({{"client_secret", "wrong"}}));
  try {
    harness.run(wrong->ping());
    FAIL() << "a wrong client secret pinged";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("AADSTS7000215"));
  }
}

TEST_F(SharepointSyncTest, ThrottlingIsWaitedOutAndAServerErrorStormFailsTheSyncDeletingNothing) {
  control_.faults(json::parse(R"json([{"path": "/_api/web/", "status": 429,
                                       "retry_after": 1, "every": 20, "times": 10}])json")
                      .as_array());
  SyncHarness harness(sql_testing::unique_name("ei-sharepoint-faults"));
  harness.create_index();
  auto first = make_source(harness, {{"retry_count", 3}});
  const sync::SyncResult result = harness.sync(*first);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  EXPECT_EQ(harness.documents().size(), 10'001u);
  EXPECT_EQ(control_.stats().at("faults").as_int64(), 10);

  control_.faults(
      json::parse(R"([{"path": "/sites/collection1/site0/_api/web/lists", "status": 500}])")
          .as_array());
  auto stormed = make_source(harness, {{"retry_count", 1}});
  const sync::SyncResult failed = harness.sync(*stormed);
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error, ::testing::HasSubstr("SharePoint at http://127.0.0.1:18491: GET "
                                                        "http://127.0.0.1:18491/sites/collection1/"
                                                        "site0/_api/web/lists"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);
  EXPECT_EQ(harness.documents().size(), 10'001u);
}

TEST_F(SharepointSyncTest, AServerStoppedMidSyncFailsTheSyncAndTheNextSyncConverges) {
  SyncHarness harness(sql_testing::unique_name("ei-sharepoint-stop"));
  harness.create_index();
  testing::StoppingSource<SharepointDataSource> stopping(
      source::DataSourceConfiguration(json::value(configuration())), harness.context());
  stopping.stop_after("sharepoint", 3000);
  const sync::SyncResult failed = harness.sync(stopping);
  std::string output;
  ASSERT_EQ(sql_testing::run_command(
                std::string(EI_SOURCE_DIR) + "/tests/servers/sharepoint/start 2>&1", output),
            0)
      << output;
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error, ::testing::HasSubstr("SharePoint at http://127.0.0.1:18491"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);

  auto next = make_source(harness);
  const sync::SyncResult converged = harness.sync(*next);
  ASSERT_FALSE(converged.fetch_error) << *converged.fetch_error;
  EXPECT_EQ(harness.documents().size(), 10'001u);
}

}  // namespace
}  // namespace ei::sources
