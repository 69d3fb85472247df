// Text of real PDF, DOCX and HTML files becomes searchable through the pipeline we create
// (spec §18, issue 3 item 6). Named Attachment*: scripts/test runs these only on engines
// with the attachment processor (OpenSearch here).
#include "core/base64.hpp"
#include "integration/sync_content/sync_content_support.hpp"
#include "sync/content_index.hpp"
#include "sync/ingest_pipeline.hpp"
#include "sync/ingest_pipeline_plan.hpp"

namespace ei::sync::testing {
namespace {

class AttachmentExtraction : public SyncContentTest {
 protected:
  void SetUp() override {
    SyncContentTest::SetUp();
    if (HasFatalFailure()) return;
    index_ = content_index("attachments");
    pipeline_ = pipeline_name("attachments");
    run(prepare_content_index(client(), index_));
    ASSERT_EQ(run(ensure_ingest_pipeline(client(), pipeline_)), PipelineAvailability::created)
        << "the engine at " << es::testing::es_url()
        << " has no attachment processor (these tests need OpenSearch with ingest-attachment)";
  }

  // A document as the sync engine sends it: source fields, the control fields of the job's
  // pipeline settings, and the download's `_attachment`.
  static json::object file_document(const std::string& file, const std::string& bytes,
                                    bool extract = true) {
    return json::object{{"path", "/data/" + file},
                        {"size", bytes.size()},
                        {"_extract_binary_content", extract},
                        {"_reduce_whitespace", true},
                        {"_run_ml_inference", true},
                        {"_attachment", core::base64_encode(bytes)}};
  }

  void index_documents(const std::vector<std::pair<std::string, json::object>>& documents) {
    std::vector<es::BulkOperation> operations;
    for (const auto& [id, document] : documents) {
      operations.push_back(es::BulkOperation::index_doc(index_, id, document));
    }
    const es::BulkResult result =
        run(client().bulk(operations, es::BulkOptions{pipeline_, "true"}));
    for (const es::BulkItemResult* failure : result.failures()) {
      ADD_FAILURE() << failure->id << ": " << failure->error_type.value_or("") << " "
                    << failure->error_reason.value_or("");
    }
  }

  static void expect_no_control_fields(const json::object& source) {
    for (std::string_view field : kPipelineControlFields) {
      EXPECT_FALSE(source.contains(field)) << field << " in " << json::serialize(source);
    }
  }

  std::string index_;
  std::string pipeline_;
};

TEST_F(AttachmentExtraction, PdfDocxAndHtmlTextBecomesSearchable) {
  index_documents({{"pdf", file_document("sample.pdf", extraction_fixture("sample.pdf"))},
                   {"docx", file_document("sample.docx", extraction_fixture("sample.docx"))},
                   {"html", file_document("sample.html", extraction_fixture("sample.html"))}});

  // One rare word per file, searched in the extracted body and its stemmed sub-field.
  EXPECT_EQ(search_ids(index_, match("body", "heliotrope")), std::vector<std::string>{"pdf"});
  EXPECT_EQ(search_ids(index_, match("body", "quarterstaff")), std::vector<std::string>{"docx"});
  EXPECT_EQ(search_ids(index_, match("body", "xylophonist")), std::vector<std::string>{"html"});
  EXPECT_EQ(search_ids(index_, match("body.stem", "ship")), std::vector<std::string>{"pdf"});

  const json::object pdf = source_of(index_, "pdf");
  EXPECT_EQ(pdf.at("body"), "The heliotrope lighthouse keeper counts ships at dawn.");
  EXPECT_EQ(pdf.at("path"), "/data/sample.pdf");
  expect_no_control_fields(pdf);
  const json::object docx = source_of(index_, "docx");
  EXPECT_EQ(docx.at("body"), "A quarterstaff leans against the old oak door.");
  expect_no_control_fields(docx);
  // HTML: markup gone, runs of spaces and newlines collapsed, ends trimmed.
  const json::object html = source_of(index_, "html");
  EXPECT_EQ(html.at("body"), "Programme The xylophonist played all night.");
  expect_no_control_fields(html);
  EXPECT_FALSE(html.contains("_ingestion_errors"));
}

TEST_F(AttachmentExtraction, ExtractionOffDropsTheAttachmentWithoutText) {
  index_documents({{"off", file_document("sample.pdf", extraction_fixture("sample.pdf"),
                                         /*extract=*/false)}});
  const json::object source = source_of(index_, "off");
  EXPECT_FALSE(source.contains("body"));
  expect_no_control_fields(source);
  EXPECT_TRUE(search_ids(index_, match("body", "heliotrope")).empty());
}

TEST_F(AttachmentExtraction, IndexedCharsLimitTruncatesTheText) {
  json::object document = file_document("sample.docx", extraction_fixture("sample.docx"));
  document["_attachment_indexed_chars"] = 14;
  index_documents({{"short", document}});
  const json::object source = source_of(index_, "short");
  EXPECT_EQ(source.at("body"), "A quarterstaff");
  expect_no_control_fields(source);
}

TEST_F(AttachmentExtraction, UnreadableAttachmentIsRecordedAndTheDocumentKept) {
  json::object broken = file_document("broken.pdf", "");
  broken["_attachment"] = "this is not base64 at all!";
  index_documents({{"broken", broken}});
  const json::object source = source_of(index_, "broken");
  EXPECT_FALSE(source.contains("body"));
  expect_no_control_fields(source);
  ASSERT_TRUE(source.contains(kIngestionErrorsField)) << json::serialize(source);
  const std::string errors = json::serialize(source.at(kIngestionErrorsField));
  EXPECT_NE(errors.find("Text extraction from _attachment failed"), std::string::npos) << errors;
  EXPECT_EQ(source.at("path"), "/data/broken.pdf");
}

}  // namespace
}  // namespace ei::sync::testing
