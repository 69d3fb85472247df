#include "sources/sharepoint/sharepoint_documents.hpp"

#include <boost/url.hpp>
#include <charconv>

#include "sources/rest/json_access.hpp"
#include "sources/rest/percent_encode.hpp"

namespace ei::sources::sharepoint {

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

// SharePoint writes a file's `Length` as a string; an integer keeps `size` one type across
// documents (list items have 0), where mixed types make the index reject documents.
json::value length(const json::object* object) {
  const json::value value = field(object, "Length");
  if (value.is_string()) {
    std::uint64_t parsed = 0;
    const std::string_view digits = value.get_string();
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), parsed);
    if (error == std::errc() && end == digits.data() + digits.size()) return parsed;
  }
  return value.is_number() ? value : json::value(0);
}

}  // namespace

std::string resolve(const std::string& host, const std::string& path) {
  const auto parsed = boost::urls::parse_uri(host);
  std::string origin = host;
  if (parsed) {
    origin = std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_authority());
  }
  if (path.empty() || path.front() != '/') return origin + "/" + path;
  return origin + path;
}

std::string encoded_server_relative_url(const std::string& url) {
  std::string doubled;
  for (const char c : url) {
    doubled += c;
    if (c == '\'') doubled += '\'';
  }
  std::string out;
  for (const char c : doubled) {
    out += c == '\'' ? std::string("'") : rest::percent_encode(std::string_view(&c, 1));
  }
  return out;
}

json::object site_document(const json::object& web) {
  json::object document;
  document["type"] = "sites";
  document["title"] = field(&web, "Title");
  document["url"] = field(&web, "Url");
  document["_id"] = field(&web, "Id");
  document["server_relative_url"] = field(&web, "ServerRelativeUrl");
  document["_timestamp"] = field(&web, "LastItemModifiedDate");
  document["creation_time"] = field(&web, "Created");
  return document;
}

json::object list_document(const json::object& list, const std::string& host) {
  const bool library = field(&list, "BaseType") == json::value(1);
  json::object document;
  document["type"] = library ? "document_library" : "lists";
  document["url"] = resolve(host, text(rest::object_at(list, "RootFolder"), "ServerRelativeUrl"));
  document["title"] = field(&list, "Title");
  document["parent_web_url"] = field(&list, "ParentWebUrl");
  document["_id"] = field(&list, "Id");
  document["_timestamp"] = field(&list, "LastItemModifiedDate");
  document["creation_time"] = field(&list, "Created");
  return document;
}

std::optional<json::object> drive_item_document(const json::object& item, const std::string& host) {
  const std::string id = rest::text(item, "GUID");
  if (id.empty()) return std::nullopt;
  const json::object* file = rest::object_at(item, "File");
  const bool is_file = file != nullptr && file->contains("TimeLastModified");
  const json::object* entry = is_file ? file : rest::object_at(item, "Folder");
  json::object document;
  document["type"] = is_file ? "File" : "Folder";
  document["_id"] = id;
  document["size"] = is_file ? length(file) : json::value(0);
  document["url"] = resolve(host, text(entry, "ServerRelativeUrl"));
  document["title"] = field(entry, "Name");
  document["creation_time"] = field(entry, "TimeCreated");
  document["_timestamp"] = field(entry, "TimeLastModified");
  return document;
}

std::optional<json::object> list_item_document(const json::object& item, const json::object& list,
                                               const std::string& host) {
  const std::string id = rest::text(item, "GUID");
  if (id.empty()) return std::nullopt;
  const std::string folder =
      resolve(host, text(rest::object_at(list, "RootFolder"), "ServerRelativeUrl"));
  json::object document;
  document["type"] = "list_item";
  document["_id"] = id;
  document["file_name"] = nullptr;
  document["size"] = 0;
  document["url"] = folder + "/DispForm.aspx?ID=" + rest::id_text(item, "Id") +
                    "&Source=" + folder +
                    "/AllItems.aspx&ContentTypeId=" + rest::text(item, "ContentTypeId");
  document["title"] = field(&item, "Title");
  document["author_id"] = field(&item, "EditorId");
  document["creation_time"] = field(&item, "Created");
  document["_timestamp"] = field(&item, "Modified");
  return document;
}

std::optional<json::object> attachment_document(json::object item_document,
                                                const json::object& file, const std::string& host) {
  const std::string id = rest::text(file, "UniqueId");
  if (id.empty()) return std::nullopt;
  item_document["_id"] = id;
  item_document["file_name"] = field(&file, "Name");
  item_document["size"] = length(&file);
  item_document["url"] = resolve(host, rest::text(file, "ServerRelativeUrl"));
  return item_document;
}

}  // namespace ei::sources::sharepoint
