// Real PDF and DOCX files in SharePoint (tests/servers/sharepoint: the attachments of list items
// 1 and 11 and the library files of items 2 and 12, in every site) become searchable body text
// through the attachment pipeline we create (sources spec §12.7, §0.5). Named Attachment*:
// scripts/test runs these only on engines with the attachment processor (OpenSearch here).
#include <gtest/gtest.h>

#include <boost/asio/thread_pool.hpp>

#include "e2e/sql_common/sql_test_support.hpp"
#include "integration/sync_content/sync_content_support.hpp"
#include "sources/sharepoint/sharepoint_data_source.hpp"
#include "sync/content_index.hpp"
#include "sync/ingest_pipeline.hpp"
#include "sync/sync_engine.hpp"

namespace ei::sync::testing {
namespace {

[[maybe_unused]] const auto* const kSharepoint =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("sharepoint"));

class AttachmentSharepoint : public SyncContentTest {
 protected:
  void SetUp() override {
    SyncContentTest::SetUp();
    if (HasFatalFailure()) return;
    index_ = content_index("sharepoint");
    pipeline_ = pipeline_name("sharepoint");
    run(prepare_content_index(client(), index_));
    ASSERT_EQ(run(ensure_ingest_pipeline(client(), pipeline_)), PipelineAvailability::created)
        << "the engine at " << es::testing::es_url() << " has no attachment processor";
  }

  // The names of the documents a search finds: `file_name` (attachments) or `title` (files).
  std::multiset<std::string> names(const std::string& word) {
    std::multiset<std::string> found;
    for (const std::string& id : search_ids(index_, match("body", word))) {
      const json::object document = source_of(index_, id);
      const json::value* file_name = document.if_contains("file_name");
      const json::value& name =
          file_name != nullptr && file_name->is_string() ? *file_name : document.at("title");
      found.emplace(name.as_string());
    }
    return found;
  }

  std::string index_;
  std::string pipeline_;
  boost::asio::thread_pool pool_{2};
};

TEST_F(AttachmentSharepoint, PdfAndDocxAttachmentsAndFilesBecomeSearchableText) {
  json::object configuration =
      sources::SharepointDataSource::descriptor_ptr()->default_configuration.to_json();
  const json::object values{{"host_url", "http://127.0.0.1:18491"},
                            {"username", "eisp"},
                            {"password", "ei-sharepoint-Secret1"},
                            {"retry_count", 0}};
  for (const auto& [key, value] : values) configuration[key].as_object()["value"] = value;
  sources::SharepointDataSource source(source::DataSourceConfiguration(json::value(configuration)),
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
  // The default data: 4 sites, each with 2 lists (item 1's attachment a PDF, item 11's a DOCX)
  // and a library (file 2 a PDF, file 12 a DOCX).
  std::multiset<std::string> pdfs;
  std::multiset<std::string> docx;
  for (int site = 0; site < 4; ++site) {
    pdfs.insert({"report.pdf", "report.pdf", "2-report.pdf"});
    docx.insert({"notes.docx", "notes.docx", "12-notes.docx"});
  }
  EXPECT_EQ(names("heliotrope"), pdfs);
  EXPECT_EQ(names("quarterstaff"), docx);
}

}  // namespace
}  // namespace ei::sync::testing
