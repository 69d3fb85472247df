#include "sync/existing_scan.hpp"

#include <exception>

#include "core/logging.hpp"
#include "protocol/content_index_settings.hpp"
#include "sync/document_key.hpp"

namespace ei::sync {

namespace json = boost::json;

bool maps_exact_timestamps(const json::object& field_mapping) {
  if (field_mapping.empty()) return false;
  for (const auto& index : field_mapping) {
    const json::object* entry = index.value().if_object();
    const json::value* mappings = entry ? entry->if_contains("mappings") : nullptr;
    const json::object* fields = mappings ? mappings->if_object() : nullptr;
    const json::value* found =
        fields ? fields->if_contains(protocol::kExactTimestampField) : nullptr;
    const json::object* described = found ? found->if_object() : nullptr;
    const json::value* mapping = described ? described->if_contains("mapping") : nullptr;
    // {"exact": {"type": "keyword", ...}}: one entry, named after the leaf.
    if (mapping == nullptr || !mapping->is_object() || mapping->get_object().size() != 1) {
      return false;
    }
    const json::object* leaf = mapping->get_object().begin()->value().if_object();
    if (leaf == nullptr) return false;
    const json::value* type = leaf->if_contains("type");
    if (type == nullptr || !type->is_string() || type->get_string() != "keyword") return false;
    if (const json::value* doc_values = leaf->if_contains("doc_values");
        doc_values != nullptr && !(doc_values->is_bool() && doc_values->get_bool())) {
      return false;
    }
  }
  return true;
}

boost::asio::awaitable<ExistingScanKind> choose_existing_scan(es::IndexReader& index_reader,
                                                              std::string index) {
  json::object mapping;
  try {
    auto asking = index_reader.get_field_mapping(std::move(index),
                                                 std::string(protocol::kExactTimestampField));
    mapping = co_await std::move(asking);
  } catch (const std::exception& e) {
    // The _source scan works on any index; a key allowed to read documents but not
    // mappings, for one, must not fail the sync. An unreachable node fails the scan itself.
    core::log().info("Reading the index back from _source: its mapping could not be read ({})",
                     e.what());
    co_return ExistingScanKind::source;
  }
  co_return maps_exact_timestamps(mapping) ? ExistingScanKind::doc_values
                                           : ExistingScanKind::source;
}

es::IdScanOptions existing_scan_options(ExistingScanKind kind, bool with_timestamps) {
  es::IdScanOptions options;
  options.page_size = kExistingScanPageSize;
  if (kind == ExistingScanKind::source) {
    options.source_fields = {"id"};
    if (with_timestamps) options.source_fields.emplace_back("_timestamp");
  } else if (with_timestamps) {
    options.docvalue_fields = {std::string(protocol::kExactTimestampField)};
  }
  return options;
}

std::uint64_t existing_id_key(const es::ScanHit& hit, ExistingScanKind kind) {
  if (kind == ExistingScanKind::source) {
    if (const json::value* id = hit.source.if_contains("id")) return id_key(id_text(*id));
  }
  return id_key(hit.id);
}

std::uint64_t existing_timestamp_key(const es::ScanHit& hit, ExistingScanKind kind) {
  if (kind == ExistingScanKind::source) return timestamp_key(hit.source);
  const json::value* values = hit.fields.if_contains(protocol::kExactTimestampField);
  if (values == nullptr || !values->is_array() || values->get_array().size() != 1) return 0;
  const json::value& value = values->get_array().front();
  if (!value.is_string()) return 0;
  return timestamp_key(value.get_string());
}

}  // namespace ei::sync
