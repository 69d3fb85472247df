// ensure_ingest_pipeline against the engine under test (spec §13.11, issue 3 item 6): what
// is created on each engine, that an existing pipeline is never overwritten, and what the
// created pipeline does to documents (extraction itself: attachment_test.cpp).
#include "sync/ingest_pipeline.hpp"

#include "core/base64.hpp"
#include "integration/sync_content/sync_content_support.hpp"
#include "sync/content_index.hpp"

namespace ei::sync::testing {
namespace {

class IngestPipeline : public SyncContentTest {};

TEST_F(IngestPipeline, AbsentPipelineIsCreatedAsTheEngineAllows) {
  const std::string name = pipeline_name("absent");
  ASSERT_FALSE(get_pipeline(name));
  const PipelineAvailability availability = run(ensure_ingest_pipeline(client(), name));
  EXPECT_STREQ(to_string(availability), to_string(expected_creation()));

  const std::optional<json::object> stored = get_pipeline(name);
  if (expected_creation() == PipelineAvailability::unavailable) {
    EXPECT_FALSE(stored) << "nothing is created on an engine without ingest processors";
    return;
  }
  ASSERT_TRUE(stored);
  EXPECT_NE(stored->at("description").as_string().find("elastic-ingest"), json::string::npos);
  std::vector<std::string> types;
  for (const json::value& processor : stored->at("processors").as_array()) {
    types.emplace_back(processor.as_object().begin()->key());
  }
  if (expected_creation() == PipelineAvailability::created) {
    EXPECT_EQ(types, (std::vector<std::string>{"attachment", "script", "gsub", "trim", "remove"}));
  } else {
    EXPECT_EQ(types, (std::vector<std::string>{"gsub", "trim", "remove"}));
  }
}

TEST_F(IngestPipeline, ExistingPipelineIsUsedAsItIsAndNeverOverwritten) {
  const std::string name = pipeline_name("existing");
  // An empty processor list is accepted by every engine, core-only ones included.
  json::object mine{{"description", "the operator's own pipeline"}, {"processors", json::array{}}};
  if (!core_only_engine()) {
    mine["processors"] = json::array{
        json::object{{"set", json::object{{"field", "marker"}, {"value", "operator"}}}}};
  }
  put_pipeline(name, mine);
  const std::optional<json::object> before = get_pipeline(name);
  ASSERT_TRUE(before);

  EXPECT_EQ(run(ensure_ingest_pipeline(client(), name)), PipelineAvailability::existing);
  EXPECT_EQ(run(ensure_ingest_pipeline(client(), name)), PipelineAvailability::existing);
  EXPECT_EQ(get_pipeline(name), before);
}

TEST_F(IngestPipeline, CreatedPipelineIsExistingTheNextTime) {
  const std::string name = pipeline_name("again");
  const PipelineAvailability first = run(ensure_ingest_pipeline(client(), name));
  EXPECT_EQ(first, expected_creation());
  const std::optional<json::object> created = get_pipeline(name);
  const PipelineAvailability second = run(ensure_ingest_pipeline(client(), name));
  if (first == PipelineAvailability::unavailable) {
    EXPECT_EQ(second, PipelineAvailability::unavailable);
  } else {
    EXPECT_EQ(second, PipelineAvailability::existing);
  }
  EXPECT_EQ(get_pipeline(name), created);
}

TEST_F(IngestPipeline, PatternLikeNamesAreNotMistakenForExistingPipelines) {
  // `GET /_ingest/pipeline/<pattern>` answers with other pipelines: only the exact id counts.
  const std::string other = pipeline_name("pattern");
  put_pipeline(other, json::object{{"description", "other"}, {"processors", json::array{}}});
  const std::string pattern = other + "*";
  if (core_only_engine()) {
    EXPECT_EQ(run(ensure_ingest_pipeline(client(), pattern)), PipelineAvailability::unavailable);
    return;
  }
  // Whether the engine accepts '*' in an id or refuses it, the answer is not "existing".
  PipelineAvailability availability = PipelineAvailability::existing;
  try {
    availability = run(ensure_ingest_pipeline(client(), pattern));
    pipelines_.push_back(pattern);
  } catch (const es::EsError& error) {
    availability = PipelineAvailability::unavailable;
    EXPECT_EQ(error.status(), 400) << error.what();
  }
  EXPECT_NE(availability, PipelineAvailability::existing);
  EXPECT_EQ(get_pipeline(other)->at("description"), "other");
}

TEST_F(IngestPipeline, EmptyNameIsAClearError) {
  try {
    run(ensure_ingest_pipeline(client(), ""));
    FAIL() << "an empty name was accepted";
  } catch (const core::Error& error) {
    EXPECT_STREQ(error.what(), "Ingest pipeline name is empty");
  }
}

TEST_F(IngestPipeline, CreatedPipelineReducesWhitespaceAndRemovesTheControlFields) {
  const std::string name = pipeline_name("behaviour");
  const std::string index = content_index("pipeline-behaviour");
  run(prepare_content_index(client(), index));
  const PipelineAvailability availability = run(ensure_ingest_pipeline(client(), name));
  ASSERT_EQ(availability, expected_creation());
  if (availability == PipelineAvailability::unavailable) {
    // Core-only engines: a bulk naming the absent pipeline is refused item by item, which
    // is why the sync engine must index without one there.
    std::vector<es::BulkOperation> operations{
        es::BulkOperation::index_doc(index, "1", json::object{{"body", "x"}})};
    const es::BulkResult result = run(client().bulk(operations, es::BulkOptions{name, "true"}));
    ASSERT_EQ(result.items.size(), 1u);
    EXPECT_TRUE(result.items[0].failed());
    return;
  }

  const json::object flags{
      {"_extract_binary_content", true}, {"_reduce_whitespace", true}, {"_run_ml_inference", true}};
  json::object reduced = flags;
  reduced["body"] = "  many\t\tspaces \n\n and\r\nlines   ";
  json::object kept = flags;
  kept["_reduce_whitespace"] = false;
  kept["body"] = "  keep   this  ";
  json::object plain{{"title", "no control fields, no body"}};
  json::object attached = flags;
  attached["_attachment"] = core::base64_encode("attached words");
  attached["_attachment_indexed_chars"] = -1;
  std::vector<es::BulkOperation> operations{
      es::BulkOperation::index_doc(index, "reduced", reduced),
      es::BulkOperation::index_doc(index, "kept", kept),
      es::BulkOperation::index_doc(index, "plain", plain),
      es::BulkOperation::index_doc(index, "attached", attached)};
  const es::BulkResult result = run(client().bulk(operations, es::BulkOptions{name, "true"}));
  EXPECT_EQ(result.failed_count(), 0u);

  EXPECT_EQ(source_of(index, "reduced"), (json::object{{"body", "many spaces and lines"}}));
  EXPECT_EQ(source_of(index, "kept"), (json::object{{"body", "  keep   this  "}}));
  EXPECT_EQ(source_of(index, "plain"), plain);
  const json::object with_attachment = source_of(index, "attached");
  if (availability == PipelineAvailability::created) {
    EXPECT_EQ(with_attachment, (json::object{{"body", "attached words"}}));
  } else {
    // No extractor: the attachment is dropped, never indexed as a huge base64 string.
    EXPECT_TRUE(with_attachment.empty()) << json::serialize(with_attachment);
  }
}

}  // namespace
}  // namespace ei::sync::testing
