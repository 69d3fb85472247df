#include "protocol/protocol_mappings.hpp"

#include "protocol/index_names.hpp"
#include "protocol/pipeline.hpp"

namespace ei::protocol {

namespace {

namespace json = boost::json;

json::object typed(std::string_view type) {
  return json::object{{"type", type}};
}

// Keyword for texts of unbounded length (error messages, user-written rule values): a term
// over Lucene's 32766-byte limit would make the whole write fail, so long ones stay
// unindexed (still in `_source`).
json::object long_keyword() {
  return json::object{{"type", "keyword"}, {"ignore_above", 8191}};
}

json::object properties(json::object fields) {
  return json::object{{"properties", std::move(fields)}};
}

json::object enabled_flag() {
  return properties({{"enabled", typed("boolean")}});
}

json::object rules_mapping() {
  return properties({{"id", typed("keyword")},
                     {"policy", typed("keyword")},
                     {"field", typed("keyword")},
                     {"rule", typed("keyword")},
                     {"value", long_keyword()},
                     {"order", typed("integer")},
                     {"created_at", typed("date")},
                     {"updated_at", typed("date")}});
}

json::object advanced_snippet_mapping() {
  return properties(
      {{"value", typed("object")}, {"created_at", typed("date")}, {"updated_at", typed("date")}});
}

json::object validation_mapping() {
  return properties(
      {{"state", typed("keyword")},
       {"errors", properties({{"ids", typed("keyword")}, {"messages", typed("text")}})}});
}

json::object filter_mapping() {
  return properties({{"rules", rules_mapping()},
                     {"advanced_snippet", advanced_snippet_mapping()},
                     {"validation", validation_mapping()}});
}

json::object pipeline_mapping() {
  return properties({{"extract_binary_content", typed("boolean")},
                     {"name", typed("keyword")},
                     {"reduce_whitespace", typed("boolean")},
                     {"run_ml_inference", typed("boolean")}});
}

json::object creation_body(json::object mappings, std::string_view alias) {
  return json::object{{"settings", protocol_index_settings()},
                      {"mappings", std::move(mappings)},
                      {"aliases", json::object{{alias, json::object{{"is_hidden", true}}}}}};
}

}  // namespace

json::object connectors_index_mappings() {
  json::object features = properties(
      {{"filtering_advanced_config", typed("boolean")},
       {"filtering_rules", typed("boolean")},
       {"sync_rules", properties({{"basic", enabled_flag()}, {"advanced", enabled_flag()}})},
       {"document_level_security", enabled_flag()},
       {"incremental_sync", enabled_flag()}});
  json::object filtering = properties(
      {{"domain", typed("keyword")}, {"active", filter_mapping()}, {"draft", filter_mapping()}});
  json::object scheduling =
      properties({{"enabled", typed("boolean")}, {"interval", typed("text")}});

  json::object fields{{"api_key_id", typed("keyword")},
                      {"configuration", typed("object")},
                      {"created_at", typed("date")},
                      {"custom_scheduling", typed("object")},
                      {"description", typed("text")},
                      {"error", long_keyword()},
                      {"features", std::move(features)},
                      {"filtering", std::move(filtering)},
                      {"index_name", typed("keyword")},
                      {"is_native", typed("boolean")},
                      {"language", typed("keyword")},
                      {"last_access_control_sync_error", long_keyword()},
                      {"last_access_control_sync_status", typed("keyword")},
                      {"last_deleted_document_count", typed("long")},
                      {"last_indexed_document_count", typed("long")},
                      {"last_seen", typed("date")},
                      {"last_sync_error", long_keyword()},
                      {"last_sync_scheduled_at", typed("date")},
                      {"last_sync_status", typed("keyword")},
                      {"last_synced", typed("date")},
                      {"name", typed("keyword")},
                      {"pipeline", pipeline_mapping()},
                      {"scheduling", std::move(scheduling)},
                      {"service_type", typed("keyword")},
                      {"status", typed("keyword")},
                      {"sync_cursor", typed("object")},
                      {"sync_now", typed("boolean")},
                      {"updated_at", typed("date")}};

  json::object meta{{"version", "1"},
                    {"pipeline", json::object{{"default_extract_binary_content", true},
                                              {"default_name", kDefaultPipelineName},
                                              {"default_reduce_whitespace", true},
                                              {"default_run_ml_inference", true}}}};
  return json::object{
      {"_meta", std::move(meta)}, {"dynamic", false}, {"properties", std::move(fields)}};
}

json::object jobs_index_mappings() {
  json::object connector = properties({{"configuration", typed("object")},
                                       {"filtering", filter_mapping()},
                                       {"id", typed("keyword")},
                                       {"index_name", typed("keyword")},
                                       {"language", typed("keyword")},
                                       {"pipeline", pipeline_mapping()},
                                       {"service_type", typed("keyword")},
                                       {"sync_cursor", typed("object")}});
  json::object fields{{"cancelation_requested_at", typed("date")},
                      {"canceled_at", typed("date")},
                      {"completed_at", typed("date")},
                      {"connector", std::move(connector)},
                      {"created_at", typed("date")},
                      {"deleted_document_count", typed("integer")},
                      {"error", long_keyword()},
                      {"indexed_document_count", typed("integer")},
                      {"indexed_document_volume", typed("integer")},
                      {"job_type", typed("keyword")},
                      {"last_seen", typed("date")},
                      {"metadata", typed("object")},
                      {"started_at", typed("date")},
                      {"status", typed("keyword")},
                      {"total_document_count", typed("integer")},
                      {"trigger_method", typed("keyword")},
                      {"worker_hostname", typed("keyword")}};
  return json::object{{"_meta", json::object{{"version", 1}}},
                      {"dynamic", false},
                      {"properties", std::move(fields)}};
}

json::object protocol_index_settings() {
  return json::object{
      {"index",
       json::object{{"hidden", true}, {"number_of_shards", 1}, {"auto_expand_replicas", "0-1"}}}};
}

json::object connectors_index_creation_body() {
  return creation_body(connectors_index_mappings(), kConnectorsIndex);
}

json::object jobs_index_creation_body() {
  return creation_body(jobs_index_mappings(), kJobsIndex);
}

}  // namespace ei::protocol
