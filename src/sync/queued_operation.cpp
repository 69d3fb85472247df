#include "sync/queued_operation.hpp"

#include "core/logging.hpp"
#include "core/utf8.hpp"
#include "es/ndjson_writer.hpp"

namespace ei::sync {

namespace json = boost::json;

namespace {

// A copy of `value` whose keys and strings are valid UTF-8 (see core/utf8.hpp).
json::value with_valid_utf8(const json::value& value) {
  switch (value.kind()) {
    case json::kind::string: {
      const json::string& text = value.get_string();
      if (core::is_valid_utf8(text)) return text;
      return json::string(core::to_valid_utf8(text));
    }
    case json::kind::array: {
      json::array out;
      out.reserve(value.get_array().size());
      for (const json::value& item : value.get_array()) out.push_back(with_valid_utf8(item));
      return out;
    }
    case json::kind::object: {
      json::object out;
      out.reserve(value.get_object().size());
      for (const auto& field : value.get_object()) {
        const std::string key = core::is_valid_utf8(field.key()) ? std::string(field.key())
                                                                 : core::to_valid_utf8(field.key());
        out[key] = with_valid_utf8(field.value());
      }
      return out;
    }
    default:
      return value;
  }
}

}  // namespace

QueuedOperation index_operation(std::string_view index, std::string id,
                                const json::object& document) {
  QueuedOperation operation;
  operation.op = es::BulkOpType::index;
  es::append_bulk_action(operation.ndjson, es::BulkOpType::index, index, id);
  const std::size_t action_bytes = operation.ndjson.size();
  es::append_json(operation.ndjson, document);
  // Elasticsearch refuses a body that is not UTF-8 (a file name in another encoding, a
  // database text column of bytes): such a document is sent with U+FFFD in place of the
  // bad bytes rather than not at all. Checking the serialized text is cheaper than
  // checking each string, and it is rarely needed.
  const std::string_view source_line(operation.ndjson.data() + action_bytes,
                                     operation.ndjson.size() - action_bytes);
  if (!core::is_valid_utf8(source_line)) {
    core::log().warn(
        "Document {} has text that is not valid UTF-8; it is indexed with U+FFFD in place of "
        "the invalid bytes",
        core::to_valid_utf8(id));
    operation.ndjson.resize(action_bytes);
    const json::value repaired = with_valid_utf8(json::value(document));
    es::append_json(operation.ndjson, repaired);
  }
  operation.document_bytes = operation.ndjson.size() - action_bytes;
  operation.ndjson += '\n';
  operation.id = std::move(id);
  return operation;
}

QueuedOperation delete_operation(std::string_view index, std::string id) {
  QueuedOperation operation;
  operation.op = es::BulkOpType::delete_;
  es::append_bulk_action(operation.ndjson, es::BulkOpType::delete_, index, id);
  operation.id = std::move(id);
  return operation;
}

}  // namespace ei::sync
