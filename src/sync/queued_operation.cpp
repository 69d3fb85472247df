#include "sync/queued_operation.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace ei::sync {

namespace json = boost::json;

namespace {

void append_action(std::string& out, std::string_view action, std::string_view index,
                   std::string_view id) {
  out += "{\"";
  out += action;
  out += "\":{\"_index\":";
  out += json::serialize(json::string(index));
  out += ",\"_id\":";
  out += json::serialize(json::string(id));
  out += "}}\n";
}

}  // namespace

QueuedOperation index_operation(std::string_view index, std::string id,
                                const json::object& document) {
  QueuedOperation operation;
  operation.op = es::BulkOpType::index;
  append_action(operation.ndjson, "index", index, id);
  const std::string source = json::serialize(document);
  operation.document_bytes = source.size();
  operation.ndjson.reserve(operation.ndjson.size() + source.size() + 1);
  operation.ndjson += source;
  operation.ndjson += '\n';
  operation.id = std::move(id);
  return operation;
}

QueuedOperation delete_operation(std::string_view index, std::string id) {
  QueuedOperation operation;
  operation.op = es::BulkOpType::delete_;
  append_action(operation.ndjson, "delete", index, id);
  operation.id = std::move(id);
  return operation;
}

}  // namespace ei::sync
