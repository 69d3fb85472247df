#include "sync/queued_operation.hpp"

#include <boost/json/serializer.hpp>

namespace ei::sync {

namespace json = boost::json;

namespace {

// Serializes straight onto the end of `out`: no intermediate string per document.
template <class T>
void append_json(std::string& out, const T& what) {
  json::serializer serializer;
  serializer.reset(what);
  char buffer[4096];
  while (!serializer.done()) {
    const json::string_view written = serializer.read(buffer, sizeof buffer);
    out.append(written.data(), written.size());
  }
}

void append_action(std::string& out, std::string_view action, std::string_view index,
                   std::string_view id) {
  out += "{\"";
  out += action;
  out += "\":{\"_index\":";
  append_json(out, json::string_view(index.data(), index.size()));
  out += ",\"_id\":";
  append_json(out, json::string_view(id.data(), id.size()));
  out += "}}\n";
}

}  // namespace

QueuedOperation index_operation(std::string_view index, std::string id,
                                const json::object& document) {
  QueuedOperation operation;
  operation.op = es::BulkOpType::index;
  append_action(operation.ndjson, "index", index, id);
  const std::size_t action_bytes = operation.ndjson.size();
  append_json(operation.ndjson, &document);
  operation.document_bytes = operation.ndjson.size() - action_bytes;
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
