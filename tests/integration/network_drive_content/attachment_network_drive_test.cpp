// Real PDF and DOCX files on an SMB share (tests/servers/samba) become searchable body text
// through the attachment pipeline we create, and a file over the size limit is indexed without
// content (sources spec §11.4, §0.5). Named Attachment*: scripts/test runs these only on
// engines with the attachment processor (OpenSearch here).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/asio/thread_pool.hpp>
#include <filesystem>
#include <fstream>

#include "e2e/sql_common/sql_test_support.hpp"
#include "integration/sync_content/sync_content_support.hpp"
#include "sources/network_drive/network_drive_data_source.hpp"
#include "support/samba_share.hpp"
#include "sync/content_index.hpp"
#include "sync/ingest_pipeline.hpp"
#include "sync/sync_engine.hpp"

namespace ei::sync::testing {
namespace {

namespace fs = std::filesystem;

[[maybe_unused]] const auto* const kSamba =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("samba"));

class AttachmentNetworkDrive : public SyncContentTest {
 protected:
  void SetUp() override {
    SyncContentTest::SetUp();
    if (HasFatalFailure()) return;
    index_ = content_index("smb");
    pipeline_ = pipeline_name("smb");
    folder_ = "ei-attach-" + std::to_string(::getpid());
    run(prepare_content_index(client(), index_));
    ASSERT_EQ(run(ensure_ingest_pipeline(client(), pipeline_)), PipelineAvailability::created)
        << "the engine at " << es::testing::es_url() << " has no attachment processor";
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(smb_testing::samba_share_dir() / folder_, ignored);
    SyncContentTest::TearDown();
  }

  std::string index_;
  std::string pipeline_;
  std::string folder_;
  boost::asio::thread_pool pool_{2};
};

TEST_F(AttachmentNetworkDrive, PdfAndDocxOnTheShareBecomeSearchableText) {
  const fs::path root = smb_testing::samba_share_dir() / folder_;
  const std::vector<std::pair<std::string, std::string>> files{
      {"reports/sample.pdf", extraction_fixture("sample.pdf")},
      {"reports/sample.docx", extraction_fixture("sample.docx")},
      // Over the 10 MiB limit: indexed without its content.
      {"big/notes.txt", std::string(10 * 1024 * 1024 + 1, 'w')}};
  for (const auto& [name, bytes] : files) {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name, std::ios::binary) << bytes;
  }
  const auto id_of = [&](const std::string& name) {
    struct stat status {};
    EXPECT_EQ(::stat((root / name).c_str(), &status), 0) << name;
    return std::to_string(status.st_ino);
  };
  json::object configuration =
      sources::NetworkDriveDataSource::descriptor_ptr()->default_configuration.to_json();
  const json::object values{{"username", "eismb"},
                            {"password", "ei-smb-Secret1"},
                            {"server_ip", "127.0.0.1"},
                            {"server_port", 4450},
                            {"drive_path", "share/" + folder_}};
  for (const auto& [key, value] : values) configuration[key].as_object()["value"] = value;
  sources::NetworkDriveDataSource source(
      source::DataSourceConfiguration(json::value(configuration)),
      {io_.get_executor(), pool_.get_executor()});

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
  const json::object big = source_of(index_, id_of("big/notes.txt"));
  EXPECT_FALSE(big.contains("body")) << json::serialize(big);
  EXPECT_FALSE(big.contains("_attachment"));
}

}  // namespace
}  // namespace ei::sync::testing
