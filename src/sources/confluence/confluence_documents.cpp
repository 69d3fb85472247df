#include "sources/confluence/confluence_documents.hpp"

#include "source/content_stamp.hpp"
#include "sources/rest/json_access.hpp"

namespace ei::sources::confluence {

namespace json = boost::json;

namespace {

json::value field(const json::object* object, std::string_view key) {
  if (object == nullptr) return nullptr;
  const json::value* value = object->if_contains(key);
  return value != nullptr ? *value : json::value(nullptr);
}

std::string text(const json::object* object, std::string_view key) {
  return object != nullptr ? rest::text(*object, key) : std::string();
}

json::value web_url(const json::object& object, const std::string& base) {
  const std::string webui = text(rest::object_at(object, "_links"), "webui");
  if (webui.empty()) return nullptr;
  return json::value(join_url(base, webui));
}

}  // namespace

std::string join_url(const std::string& base, const std::string& path) {
  std::string_view tail = path;
  while (!tail.empty() && tail.front() == '/') tail.remove_prefix(1);
  std::string joined = base;
  while (!joined.empty() && joined.back() == '/') joined.pop_back();
  return joined + "/" + std::string(tail);
}

json::object space_document(const json::object& space, const std::string& base) {
  json::object document;
  document["_id"] = rest::id_text(space, "id");
  document["type"] = "Space";
  document["title"] = field(&space, "name");
  document["_timestamp"] = source::content_stamp(json::serialize(space));
  document["url"] = web_url(space, base);
  return document;
}

std::optional<json::object> content_document(const json::object& content, const std::string& base) {
  const std::string id = rest::id_text(content, "id");
  if (id.empty()) return std::nullopt;
  const json::object* history = rest::object_at(content, "history");
  const json::object* updated =
      history != nullptr ? rest::object_at(*history, "lastUpdated") : nullptr;
  const json::object* body = rest::object_at(content, "body");
  const json::object* storage = body != nullptr ? rest::object_at(*body, "storage") : nullptr;
  json::object document;
  document["_id"] = id;
  document["type"] = field(&content, "type");
  document["_timestamp"] = field(updated, "when");
  document["title"] = field(&content, "title");
  document["space"] = field(rest::object_at(content, "space"), "name");
  document["body"] = field(storage, "value");
  document["url"] = web_url(content, base);
  return document;
}

std::optional<json::object> attachment_document(const json::object& attachment,
                                                const json::object& parent,
                                                const std::string& base) {
  const std::string id = rest::id_text(attachment, "id");
  if (id.empty()) return std::nullopt;
  std::string parent_type = text(&parent, "type");
  if (parent_type.empty()) parent_type = "page";
  json::object document;
  document["_id"] = id;
  document["type"] = field(&attachment, "type");
  document["title"] = field(&attachment, "title");
  document["space"] = field(rest::object_at(parent, "space"), "name");
  document[parent_type] = field(&parent, "title");
  document["_timestamp"] = field(rest::object_at(attachment, "version"), "when");
  document["size"] = field(rest::object_at(attachment, "extensions"), "fileSize");
  document["url"] = web_url(attachment, base);
  return document;
}

std::int64_t attachment_count(const json::object& content) {
  const json::object* children = rest::object_at(content, "children");
  const json::object* attachments =
      children != nullptr ? rest::object_at(*children, "attachment") : nullptr;
  const json::value size = field(attachments, "size");
  if (size.is_int64()) return size.get_int64();
  if (size.is_uint64()) return static_cast<std::int64_t>(size.get_uint64());
  return 0;
}

std::string content_cql(const std::vector<std::string>& spaces, const std::string& type) {
  if (spaces.empty()) return "type=" + type;
  std::string cql = "space in (";
  for (std::size_t i = 0; i < spaces.size(); ++i) {
    if (i > 0) cql += ',';
    cql += '\'';
    for (const char c : spaces[i]) {
      if (c == '\'' || c == '\\') cql += '\\';
      cql += c;
    }
    cql += '\'';
  }
  return cql + ") AND type=" + type;
}

}  // namespace ei::sources::confluence
