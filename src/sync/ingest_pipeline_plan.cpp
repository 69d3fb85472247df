#include "sync/ingest_pipeline_plan.hpp"

#include <boost/json.hpp>

namespace ei::sync {

namespace {

namespace json = boost::json;

bool has_all(const std::set<std::string>& available,
             std::initializer_list<std::string_view> needed) {
  for (std::string_view processor : needed) {
    if (!available.contains(std::string(processor))) return false;
  }
  return true;
}

// Painless condition: the flag is present and true (absent or false skips the step).
std::string flag_is_true(std::string_view flag) {
  return "ctx." + std::string(flag) + " == true";
}

json::object step(std::string_view type, json::object options) {
  return json::object{{type, std::move(options)}};
}

void add_extraction(json::array& processors, bool mustache) {
  // A file the extractor cannot read keeps the document: the failure is recorded on it.
  const std::string message =
      mustache ? "Text extraction from _attachment failed: {{ _ingest.on_failure_message }}"
               : "Text extraction from _attachment failed";
  json::array on_failure{
      step("append", json::object{{"field", kIngestionErrorsField}, {"value", message}})};
  processors.push_back(
      step("attachment", json::object{{"description", "Extract the text of the binary attachment"},
                                      {"field", "_attachment"},
                                      {"target_field", "_extracted_attachment"},
                                      {"properties", json::array{"content"}},
                                      {"indexed_chars_field", "_attachment_indexed_chars"},
                                      {"ignore_missing", true},
                                      {"if", flag_is_true("_extract_binary_content")},
                                      {"on_failure", std::move(on_failure)}}));
  processors.push_back(
      step("script", json::object{{"description", "Put the extracted text in body"},
                                  {"lang", "painless"},
                                  {"if",
                                   "ctx._extracted_attachment instanceof Map && "
                                   "ctx._extracted_attachment.content != null"},
                                  {"source", "ctx.body = ctx._extracted_attachment.content"}}));
}

void add_whitespace_reduction(json::array& processors) {
  const std::string condition = flag_is_true("_reduce_whitespace");
  processors.push_back(step("gsub", json::object{{"description", "Collapse whitespace in body"},
                                                 {"field", "body"},
                                                 {"pattern", "\\s+"},
                                                 {"replacement", " "},
                                                 {"ignore_missing", true},
                                                 {"if", condition}}));
  processors.push_back(step("trim", json::object{{"description", "Trim body"},
                                                 {"field", "body"},
                                                 {"ignore_missing", true},
                                                 {"if", condition}}));
}

void add_cleanup(json::array& processors) {
  json::array fields;
  for (std::string_view field : kPipelineControlFields) fields.emplace_back(field);
  processors.push_back(step("remove", json::object{{"description", "Remove the control fields"},
                                                   {"field", std::move(fields)},
                                                   {"ignore_missing", true}}));
}

}  // namespace

std::set<std::string> processors_on_every_node(const json::value& nodes_ingest) {
  const json::object* root = nodes_ingest.if_object();
  const json::value* nodes = root ? root->if_contains("nodes") : nullptr;
  if (nodes == nullptr || !nodes->is_object()) return {};
  std::set<std::string> common;
  bool first = true;
  for (const auto& [id, node] : nodes->get_object()) {
    std::set<std::string> types;
    const json::value* processors =
        node.is_object() ? node.get_object().if_contains("ingest") : nullptr;
    processors = processors && processors->is_object()
                     ? processors->get_object().if_contains("processors")
                     : nullptr;
    if (processors != nullptr && processors->is_array()) {
      for (const json::value& processor : processors->get_array()) {
        const json::value* type =
            processor.is_object() ? processor.get_object().if_contains("type") : nullptr;
        if (type != nullptr && type->is_string()) types.emplace(type->get_string());
      }
    }
    if (first) {
      common = std::move(types);
      first = false;
    } else {
      std::erase_if(common, [&](const std::string& type) { return !types.contains(type); });
    }
  }
  return common;
}

std::set<std::string> script_languages(const json::value& script_language) {
  std::set<std::string> languages;
  const json::object* root = script_language.if_object();
  const json::value* contexts = root ? root->if_contains("language_contexts") : nullptr;
  if (contexts == nullptr || !contexts->is_array()) return languages;
  for (const json::value& entry : contexts->get_array()) {
    const json::value* language =
        entry.is_object() ? entry.get_object().if_contains("language") : nullptr;
    if (language != nullptr && language->is_string()) languages.emplace(language->get_string());
  }
  return languages;
}

PipelinePlan plan_default_pipeline(const IngestCapabilities& capabilities) {
  PipelinePlan plan;
  if (!capabilities.processors.contains("remove")) return plan;

  const bool extraction =
      capabilities.painless && has_all(capabilities.processors, {"attachment", "script"});
  const bool whitespace =
      capabilities.painless && has_all(capabilities.processors, {"gsub", "trim"});
  json::array processors;
  if (extraction) add_extraction(processors, capabilities.mustache);
  if (whitespace) add_whitespace_reduction(processors);
  add_cleanup(processors);

  plan.availability =
      extraction ? PipelineAvailability::created : PipelineAvailability::created_without_extraction;
  std::string description =
      "Created by elastic-ingest because the connector's pipeline was absent:";
  if (extraction) description += " text of _attachment into body,";
  if (whitespace) description += " whitespace reduction of body,";
  description += " removal of the control fields";
  plan.body = json::object{{"description", description}, {"processors", std::move(processors)}};
  return plan;
}

}  // namespace ei::sync
