// The S3 source against a real MinIO (tests/servers/minio, which checks every SigV4 signature)
// and a real Elasticsearch: through the `connectors` and `elastic-ingest` binaries for the
// full sync cycle and the credentials error, through the SyncEngine for the rest (spec §8).

#include <gmock/gmock.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "core/base64.hpp"
#include "e2e/service/native_service.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "source/errors.hpp"
#include "sources/s3/s3_data_source.hpp"
#include "support/minio_admin.hpp"
#include "support/stopping_source.hpp"

namespace ei::sources {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using sql_testing::SyncHarness;

constexpr const char* kHost = "127.0.0.1:9100";
constexpr const char* kEndpoint = "http://127.0.0.1:9100";
constexpr const char* kAccessKey = "ei-minio-admin";
constexpr const char* kSecretKey = "ei-minio-secret-123";

[[maybe_unused]] const auto* const kServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("minio"));

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class S3SyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    prefix_ =
        "ei-" + std::to_string(::getpid()) + "-" + lower(std::string(info->name())).substr(0, 12);
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

  json::object configuration(json::object overrides = {}) {
    json::object config{{"buckets", json::array(buckets_.begin(), buckets_.end())},
                        {"endpoint", kEndpoint},
                        {"access_key_id", kAccessKey},
                        {"secret_access_key", kSecretKey},
                        {"max_attempts", 1},
                        {"page_size", 1000}};
    for (auto& [key, value] : overrides) config[key] = value;
    json::object stored = S3DataSource::descriptor_ptr()->default_configuration.to_json();
    for (auto& [key, value] : config) stored[key].as_object()["value"] = value;
    return stored;
  }

  std::unique_ptr<S3DataSource> make_source(SyncHarness& harness, json::object overrides = {}) {
    return std::make_unique<S3DataSource>(
        source::DataSourceConfiguration(json::value(configuration(std::move(overrides)))),
        harness.context(), [](const std::string&) { return std::optional<std::string>(); });
  }

  // One sync through the engine, content extraction on, no ingest pipeline.
  s3_testing::MinioAdmin admin_{kHost, {kAccessKey, kSecretKey, std::nullopt}};
  std::string prefix_;
  std::vector<std::string> buckets_;
  fs::path work_ = fs::temp_directory_path() / ("ei-s3-e2e-" + std::to_string(::getpid()));
};

// 10,001 objects over three buckets and nested prefixes (a third with text content, names with
// spaces and non-ASCII letters), 1 KB each.
struct Load {
  std::map<std::string, std::vector<s3_testing::Object>> objects;  // by bucket
};

Load ten_thousand_and_one(const std::vector<std::string>& buckets) {
  Load load;
  const std::string filler(1000, 'x');
  for (int i = 0; i < 10'000; ++i) {
    const std::string& bucket = buckets[static_cast<std::size_t>(i % 3)];
    std::string key;
    switch (i % 3) {
      case 0:
        key = "docs/" + std::to_string(i % 7) + "/notes " + std::to_string(i) + ".txt";
        break;
      case 1:
        key = "data/été/" + std::to_string(i % 5) + "/record" + std::to_string(i) + ".bin";
        break;
      default:
        key = "logs/2024/" + std::to_string(i % 11) + "/run" + std::to_string(i) + ".log";
    }
    load.objects[bucket].push_back({key, "object " + std::to_string(i) + " " + filler});
  }
  load.objects[buckets[0]].push_back({"top.txt", "the top object"});
  return load;
}

std::set<std::string> expected_ids(const Load& load) {
  std::set<std::string> ids;
  for (const auto& [bucket, objects] : load.objects) {
    for (const auto& object : objects) ids.insert(core::md5_hex(bucket + "/" + object.key));
  }
  return ids;
}

// --- through the binaries ---------------------------------------------------------------------

class S3ServiceTest : public S3SyncTest {
 protected:
  void SetUp() override {
    S3SyncTest::SetUp();
    service_ =
        std::make_unique<test::NativeService>(work_, "s3", "connectors.sources.s3:S3DataSource");
  }
  void TearDown() override {
    service_.reset();
    S3SyncTest::TearDown();
  }

  std::string create_connector(const std::string& index, const std::string& secret) {
    std::string buckets;
    for (const auto& name : buckets_) buckets += (buckets.empty() ? "" : ",") + name;
    return service_->create_connector("s3", index,
                                      {"buckets=" + buckets, std::string("endpoint=") + kEndpoint,
                                       std::string("access_key_id=") + kAccessKey,
                                       "secret_access_key=" + secret, "max_attempts=1"});
  }
  json::object run_job(const std::string& connector) { return service_->run_job(connector); }
  static std::uint64_t counter(const json::object& job, const char* name) {
    return test::NativeService::counter(job, name);
  }

  std::unique_ptr<test::NativeService> service_;
};

TEST_F(S3ServiceTest, SyncsTenThousandAndOneObjectsThenConvergesAndANoOpIndexesNothing) {
  const std::vector<std::string> names{bucket("alpha"), bucket("beta"), bucket("gamma")};
  Load load = ten_thousand_and_one(names);
  for (const auto& [name, objects] : load.objects) admin_.put(name, objects);
  SyncHarness harness("search-" + prefix_);
  const std::string connector = create_connector(harness.index(), kSecretKey);
  ASSERT_FALSE(connector.empty());

  json::object job = run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job) << service_->output();
  EXPECT_EQ(counter(job, "indexed_document_count"), 10'001u) << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  const auto documents = harness.documents();
  EXPECT_EQ(harness.ids(), expected_ids(load));
  const std::string id = core::md5_hex(names[1] + "/data/été/1/record1.bin");
  ASSERT_TRUE(documents.contains(id));
  const json::object& record = documents.at(id);
  EXPECT_EQ(record.at("filename"), "data/été/1/record1.bin");
  EXPECT_EQ(record.at("bucket"), json::value(names[1]));
  EXPECT_EQ(record.at("size_in_bytes"), json::value(1009));
  EXPECT_EQ(record.at("storage_class"), "STANDARD");
  EXPECT_TRUE(record.at("owner").is_string());
  EXPECT_THAT(
      std::string(record.at("_timestamp").as_string()),
      ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}(\\.[0-9]{6})?\\+00:00"));

  // 10 overwritten, 5 deleted, 3 added.
  std::vector<s3_testing::Object> overwritten(load.objects[names[0]].begin(),
                                              load.objects[names[0]].begin() + 10);
  for (auto& object : overwritten) object.body = "changed";
  admin_.put(names[0], overwritten);
  std::vector<std::string> removed;
  for (int i = 0; i < 5; ++i)
    removed.push_back(load.objects[names[2]][static_cast<std::size_t>(i)].key);
  admin_.remove(names[2], removed);
  load.objects[names[2]].erase(load.objects[names[2]].begin(), load.objects[names[2]].begin() + 5);
  const std::vector<s3_testing::Object> added{
      {"new/one.txt", "1"}, {"new/two.txt", "2"}, {"new/deep/three.md", "3"}};
  admin_.put(names[1], added);
  for (const auto& object : added) load.objects[names[1]].push_back(object);

  job = run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(counter(job, "indexed_document_count"), 13u) << json::serialize(job);
  EXPECT_EQ(counter(job, "deleted_document_count"), 5u) << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  EXPECT_EQ(harness.ids(), expected_ids(load));

  job = run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(counter(job, "indexed_document_count"), 0u) << json::serialize(job);
  EXPECT_EQ(counter(job, "deleted_document_count"), 0u) << json::serialize(job);
}

TEST_F(S3ServiceTest, AWrongSecretFailsTheJobAndTheConnectorWithTheCause) {
  bucket("auth");
  SyncHarness harness("search-" + prefix_);
  const std::string connector = create_connector(harness.index(), "not-the-secret");
  ASSERT_FALSE(connector.empty());
  const json::object job = run_job(connector);
  EXPECT_EQ(job.at("status"), "error") << json::serialize(job);
  ASSERT_TRUE(job.contains("error") && job.at("error").is_string()) << json::serialize(job);
  EXPECT_THAT(std::string(job.at("error").as_string()),
              ::testing::HasSubstr("SignatureDoesNotMatch"));
  const json::object shown = service_->cli_json({"connector", "show", connector});
  ASSERT_TRUE(shown.contains("error") && shown.at("error").is_string()) << json::serialize(shown);
  EXPECT_THAT(std::string(shown.at("error").as_string()),
              ::testing::HasSubstr("SignatureDoesNotMatch"));
}

// --- through the engine -----------------------------------------------------------------------

TEST_F(S3SyncTest, ContentIsDownloadedUnderTheLimitAndBasicRulesExcludeLogs) {
  const std::string name = bucket("content");
  const std::string big(10 * 1024 * 1024 + 1, 'b');
  admin_.put(name, {{"a/readme.txt", "hello s3"},
                    {"a/huge.txt", big},
                    {"a/image.PNG", "not text"},
                    {"b/app.log", "log line"},
                    {"b/deeper/more.log", "log line"},
                    {"b/empty.txt", ""}});
  SyncHarness harness(sql_testing::unique_name("ei-s3-content"));
  harness.create_index();
  auto source = make_source(harness);
  sync::SyncResult result = harness.sync_with_content(*source);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  auto documents = harness.documents();
  ASSERT_EQ(documents.size(), 6u);
  const auto doc = [&](const std::string& key) {
    return documents.at(core::md5_hex(name + "/" + key));
  };
  EXPECT_EQ(doc("a/readme.txt").at("_attachment"), json::value(core::base64_encode("hello s3")));
  EXPECT_FALSE(doc("a/huge.txt").contains("_attachment"));  // over 10 MiB: no content
  EXPECT_EQ(doc("a/huge.txt").at("size_in_bytes"), json::value(big.size()));
  EXPECT_FALSE(doc("a/image.PNG").contains("_attachment"));  // not a supported extension
  EXPECT_EQ(doc("b/empty.txt").at("_attachment"), "");       // S3 downloads empty objects

  const json::object rules = json::parse(R"({"rules": [
    {"id": "1", "policy": "exclude", "field": "filename", "rule": "ends_with", "value": ".log",
     "order": 1, "created_at": "", "updated_at": ""},
    {"id": "DEFAULT", "policy": "include", "field": "_", "rule": "regex", "value": ".*",
     "order": 2, "created_at": "", "updated_at": ""}]})")
                                 .as_object();
  auto again = make_source(harness);
  result = harness.sync_with_content(*again, rules, true);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  EXPECT_EQ(result.counters.deleted_document_count, 2u);
  documents = harness.documents();
  EXPECT_EQ(documents.size(), 4u);
  EXPECT_FALSE(documents.contains(core::md5_hex(name + "/b/app.log")));
}

TEST_F(S3SyncTest, AnUnknownBucketFailsTheSyncByNameAndDeletesNothing) {
  const std::string name = bucket("known");
  admin_.put(name, {{"one.txt", "1"}, {"two.txt", "2"}});
  SyncHarness harness(sql_testing::unique_name("ei-s3-unknown"));
  harness.create_index();
  auto first = make_source(harness);
  ASSERT_FALSE(harness.sync_with_content(*first).fetch_error);
  ASSERT_EQ(harness.documents().size(), 2u);

  admin_.remove(name, {"two.txt"});
  auto source = make_source(harness, {{"buckets", json::array{prefix_ + "-nope", name}}});
  const sync::SyncResult result = harness.sync_with_content(*source);
  ASSERT_TRUE(result.fetch_error);
  EXPECT_THAT(*result.fetch_error, ::testing::HasSubstr(prefix_ + "-nope"));
  EXPECT_THAT(*result.fetch_error, ::testing::HasSubstr("NoSuchBucket"));
  EXPECT_EQ(result.counters.deleted_document_count, 0u);
  EXPECT_EQ(harness.documents().size(), 2u);  // two.txt stays until a sync reads everything
}

TEST_F(S3SyncTest, PingFailsClearlyOnAWrongSecretAndAClosedPort) {
  SyncHarness harness(sql_testing::unique_name("ei-s3-ping"));
  auto wrong = make_source(harness, {{"secret_access_key", "wrong"}});
  try {
    harness.run(wrong->ping());
    FAIL() << "ping succeeded with a wrong secret";
  } catch (const S3Error& error) {
    EXPECT_EQ(error.status(), 403);
    EXPECT_THAT(error.what(),
                ::testing::HasSubstr("S3 ListBuckets failed: HTTP 403 SignatureDoesNotMatch"));
  }
  auto closed = make_source(harness, {{"endpoint", "http://127.0.0.1:1"}});
  EXPECT_THROW(harness.run(closed->ping()), http::TransportError);
  auto good = make_source(harness);
  EXPECT_NO_THROW(harness.run(good->ping()));
}

// The reference's configuration: credentials file and AWS_ENDPOINT_URL + AWS_PORT, no fields.
TEST_F(S3SyncTest, TheAwsChainFindsTheSharedCredentialsFileAndTheEndpointVariables) {
  const std::string name = bucket("chain");
  admin_.put(name, {{"x.txt", "x"}});
  fs::create_directories(work_);
  std::ofstream(work_ / "credentials") << "[other]\naws_access_key_id = nobody\n"
                                       << "aws_secret_access_key = nothing\n\n[default]\n"
                                       << "aws_access_key_id = " << kAccessKey << "\n"
                                       << "aws_secret_access_key = " << kSecretKey << "\n";
  const std::map<std::string, std::string> environment{
      {"AWS_ENDPOINT_URL", "http://127.0.0.1"},
      {"AWS_PORT", "9100"},
      {"AWS_SHARED_CREDENTIALS_FILE", (work_ / "credentials").string()}};
  SyncHarness harness(sql_testing::unique_name("ei-s3-chain"));
  harness.create_index();
  json::object config =
      configuration({{"endpoint", ""}, {"access_key_id", ""}, {"secret_access_key", ""}});
  S3DataSource source(source::DataSourceConfiguration(json::value(config)), harness.context(),
                      [&](const std::string& key) -> std::optional<std::string> {
                        auto found = environment.find(key);
                        if (found == environment.end()) return std::nullopt;
                        return found->second;
                      });
  EXPECT_EQ(source.client_settings().endpoint, kEndpoint);
  harness.run(source.ping());
  EXPECT_EQ(harness.sync_with_content(source).counters.indexed_document_count, 1u);
}

TEST_F(S3SyncTest, AServerStoppedMidSyncFailsTheJobDeletesNothingAndTheNextSyncConverges) {
  const std::string name = bucket("stop");
  std::vector<s3_testing::Object> objects;
  for (int i = 0; i < 5000; ++i) objects.push_back({"f/" + std::to_string(i) + ".txt", "x"});
  admin_.put(name, objects);
  SyncHarness harness(sql_testing::unique_name("ei-s3-stop"));
  harness.create_index();
  auto first = make_source(harness);
  ASSERT_FALSE(harness.sync_with_content(*first).fetch_error);
  ASSERT_EQ(harness.documents().size(), 5000u);

  admin_.remove(name, {"f/0.txt"});  // would be deleted by a complete sync
  testing::StoppingSource<S3DataSource> stopping(
      source::DataSourceConfiguration(json::value(configuration({{"page_size", 500}}))),
      harness.context(), [](const std::string&) { return std::optional<std::string>(); });
  stopping.stop_after("minio", 2500);
  const sync::SyncResult failed = harness.sync_with_content(stopping);
  std::string output;
  const int restarted = sql_testing::run_command(
      std::string(EI_SOURCE_DIR) + "/tests/servers/minio/start 2>&1", output);
  ASSERT_EQ(restarted, 0) << output;
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error, ::testing::HasSubstr("127.0.0.1:9100"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);
  EXPECT_EQ(harness.documents().size(), 5000u);

  auto next = make_source(harness);
  const sync::SyncResult converged = harness.sync_with_content(*next);
  ASSERT_FALSE(converged.fetch_error) << *converged.fetch_error;
  EXPECT_EQ(converged.counters.deleted_document_count, 1u);
  EXPECT_EQ(harness.documents().size(), 4999u);
}

}  // namespace
}  // namespace ei::sources
