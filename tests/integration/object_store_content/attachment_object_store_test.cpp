// Real PDF, DOCX and HTML objects of each object store (MinIO, Azurite, fake-gcs-server)
// become searchable body text through the attachment pipeline we create, and an object over
// the size limit is indexed without content (sources spec §0.5). Named Attachment*:
// scripts/test runs these only on engines with the attachment processor (OpenSearch here).
#include <gtest/gtest.h>

#include "core/hash.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "integration/sync_content/sync_content_support.hpp"
#include "sources/azure_blob_storage/azure_blob_storage_data_source.hpp"
#include "sources/google_cloud_storage/google_cloud_storage_data_source.hpp"
#include "sources/s3/s3_data_source.hpp"
#include "support/azurite_admin.hpp"
#include "support/gcs_admin.hpp"
#include "support/gcs_token_endpoint.hpp"
#include "support/minio_admin.hpp"
#include "sync/content_index.hpp"
#include "sync/ingest_pipeline.hpp"
#include "sync/sync_engine.hpp"

namespace ei::sync::testing {
namespace {

[[maybe_unused]] const auto* const kMinio =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("minio"));
[[maybe_unused]] const auto* const kAzurite =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("azurite"));
[[maybe_unused]] const auto* const kFakeGcs = ::testing::AddGlobalTestEnvironment(
    new sql_testing::DatabaseServerEnvironment("fake-gcs-server"));

const std::vector<std::pair<std::string, std::string>>& files() {
  static const std::vector<std::pair<std::string, std::string>> all{
      {"reports/sample.pdf", extraction_fixture("sample.pdf")},
      {"reports/sample.docx", extraction_fixture("sample.docx")},
      {"pages/sample.html", extraction_fixture("sample.html")},
      // One byte over the 10 MiB limit: indexed without its content.
      {"big/notes.txt", std::string(10 * 1024 * 1024 + 1, 'w')}};
  return all;
}

json::object stored(std::shared_ptr<const source::SourceDescriptor> descriptor,
                    const json::object& values) {
  json::object configuration = descriptor->default_configuration.to_json();
  for (const auto& [key, value] : values) configuration[key].as_object()["value"] = value;
  return configuration;
}

class AttachmentObjectStores : public SyncContentTest {
 protected:
  void SetUp() override {
    SyncContentTest::SetUp();
    if (HasFatalFailure()) return;
    index_ = content_index("objects");
    pipeline_ = pipeline_name("objects");
    bucket_ = "ei-attach-" + std::to_string(::getpid());
    run(prepare_content_index(client(), index_));
    ASSERT_EQ(run(ensure_ingest_pipeline(client(), pipeline_)), PipelineAvailability::created)
        << "the engine at " << es::testing::es_url() << " has no attachment processor";
  }

  source::SourceContext context() { return {io_.get_executor(), io_.get_executor()}; }

  // Syncs through the engine with the pipeline, then expects each file's text under the id
  // `id_of(name)` and no body for the big one.
  template <class IdOf>
  void sync_and_expect(source::DataSource& source, IdOf id_of) {
    SyncEngineOptions options;
    options.index = index_;
    options.pipeline = pipeline_;
    options.extract_binary_content = true;
    SyncEngine engine(client(), client(), source, options);
    const SyncResult result = run(engine.run());
    run(source.close());
    ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
    ASSERT_EQ(result.counters.rejected_items, 0u);
    run(client().refresh(index_));
    EXPECT_EQ(search_ids(index_, match("body", "heliotrope")),
              std::vector<std::string>{id_of("reports/sample.pdf")});
    EXPECT_EQ(search_ids(index_, match("body", "quarterstaff")),
              std::vector<std::string>{id_of("reports/sample.docx")});
    EXPECT_EQ(search_ids(index_, match("body", "xylophonist")),
              std::vector<std::string>{id_of("pages/sample.html")});
    const json::object big = source_of(index_, id_of("big/notes.txt"));
    EXPECT_FALSE(big.contains("body")) << json::serialize(big);
    EXPECT_FALSE(big.contains("_attachment"));
  }

  std::string index_;
  std::string pipeline_;
  std::string bucket_;
};

TEST_F(AttachmentObjectStores, S3ObjectsBecomeSearchableText) {
  s3_testing::MinioAdmin admin("127.0.0.1:9100",
                               {"ei-minio-admin", "ei-minio-secret-123", std::nullopt});
  admin.drop_bucket(bucket_);
  admin.create_bucket(bucket_);
  std::vector<s3_testing::Object> objects;
  for (const auto& [name, bytes] : files()) objects.push_back({name, bytes});
  admin.put(bucket_, objects);
  sources::S3DataSource source(
      source::DataSourceConfiguration(
          json::value(stored(sources::S3DataSource::descriptor_ptr(),
                             {{"buckets", bucket_},
                              {"endpoint", "http://127.0.0.1:9100"},
                              {"access_key_id", "ei-minio-admin"},
                              {"secret_access_key", "ei-minio-secret-123"}}))),
      context(), [](const std::string&) { return std::optional<std::string>(); });
  sync_and_expect(source,
                  [&](const std::string& name) { return core::md5_hex(bucket_ + "/" + name); });
  admin.drop_bucket(bucket_);
}

TEST_F(AttachmentObjectStores, AzureBlobsBecomeSearchableText) {
  azure_testing::AzuriteAdmin admin;
  admin.delete_container(bucket_);
  admin.create_container(bucket_);
  std::vector<azure_testing::Blob> blobs;
  for (const auto& [name, bytes] : files()) blobs.push_back({name, bytes});
  admin.put(bucket_, blobs);
  sources::AzureBlobStorageDataSource source(
      source::DataSourceConfiguration(
          json::value(stored(sources::AzureBlobStorageDataSource::descriptor_ptr(), {}))),
      context());
  sync_and_expect(source, [&](const std::string& name) { return bucket_ + "/" + name; });
  admin.delete_container(bucket_);
}

TEST_F(AttachmentObjectStores, GoogleCloudStorageObjectsBecomeSearchableText) {
  gcs_testing::GcsAdmin admin;
  admin.drop_bucket(bucket_);
  admin.create_bucket(bucket_);
  std::vector<gcs_testing::Object> objects;
  for (const auto& [name, bytes] : files()) objects.push_back({name, bytes});
  admin.put(bucket_, objects);
  gcs_testing::KeyPair key;
  gcs_testing::TokenEndpoint tokens(key, "attach@ei-test.iam.gserviceaccount.com");
  const std::string account =
      json::serialize(json::object{{"project_id", "ei-test"},
                                   {"client_email", "attach@ei-test.iam.gserviceaccount.com"},
                                   {"private_key", key.private_pem()},
                                   {"token_uri", tokens.token_uri()}});
  sources::GoogleCloudStorageDataSource source(
      source::DataSourceConfiguration(
          json::value(stored(sources::GoogleCloudStorageDataSource::descriptor_ptr(),
                             {{"service_account_credentials", account}, {"buckets", bucket_}}))),
      context(), [](const std::string& name) -> std::optional<std::string> {
        if (name == "STORAGE_EMULATOR_HOST") return "http://127.0.0.1:4443";
        return std::nullopt;
      });
  sync_and_expect(source, [&](const std::string& name) { return bucket_ + "/" + name; });
  admin.drop_bucket(bucket_);
}

}  // namespace
}  // namespace ei::sync::testing
