// The Google Cloud Storage source against a real fake-gcs-server (tests/servers/fake-gcs-server,
// Google's JSON API) and our token endpoint (token_endpoint.hpp, which verifies each RS256
// assertion with OpenSSL), and a real Elasticsearch: the full sync cycle and a wrong key through
// the `connectors` and `elastic-ingest` binaries, the rest through the SyncEngine (spec §10).

#include <gmock/gmock.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "core/base64.hpp"
#include "e2e/service/native_service.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "http/client.hpp"
#include "http/url.hpp"
#include "source/errors.hpp"
#include "sources/google_cloud_storage/google_cloud_storage_data_source.hpp"
#include "support/gcs_admin.hpp"
#include "support/gcs_token_endpoint.hpp"
#include "support/stopping_source.hpp"

namespace ei::sources {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using sql_testing::SyncHarness;

constexpr const char* kEmulator = "http://127.0.0.1:4443";
constexpr const char* kClientEmail = "ingest@ei-test-project.iam.gserviceaccount.com";

[[maybe_unused]] const auto* const kServer = ::testing::AddGlobalTestEnvironment(
    new sql_testing::DatabaseServerEnvironment("fake-gcs-server"));

using gcs_testing::GcsAdmin;
using gcs_testing::Object;

// fake-gcs-server lists every bucket: each test names its own and checks only them.
class GcsSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->name()).substr(0, 10);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    prefix_ = "ei" + std::to_string(::getpid()) + name;
  }
  void TearDown() override {
    for (const auto& bucket : buckets_) admin_.drop_bucket(bucket);
    fs::remove_all(work_);
  }

  std::string bucket(const std::string& name) {
    std::string made = prefix_ + "-" + name;
    buckets_.push_back(made);
    admin_.create_bucket(made);
    return made;
  }

  // The service account JSON, its key on one line as a user pasting it would leave it.
  std::string service_account(const gcs_testing::KeyPair& key, bool one_line = false) const {
    std::string pem = key.private_pem();
    if (one_line) {
      for (char& c : pem) c = c == '\n' ? ' ' : c;
    }
    return json::serialize(json::object{{"type", "service_account"},
                                        {"project_id", "ei-test-project"},
                                        {"private_key_id", "k1"},
                                        {"private_key", pem},
                                        {"client_email", kClientEmail},
                                        {"token_uri", tokens_.token_uri()}});
  }

  json::object configuration(const std::string& credentials) const {
    json::object stored =
        GoogleCloudStorageDataSource::descriptor_ptr()->default_configuration.to_json();
    stored["service_account_credentials"].as_object()["value"] = credentials;
    stored["retry_count"].as_object()["value"] = 0;
    return stored;
  }

  std::unique_ptr<GoogleCloudStorageDataSource> make_source(SyncHarness& harness,
                                                            const std::string& credentials) {
    return std::make_unique<GoogleCloudStorageDataSource>(
        source::DataSourceConfiguration(json::value(configuration(credentials))), harness.context(),
        [](const std::string& name) -> std::optional<std::string> {
          if (name == "STORAGE_EMULATOR_HOST") return kEmulator;
          return std::nullopt;
        });
  }

  std::map<std::string, json::object> mine(SyncHarness& harness) {
    std::map<std::string, json::object> found;
    for (auto& [id, document] : harness.documents()) {
      if (id.starts_with(prefix_ + "-")) found.emplace(id, std::move(document));
    }
    return found;
  }

  gcs_testing::KeyPair key_;
  gcs_testing::TokenEndpoint tokens_{key_, kClientEmail};
  GcsAdmin admin_;
  std::string prefix_;
  std::vector<std::string> buckets_;
  fs::path work_ = fs::temp_directory_path() / ("ei-gcs-e2e-" + std::to_string(::getpid()));
};

using Load = std::map<std::string, std::vector<Object>>;

// 10,001 objects of 1 KB over three buckets and nested prefixes (a third with text content,
// names with spaces and non-ASCII letters).
Load ten_thousand_and_one(const std::vector<std::string>& buckets) {
  Load load;
  const std::string filler(1000, 'z');
  for (int i = 0; i < 10'000; ++i) {
    const std::string& bucket = buckets[static_cast<std::size_t>(i % 3)];
    std::string name;
    switch (i % 3) {
      case 0:
        name = "docs/" + std::to_string(i % 7) + "/notes " + std::to_string(i) + ".txt";
        break;
      case 1:
        name = "datos/año/" + std::to_string(i % 5) + "/record" + std::to_string(i) + ".bin";
        break;
      default:
        name = "logs/2024/run" + std::to_string(i) + ".log";
    }
    load[bucket].push_back({name, "object " + std::to_string(i) + " " + filler});
  }
  load[buckets[0]].push_back({"top.txt", "the top object"});
  return load;
}

std::set<std::string> expected_ids(const Load& load) {
  std::set<std::string> ids;
  for (const auto& [bucket, objects] : load) {
    for (const auto& object : objects) ids.insert(bucket + "/" + object.name);
  }
  return ids;
}

// --- through the binaries ---------------------------------------------------------------------

class GcsServiceTest : public GcsSyncTest {
 protected:
  void SetUp() override {
    GcsSyncTest::SetUp();
    ::setenv("STORAGE_EMULATOR_HOST", kEmulator, 1);  // the service reads it at start
    service_ = std::make_unique<test::NativeService>(
        work_, "google_cloud_storage",
        "connectors.sources.google_cloud_storage:GoogleCloudStorageDataSource");
  }
  void TearDown() override {
    service_.reset();
    ::unsetenv("STORAGE_EMULATOR_HOST");
    GcsSyncTest::TearDown();
  }
  std::unique_ptr<test::NativeService> service_;
};

TEST_F(GcsServiceTest, SyncsTenThousandAndOneObjectsThenConvergesAndANoOpIndexesNothing) {
  const std::vector<std::string> names{bucket("alpha"), bucket("beta"), bucket("gamma")};
  Load load = ten_thousand_and_one(names);
  for (const auto& [name, objects] : load) admin_.put(name, objects);
  SyncHarness harness("search-" + prefix_);
  const std::string connector = service_->create_connector(
      "google_cloud_storage", harness.index(),
      {"service_account_credentials=" + service_account(key_, true), "retry_count=0"});
  ASSERT_FALSE(connector.empty());

  json::object job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job) << service_->output();
  harness.run(harness.es().refresh(harness.index()));
  auto documents = mine(harness);
  std::set<std::string> ids;
  for (const auto& [id, document] : documents) ids.insert(id);
  EXPECT_EQ(ids.size(), 10'001u);
  EXPECT_EQ(ids, expected_ids(load));
  const json::object& record = documents.at(names[1] + "/datos/año/1/record1.bin");
  EXPECT_EQ(record.at("name"), "datos/año/1/record1.bin");
  EXPECT_EQ(record.at("bucket_name"), json::value(names[1]));
  EXPECT_EQ(record.at("size"), "1009");
  EXPECT_EQ(record.at("type"), "text/plain");
  EXPECT_EQ(
      record.at("url"),
      json::value("https://console.cloud.google.com/storage/browser/_details/" + names[1] +
                  "/datos%2Fa%C3%B1o%2F1%2Frecord1.bin;tab=live_object?project=ei-test-project"));
  EXPECT_EQ(record.at("_timestamp"), record.at("last_updated"));
  EXPECT_GE(tokens_.granted(), 1);
  EXPECT_EQ(tokens_.refused(), 0);

  // 10 overwritten, 5 deleted, 3 added.
  std::vector<Object> overwritten(load[names[0]].begin(), load[names[0]].begin() + 10);
  for (auto& object : overwritten) object.body = "changed";
  admin_.put(names[0], overwritten);
  std::vector<std::string> removed;
  for (int i = 0; i < 5; ++i) removed.push_back(load[names[2]][static_cast<std::size_t>(i)].name);
  admin_.remove(names[2], removed);
  load[names[2]].erase(load[names[2]].begin(), load[names[2]].begin() + 5);
  const std::vector<Object> added{
      {"new/one.txt", "1"}, {"new/two.txt", "2"}, {"new/x/three.md", "3"}};
  admin_.put(names[1], added);
  for (const auto& object : added) load[names[1]].push_back(object);

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

TEST_F(GcsServiceTest, AKeyTheTokenEndpointDoesNotTrustFailsTheJobAndTheConnector) {
  gcs_testing::KeyPair stranger;
  SyncHarness harness("search-" + prefix_);
  const std::string connector = service_->create_connector(
      "google_cloud_storage", harness.index(),
      {"service_account_credentials=" + service_account(stranger), "retry_count=0"});
  ASSERT_FALSE(connector.empty());
  const json::object job = service_->run_job(connector);
  EXPECT_EQ(job.at("status"), "error") << json::serialize(job);
  ASSERT_TRUE(job.contains("error") && job.at("error").is_string()) << json::serialize(job);
  EXPECT_THAT(std::string(job.at("error").as_string()),
              ::testing::HasSubstr("HTTP 400 invalid_grant: Invalid JWT Signature."));
  const json::object shown = service_->cli_json({"connector", "show", connector});
  ASSERT_TRUE(shown.contains("error") && shown.at("error").is_string()) << json::serialize(shown);
  EXPECT_THAT(std::string(shown.at("error").as_string()), ::testing::HasSubstr("invalid_grant"));
  EXPECT_GE(tokens_.refused(), 1);
}

// --- through the engine -----------------------------------------------------------------------

TEST_F(GcsSyncTest, ContentRulesAndOneTokenForTheWholeSync) {
  const std::string name = bucket("content");
  const std::string big(10 * 1024 * 1024 + 1, 'b');
  admin_.put(name, {{"a/readme.txt", "hello gcs"},
                    {"a/huge.txt", big},
                    {"a/empty.txt", ""},
                    {"b/app.log", "log line"},
                    {"b/image.PNG", "png"}});
  SyncHarness harness(sql_testing::unique_name("ei-gcs-content"));
  harness.create_index();
  auto source = make_source(harness, service_account(key_));
  harness.run(source->validate_config());
  harness.run(source->ping());
  sync::SyncResult result = harness.sync_with_content(*source);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  EXPECT_EQ(source->client()->token_requests(), 1);  // cached for the ping, listing, downloads
  auto documents = mine(harness);
  ASSERT_EQ(documents.size(), 5u);
  EXPECT_EQ(documents.at(name + "/a/readme.txt").at("_attachment"),
            json::value(core::base64_encode("hello gcs")));
  EXPECT_FALSE(documents.at(name + "/a/huge.txt").contains("_attachment"));
  EXPECT_FALSE(documents.at(name + "/a/empty.txt").contains("_attachment"));
  EXPECT_FALSE(documents.at(name + "/b/image.PNG").contains("_attachment"));

  const json::object rules = json::parse(R"({"rules": [
    {"id": "1", "policy": "exclude", "field": "name", "rule": "ends_with", "value": ".log",
     "order": 1, "created_at": "", "updated_at": ""},
    {"id": "DEFAULT", "policy": "include", "field": "_", "rule": "regex", "value": ".*",
     "order": 2, "created_at": "", "updated_at": ""}]})")
                                 .as_object();
  auto again = make_source(harness, service_account(key_));
  result = harness.sync_with_content(*again, rules, true);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  documents = mine(harness);
  EXPECT_EQ(documents.size(), 4u);
  EXPECT_FALSE(documents.contains(name + "/b/app.log"));
}

TEST_F(GcsSyncTest, ConfigurationErrorsAreNamed) {
  SyncHarness harness(sql_testing::unique_name("ei-gcs-config"));
  auto not_json = make_source(harness, "{not json");
  try {
    harness.run(not_json->validate_config());
    FAIL() << "a service account that is not JSON validated";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_STREQ(error.what(), "Google Cloud service account is not a valid JSON.");
  }
  auto no_email =
      make_source(harness, R"({"project_id": "p", "private_key": "k", "token_uri": "t"})");
  try {
    harness.run(no_email->validate_config());
    FAIL() << "a service account without client_email validated";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("'client_email'"));
  }
  auto empty = make_source(harness, "");
  EXPECT_THROW(harness.run(empty->validate_config()), source::ConfigurableFieldValueError);
}

TEST_F(GcsSyncTest, AServerStoppedMidSyncFailsTheSyncDeletesNothingAndTheNextSyncConverges) {
  const std::string first_bucket = bucket("one");
  const std::string second_bucket = bucket("two");
  std::vector<Object> objects;
  for (int i = 0; i < 1500; ++i) objects.push_back({"f/" + std::to_string(i) + ".txt", "x"});
  admin_.put(first_bucket, objects);
  admin_.put(second_bucket, objects);
  SyncHarness harness(sql_testing::unique_name("ei-gcs-stop"));
  harness.create_index();
  auto first = make_source(harness, service_account(key_));
  ASSERT_FALSE(harness.sync_with_content(*first).fetch_error);
  ASSERT_EQ(mine(harness).size(), 3000u);

  admin_.remove(second_bucket, {"f/0.txt"});
  testing::StoppingSource<GoogleCloudStorageDataSource> stopping(
      source::DataSourceConfiguration(json::value(configuration(service_account(key_)))),
      harness.context(), [](const std::string& name) -> std::optional<std::string> {
        if (name == "STORAGE_EMULATOR_HOST") return kEmulator;
        return std::nullopt;
      });
  stopping.stop_after("fake-gcs-server", 1000);
  const sync::SyncResult failed = harness.sync_with_content(stopping);
  std::string output;
  ASSERT_EQ(sql_testing::run_command(
                std::string(EI_SOURCE_DIR) + "/tests/servers/fake-gcs-server/start 2>&1", output),
            0)
      << output;
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error, ::testing::HasSubstr("127.0.0.1:4443"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);
  EXPECT_EQ(mine(harness).size(), 3000u);

  auto next = make_source(harness, service_account(key_));
  const sync::SyncResult converged = harness.sync_with_content(*next);
  ASSERT_FALSE(converged.fetch_error) << *converged.fetch_error;
  EXPECT_EQ(mine(harness).size(), 2999u);
}

}  // namespace
}  // namespace ei::sources
