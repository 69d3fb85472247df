#include "es/ndjson_writer.hpp"

#include <boost/json/serializer.hpp>

namespace ei::es {

namespace json = boost::json;

namespace {

template <class T>
void serialize_onto(std::string& out, const T& what) {
  json::serializer serializer;
  serializer.reset(what);
  char buffer[4096];
  while (!serializer.done()) {
    const json::string_view written = serializer.read(buffer, sizeof buffer);
    out.append(written.data(), written.size());
  }
}

void append_string(std::string& out, std::string_view text) {
  const json::string_view view(text.data(), text.size());
  serialize_onto(out, view);
}

}  // namespace

void append_json(std::string& out, const json::value& value) {
  serialize_onto(out, &value);
}

void append_json(std::string& out, const json::object& object) {
  serialize_onto(out, &object);
}

void append_bulk_action(std::string& out, BulkOpType op, std::string_view index,
                        std::optional<std::string_view> id,
                        const std::optional<std::string>& pipeline) {
  out += "{\"";
  out += to_string(op);
  out += "\":{\"_index\":";
  append_string(out, index);
  if (id) {
    out += ",\"_id\":";
    append_string(out, *id);
  }
  if (pipeline && op != BulkOpType::delete_) {
    out += ",\"pipeline\":";
    append_string(out, *pipeline);
  }
  out += "}}\n";
}

}  // namespace ei::es
