// The Azure Blob Storage source against a real Azurite (tests/servers/azurite, which checks
// every Shared Key signature) and a real Elasticsearch: the full sync cycle and a wrong key
// through the `connectors` and `elastic-ingest` binaries, the rest through the SyncEngine
// (spec §9).

#include <gmock/gmock.h>

#include <filesystem>
#include <set>

#include "core/base64.hpp"
#include "e2e/service/native_service.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "source/errors.hpp"
#include "sources/azure_blob_storage/azure_blob_storage_data_source.hpp"
#include "support/azurite_admin.hpp"
#include "support/stopping_source.hpp"

namespace ei::sources {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using azure_testing::Blob;
using sql_testing::SyncHarness;

[[maybe_unused]] const auto* const kServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("azurite"));

// Azurite lists every container of the account: each test names its own and checks only them.
class AzureSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->name()).substr(0, 10);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    prefix_ = "ei" + std::to_string(::getpid()) + name;
  }
  void TearDown() override {
    for (const auto& container : containers_) admin_.delete_container(container);
    fs::remove_all(work_);
  }

  std::string container(const std::string& name, const object_store::HeaderList& metadata = {}) {
    std::string made = prefix_ + "-" + name;
    containers_.push_back(made);
    admin_.create_container(made, metadata);
    return made;
  }

  json::object configuration(json::object overrides = {}) {
    json::object config{{"account_name", azure_testing::kAccount},
                        {"account_key", azure_testing::kKey},
                        {"blob_endpoint", azure_testing::kEndpoint},
                        {"retry_count", 0},
                        {"concurrent_downloads", 10}};
    for (auto& [key, value] : overrides) config[key] = value;
    json::object stored =
        AzureBlobStorageDataSource::descriptor_ptr()->default_configuration.to_json();
    for (auto& [key, value] : config) stored[key].as_object()["value"] = value;
    return stored;
  }

  std::unique_ptr<AzureBlobStorageDataSource> make_source(SyncHarness& harness,
                                                          json::object overrides = {}) {
    return std::make_unique<AzureBlobStorageDataSource>(
        source::DataSourceConfiguration(json::value(configuration(std::move(overrides)))),
        harness.context());
  }

  // The index's documents of this test's containers.
  std::map<std::string, json::object> mine(SyncHarness& harness) {
    std::map<std::string, json::object> found;
    for (auto& [id, document] : harness.documents()) {
      if (id.starts_with(prefix_ + "-")) found.emplace(id, std::move(document));
    }
    return found;
  }

  azure_testing::AzuriteAdmin admin_;
  std::string prefix_;
  std::vector<std::string> containers_;
  fs::path work_ = fs::temp_directory_path() / ("ei-azure-e2e-" + std::to_string(::getpid()));
};

using Load = std::map<std::string, std::vector<Blob>>;

// 10,001 blobs of 1 KB over three containers with nested virtual folders (one container over
// the 5,000 blobs of a listing page), a third with text content, some names with spaces and
// non-ASCII letters.
Load ten_thousand_and_one(const std::vector<std::string>& containers) {
  Load load;
  const std::string filler(1000, 'y');
  for (int i = 0; i < 10'000; ++i) {
    const std::string& container = containers[i < 6000 ? 0 : (i < 9000 ? 1 : 2)];
    std::string name;
    switch (i % 3) {
      case 0:
        name = "docs/" + std::to_string(i % 7) + "/notes " + std::to_string(i) + ".txt";
        break;
      case 1:
        name = "données/" + std::to_string(i % 5) + "/record" + std::to_string(i) + ".bin";
        break;
      default:
        name = "logs/2024/run" + std::to_string(i) + ".log";
    }
    load[container].push_back({name, "blob " + std::to_string(i) + " " + filler});
  }
  load[containers[2]].push_back({"top.txt", "the top blob"});
  return load;
}

std::set<std::string> expected_ids(const Load& load) {
  std::set<std::string> ids;
  for (const auto& [container, blobs] : load) {
    for (const auto& blob : blobs) ids.insert(container + "/" + blob.name);
  }
  return ids;
}

// --- through the binaries ---------------------------------------------------------------------

class AzureServiceTest : public AzureSyncTest {
 protected:
  void SetUp() override {
    AzureSyncTest::SetUp();
    service_ = std::make_unique<test::NativeService>(
        work_, "azure_blob_storage",
        "connectors.sources.azure_blob_storage:AzureBlobStorageDataSource");
  }
  void TearDown() override {
    service_.reset();
    AzureSyncTest::TearDown();
  }
  std::unique_ptr<test::NativeService> service_;
};

TEST_F(AzureServiceTest, SyncsTenThousandAndOneBlobsThenConvergesAndANoOpIndexesNothing) {
  const std::vector<std::string> names{container("alpha"), container("beta"), container("gamma")};
  Load load = ten_thousand_and_one(names);
  for (const auto& [name, blobs] : load) admin_.put(name, blobs);
  SyncHarness harness("search-" + prefix_);
  const std::string connector = service_->create_connector(
      "azure_blob_storage", harness.index(),
      {std::string("blob_endpoint=") + azure_testing::kEndpoint, "retry_count=0"});
  ASSERT_FALSE(connector.empty());

  // Other suites' containers may exist on the shared Azurite: counts are of ours only.
  json::object job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job) << service_->output();
  harness.run(harness.es().refresh(harness.index()));
  auto documents = mine(harness);
  std::set<std::string> ids;
  for (const auto& [id, document] : documents) ids.insert(id);
  EXPECT_EQ(ids, expected_ids(load));
  EXPECT_EQ(ids.size(), 10'001u);
  const json::object& record = documents.at(names[0] + "/données/1/record1.bin");
  EXPECT_EQ(record.at("title"), "données/1/record1.bin");
  EXPECT_EQ(record.at("container"), json::value(names[0]));
  EXPECT_EQ(record.at("size"), json::value(1007));
  EXPECT_EQ(record.at("content type"), "text/plain");

  // 10 overwritten, 5 deleted, 3 added.
  std::vector<Blob> overwritten(load[names[1]].begin(), load[names[1]].begin() + 10);
  for (auto& blob : overwritten) blob.body = "changed";
  admin_.put(names[1], overwritten);
  std::vector<std::string> removed;
  for (int i = 0; i < 5; ++i) removed.push_back(load[names[0]][static_cast<std::size_t>(i)].name);
  admin_.remove(names[0], removed);
  load[names[0]].erase(load[names[0]].begin(), load[names[0]].begin() + 5);
  const std::vector<Blob> added{
      {"new/one.txt", "1"}, {"new/two.txt", "2"}, {"new/x/three.md", "3"}};
  admin_.put(names[2], added);
  for (const auto& blob : added) load[names[2]].push_back(blob);

  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "indexed_document_count"), 13u)
      << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "deleted_document_count"), 5u)
      << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  ids.clear();
  for (const auto& [id, document] : mine(harness)) ids.insert(id);
  EXPECT_EQ(ids, expected_ids(load));

  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "indexed_document_count"), 0u)
      << json::serialize(job);
  EXPECT_EQ(test::NativeService::counter(job, "deleted_document_count"), 0u)
      << json::serialize(job);
}

TEST_F(AzureServiceTest, AWrongKeyFailsTheJobAndTheConnectorWithTheCause) {
  SyncHarness harness("search-" + prefix_);
  const std::string wrong = core::base64_encode("not the account key of devstoreaccount1");
  const std::string connector =
      service_->create_connector("azure_blob_storage", harness.index(),
                                 {std::string("blob_endpoint=") + azure_testing::kEndpoint,
                                  "account_key=" + wrong, "retry_count=0"});
  ASSERT_FALSE(connector.empty());
  const json::object job = service_->run_job(connector);
  EXPECT_EQ(job.at("status"), "error") << json::serialize(job);
  ASSERT_TRUE(job.contains("error") && job.at("error").is_string()) << json::serialize(job);
  EXPECT_THAT(std::string(job.at("error").as_string()),
              ::testing::HasSubstr("Azure Blob Storage Get Account Information failed: HTTP 403"));
  const json::object shown = service_->cli_json({"connector", "show", connector});
  ASSERT_TRUE(shown.contains("error") && shown.at("error").is_string()) << json::serialize(shown);
  EXPECT_THAT(std::string(shown.at("error").as_string()), ::testing::HasSubstr("HTTP 403"));
}

// --- through the engine -----------------------------------------------------------------------

TEST_F(AzureSyncTest, DocumentsCarryTheSpecsFieldsContentAndRulesApply) {
  const std::string name = container("fields", {{"team", "search"}});
  const std::string big(10 * 1024 * 1024 + 1, 'b');
  admin_.put(name, {{"a/readme.txt", "hello azure", {{"author", "ann"}, {"quote", "it's"}}},
                    {"a/huge.txt", big},
                    {"a/empty.txt", ""},
                    {"b/app.log", "log line"},
                    {"b/image.PNG", "png"}});
  SyncHarness harness(sql_testing::unique_name("ei-az-fields"));
  harness.create_index();
  auto source = make_source(harness);
  harness.run(source->validate_config());
  harness.run(source->ping());
  sync::SyncResult result = harness.sync_with_content(*source);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  auto documents = mine(harness);
  ASSERT_EQ(documents.size(), 5u);
  const json::object& readme = documents.at(name + "/a/readme.txt");
  EXPECT_EQ(readme.at("title"), "a/readme.txt");
  EXPECT_EQ(readme.at("container metadata"), "{'team': 'search'}");
  EXPECT_EQ(readme.at("metadata"), "{'author': 'ann', 'quote': \"it's\"}");
  EXPECT_EQ(readme.at("leasedata"),
            "{'status': 'unlocked', 'state': 'available', 'duration': None}");
  EXPECT_EQ(readme.at("tier"), "Hot");
  EXPECT_EQ(readme.at("size"), json::value(11));
  EXPECT_THAT(std::string(readme.at("_timestamp").as_string()),
              ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\+00:00"));
  EXPECT_THAT(std::string(readme.at("created at").as_string()),
              ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\+00:00"));
  EXPECT_EQ(readme.at("_attachment"), json::value(core::base64_encode("hello azure")));
  EXPECT_FALSE(documents.at(name + "/a/huge.txt").contains("_attachment"));
  EXPECT_FALSE(documents.at(name + "/a/empty.txt").contains("_attachment"));  // size 0: skipped
  EXPECT_FALSE(documents.at(name + "/b/image.PNG").contains("_attachment"));

  const json::object rules = json::parse(R"({"rules": [
    {"id": "1", "policy": "exclude", "field": "title", "rule": "ends_with", "value": ".log",
     "order": 1, "created_at": "", "updated_at": ""},
    {"id": "DEFAULT", "policy": "include", "field": "_", "rule": "regex", "value": ".*",
     "order": 2, "created_at": "", "updated_at": ""}]})")
                                 .as_object();
  auto again = make_source(harness);
  result = harness.sync_with_content(*again, rules, true);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  documents = mine(harness);
  EXPECT_EQ(documents.size(), 4u);
  EXPECT_FALSE(documents.contains(name + "/b/app.log"));
}

TEST_F(AzureSyncTest, ConfigurationErrorsAreNamed) {
  SyncHarness harness(sql_testing::unique_name("ei-az-config"));
  auto too_many = make_source(harness, {{"concurrent_downloads", 101}});
  try {
    harness.run(too_many->validate_config());
    FAIL() << "101 concurrent downloads validated";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("'Maximum concurrent downloads' value '101' "
                                                   "should be less than 101."));
  }
  auto no_url = make_source(harness, {{"blob_endpoint", "127.0.0.1:10000"}});
  EXPECT_THROW(harness.run(no_url->validate_config()), source::ConfigurationError);
  auto closed = make_source(harness, {{"blob_endpoint", "http://127.0.0.1:1/devstoreaccount1"}});
  EXPECT_THROW(harness.run(closed->ping()), http::TransportError);
}

TEST_F(AzureSyncTest, AServerStoppedMidSyncFailsTheSyncDeletesNothingAndTheNextSyncConverges) {
  const std::string first_container = container("one");
  const std::string second_container = container("two");
  std::vector<Blob> blobs;
  for (int i = 0; i < 1500; ++i) blobs.push_back({"f/" + std::to_string(i) + ".txt", "x"});
  admin_.put(first_container, blobs);
  admin_.put(second_container, blobs);
  SyncHarness harness(sql_testing::unique_name("ei-az-stop"));
  harness.create_index();
  auto first = make_source(harness);
  ASSERT_FALSE(harness.sync_with_content(*first).fetch_error);
  ASSERT_EQ(mine(harness).size(), 3000u);

  admin_.remove(second_container, {"f/0.txt"});  // would be deleted by a complete sync
  testing::StoppingSource<AzureBlobStorageDataSource> stopping(
      source::DataSourceConfiguration(json::value(configuration())), harness.context());
  stopping.stop_after("azurite", 1000);
  const sync::SyncResult failed = harness.sync_with_content(stopping);
  std::string output;
  ASSERT_EQ(sql_testing::run_command(
                std::string(EI_SOURCE_DIR) + "/tests/servers/azurite/start 2>&1", output),
            0)
      << output;
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error, ::testing::HasSubstr("127.0.0.1:10000"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);
  EXPECT_EQ(mine(harness).size(), 3000u);

  auto next = make_source(harness);
  const sync::SyncResult converged = harness.sync_with_content(*next);
  ASSERT_FALSE(converged.fetch_error) << *converged.fetch_error;
  EXPECT_EQ(mine(harness).size(), 2999u);
}

}  // namespace
}  // namespace ei::sources
