// The default ingest pipeline we create when the connector's is absent (spec §13.11, §18),
// planned from what an engine offers.
#include "sync/ingest_pipeline_plan.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace ei::sync {
namespace {

namespace json = boost::json;

const std::set<std::string> kIngestCommon{"append", "gsub", "remove", "script", "set", "trim"};

std::set<std::string> with(std::set<std::string> base, const std::string& extra) {
  base.insert(extra);
  return base;
}

// The processor types of a plan, in order.
std::vector<std::string> steps(const PipelinePlan& plan) {
  std::vector<std::string> types;
  for (const json::value& processor : plan.body.at("processors").as_array()) {
    types.emplace_back(processor.as_object().begin()->key());
  }
  return types;
}

const json::object& options_of(const PipelinePlan& plan, std::size_t index) {
  return plan.body.at("processors").at(index).as_object().begin()->value().as_object();
}

TEST(IngestPipelinePlan, FullEngineExtractsReducesAndCleansUp) {
  const PipelinePlan plan = plan_default_pipeline({with(kIngestCommon, "attachment"), true, true});
  EXPECT_EQ(plan.availability, PipelineAvailability::created);
  EXPECT_EQ(steps(plan),
            (std::vector<std::string>{"attachment", "script", "gsub", "trim", "remove"}));

  const json::object& attachment = options_of(plan, 0);
  EXPECT_EQ(attachment.at("field"), "_attachment");
  EXPECT_EQ(attachment.at("target_field"), "_extracted_attachment");
  EXPECT_EQ(attachment.at("indexed_chars_field"), "_attachment_indexed_chars");
  EXPECT_EQ(attachment.at("ignore_missing"), true);
  EXPECT_EQ(attachment.at("if"), "ctx._extract_binary_content == true");
  // A failed extraction is recorded on the document instead of rejecting it.
  const json::object& on_failure = attachment.at("on_failure").at(0).at("append").as_object();
  EXPECT_EQ(on_failure.at("field"), json::value(kIngestionErrorsField));
  EXPECT_NE(on_failure.at("value").as_string().find("{{ _ingest.on_failure_message }}"),
            json::string::npos);

  const json::object& copy = options_of(plan, 1);
  EXPECT_EQ(copy.at("lang"), "painless");
  EXPECT_EQ(copy.at("source"), "ctx.body = ctx._extracted_attachment.content");
  EXPECT_NE(copy.at("if").as_string().find("_extracted_attachment.content != null"),
            json::string::npos);

  const json::object& gsub = options_of(plan, 2);
  EXPECT_EQ(gsub.at("field"), "body");
  EXPECT_EQ(gsub.at("pattern"), "\\s+");
  EXPECT_EQ(gsub.at("replacement"), " ");
  EXPECT_EQ(gsub.at("ignore_missing"), true);
  EXPECT_EQ(gsub.at("if"), "ctx._reduce_whitespace == true");
  EXPECT_EQ(options_of(plan, 3).at("if"), "ctx._reduce_whitespace == true");
  EXPECT_EQ(options_of(plan, 3).at("ignore_missing"), true);

  const json::object& remove = options_of(plan, 4);
  EXPECT_EQ(remove.at("ignore_missing"), true);
  EXPECT_EQ(remove.at("field"),
            (json::array{"_attachment", "_attachment_indexed_chars", "_extracted_attachment",
                         "_extract_binary_content", "_reduce_whitespace", "_run_ml_inference"}));
  EXPECT_NE(plan.body.at("description").as_string().find("text of _attachment into body"),
            json::string::npos);
}

TEST(IngestPipelinePlan, WithoutMustacheTheFailureMessageIsPlain) {
  const PipelinePlan plan =
      plan_default_pipeline({with(kIngestCommon, "attachment"), true, /*mustache=*/false});
  const json::string& message =
      options_of(plan, 0).at("on_failure").at(0).at("append").at("value").as_string();
  EXPECT_EQ(message.find("{{"), json::string::npos);
}

TEST(IngestPipelinePlan, NoAttachmentProcessorKeepsWhitespaceReductionAndCleanup) {
  // Elasticsearch 7.10 with its standard modules.
  const PipelinePlan plan = plan_default_pipeline({kIngestCommon, true, true});
  EXPECT_EQ(plan.availability, PipelineAvailability::created_without_extraction);
  EXPECT_EQ(steps(plan), (std::vector<std::string>{"gsub", "trim", "remove"}));
  EXPECT_EQ(plan.body.at("description").as_string().find("_attachment into body"),
            json::string::npos);
}

TEST(IngestPipelinePlan, NoPainlessMeansNoConditionalStep) {
  // The flags cannot be honoured without conditions: only the unconditional cleanup.
  const PipelinePlan plan = plan_default_pipeline({with(kIngestCommon, "attachment"), false, true});
  EXPECT_EQ(plan.availability, PipelineAvailability::created_without_extraction);
  EXPECT_EQ(steps(plan), (std::vector<std::string>{"remove"}));
}

TEST(IngestPipelinePlan, AttachmentWithoutScriptProcessorCannotFillBody) {
  const PipelinePlan plan =
      plan_default_pipeline({{"attachment", "gsub", "trim", "remove"}, true, true});
  EXPECT_EQ(plan.availability, PipelineAvailability::created_without_extraction);
  EXPECT_EQ(steps(plan), (std::vector<std::string>{"gsub", "trim", "remove"}));
}

TEST(IngestPipelinePlan, NoRemoveProcessorIsUnavailable) {
  // Core-only Elasticsearch 8/9 nodes: no ingest processor at all.
  for (const IngestCapabilities& capabilities :
       {IngestCapabilities{}, IngestCapabilities{{}, true, true},
        IngestCapabilities{{"attachment", "script", "gsub", "trim"}, true, true}}) {
    const PipelinePlan plan = plan_default_pipeline(capabilities);
    EXPECT_EQ(plan.availability, PipelineAvailability::unavailable);
    EXPECT_TRUE(plan.body.empty());
  }
}

TEST(IngestPipelinePlan, ProcessorsMustBeOnEveryNode) {
  const json::value response = json::parse(R"({"nodes": {
      "a": {"ingest": {"processors": [{"type": "remove"}, {"type": "attachment"}, {"type": "gsub"}]}},
      "b": {"ingest": {"processors": [{"type": "gsub"}, {"type": "remove"}, {"type": 3}]}}}})");
  EXPECT_EQ(processors_on_every_node(response), (std::set<std::string>{"gsub", "remove"}));
  const json::value one = json::parse(
      R"({"nodes": {"a": {"ingest": {"processors": [{"type": "remove"}, {"type": "trim"}]}}}})");
  EXPECT_EQ(processors_on_every_node(one), (std::set<std::string>{"remove", "trim"}));
  // A node without an ingest section offers nothing, so nothing is common.
  const json::value bare =
      json::parse(R"({"nodes": {"a": {"ingest": {"processors": [{"type": "remove"}]}}, "b": {}}})");
  EXPECT_TRUE(processors_on_every_node(bare).empty());
  EXPECT_TRUE(processors_on_every_node(json::parse(R"({"nodes": {}})")).empty());
  EXPECT_TRUE(processors_on_every_node(json::parse(R"([1, 2])")).empty());
  EXPECT_TRUE(processors_on_every_node(json::value()).empty());
}

TEST(IngestPipelinePlan, ScriptLanguagesFromTheEnginesAnswer) {
  const json::value response = json::parse(R"({"types_allowed": ["inline"],
      "language_contexts": [{"language": "expression", "contexts": []},
                            {"language": "painless", "contexts": ["processor_conditional"]},
                            {"language": "mustache", "contexts": ["template"]}, {"x": 1}]})");
  EXPECT_EQ(script_languages(response),
            (std::set<std::string>{"expression", "mustache", "painless"}));
  EXPECT_TRUE(script_languages(json::value()).empty());
  EXPECT_TRUE(script_languages(json::parse(R"({"language_contexts": 5})")).empty());
}

}  // namespace
}  // namespace ei::sync
