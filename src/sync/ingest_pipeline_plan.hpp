#pragma once

// What our equivalent of the stack's default ingest pipeline contains on a given engine
// (spec §13.11, §18): pure functions of the engine's capabilities, so they are unit-tested
// without a cluster.

#include <array>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <set>
#include <string>
#include <string_view>

#include "sync/ingest_pipeline.hpp"

namespace ei::sync {

// The fields every document carries for the pipeline, removed by it (spec §13.11).
inline constexpr std::array<std::string_view, 6> kPipelineControlFields{
    "_attachment",           "_attachment_indexed_chars",
    "_extracted_attachment", "_extract_binary_content",
    "_reduce_whitespace",    "_run_ml_inference"};

// Where extraction failures are recorded on the document (it is still indexed).
inline constexpr std::string_view kIngestionErrorsField = "_ingestion_errors";

struct IngestCapabilities {
  std::set<std::string> processors;  // processor types every node has
  bool painless = false;             // `if` conditions and script processors
  bool mustache = false;             // `{{ }}` templates in processor values
};

// Processor types present on every node of a `GET /_nodes/ingest` response (empty when
// the response lists no node).
std::set<std::string> processors_on_every_node(const boost::json::value& nodes_ingest);

// Script languages of a `GET /_script_language` response.
std::set<std::string> script_languages(const boost::json::value& script_language);

struct PipelinePlan {
  PipelineAvailability availability = PipelineAvailability::unavailable;
  boost::json::object body;  // the `PUT /_ingest/pipeline/<name>` body; empty if unavailable
};

// The pipeline to create on an engine with `capabilities`:
// - text extraction (attachment → `body`), when `_extract_binary_content` is true, needs the
//   attachment and script processors and painless;
// - whitespace reduction of `body` (collapse runs, trim), when `_reduce_whitespace` is true,
//   needs gsub, trim and painless;
// - removal of the control fields needs the remove processor; without it: unavailable.
// Every step ignores missing fields, so documents without an attachment or body pass.
PipelinePlan plan_default_pipeline(const IngestCapabilities& capabilities);

}  // namespace ei::sync
