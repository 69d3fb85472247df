// Real PDF and DOCX attachments of Confluence pages (tests/servers/confluence: content 0 has a
// PDF, content 10 a DOCX) become searchable body text through the attachment pipeline we create
// (sources spec §13.6, §0.5). Named Attachment*: scripts/test runs these only on engines with
// the attachment processor (OpenSearch here).
#include <gtest/gtest.h>

#include <boost/asio/thread_pool.hpp>

#include "e2e/sql_common/sql_test_support.hpp"
#include "integration/sync_content/sync_content_support.hpp"
#include "sources/confluence/confluence_data_source.hpp"
#include "sync/content_index.hpp"
#include "sync/ingest_pipeline.hpp"
#include "sync/sync_engine.hpp"

namespace ei::sync::testing {
namespace {

[[maybe_unused]] const auto* const kConfluence =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("confluence"));

class AttachmentConfluence : public SyncContentTest {
 protected:
  void SetUp() override {
    SyncContentTest::SetUp();
    if (HasFatalFailure()) return;
    index_ = content_index("confluence");
    pipeline_ = pipeline_name("confluence");
    run(prepare_content_index(client(), index_));
    ASSERT_EQ(run(ensure_ingest_pipeline(client(), pipeline_)), PipelineAvailability::created)
        << "the engine at " << es::testing::es_url() << " has no attachment processor";
  }

  std::string index_;
  std::string pipeline_;
  boost::asio::thread_pool pool_{2};
};

TEST_F(AttachmentConfluence, PdfAndDocxAttachmentsOfPagesBecomeSearchableText) {
  json::object configuration =
      sources::ConfluenceDataSource::descriptor_ptr()->default_configuration.to_json();
  const json::object values{{"confluence_url", "http://127.0.0.1:18090"},
                            {"username", "admin"},
                            {"password", "ei-confluence-Secret1"},
                            {"spaces", "SP0"},
                            {"retry_count", 0}};
  for (const auto& [key, value] : values) configuration[key].as_object()["value"] = value;
  sources::ConfluenceDataSource source(source::DataSourceConfiguration(json::value(configuration)),
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
  EXPECT_EQ(search_ids(index_, match("body", "heliotrope")), std::vector<std::string>{"att900000"});
  EXPECT_EQ(search_ids(index_, match("body", "quarterstaff")),
            std::vector<std::string>{"att900010"});
  const json::object text = source_of(index_, "att900020");
  ASSERT_TRUE(text.contains("body")) << json::serialize(text);
  EXPECT_NE(std::string(text.at("body").as_string()).find("Attachment of content 20."),
            std::string::npos);
}

}  // namespace
}  // namespace ei::sync::testing
