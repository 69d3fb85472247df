#include "sources/jira/jira_documents.hpp"

#include <cctype>

#include "source/content_stamp.hpp"

namespace ei::sources::jira {

namespace json = boost::json;

namespace {

std::string text(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

json::value field(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr ? *value : json::value(nullptr);
}

const json::object* object_at(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_object() ? &value->get_object() : nullptr;
}

// A JSON number or string as text (Jira's ids are strings; a server may send numbers).
std::string id_text(const json::value& value) {
  if (value.is_string()) return std::string(value.get_string());
  if (value.is_int64()) return std::to_string(value.get_int64());
  if (value.is_uint64()) return std::to_string(value.get_uint64());
  return {};
}

bool plain_key(const std::string& key) {
  if (key.empty()) return false;
  for (const char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::string percent_encoded(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

}  // namespace

json::object project_document(const json::object& project) {
  json::object document;
  document["_id"] = "project-" + id_text(field(project, "id"));
  document["Type"] = "Project";
  document["Project"] = project;
  document["_timestamp"] = source::content_stamp(json::serialize(project));
  return document;
}

std::optional<json::object> issue_document(const json::object& issue) {
  const std::string key = text(issue, "key");
  const json::object* fields = object_at(issue, "fields");
  if (key.empty() || fields == nullptr) return std::nullopt;
  std::string project_name;
  if (const json::object* project = object_at(*fields, "project")) {
    project_name = text(*project, "name");
  }
  json::value type = nullptr;
  if (const json::object* issue_type = object_at(*fields, "issuetype")) {
    type = field(*issue_type, "name");
  }
  json::object document;
  document["_id"] = project_name + "-" + key;
  document["_timestamp"] = field(*fields, "updated");
  document["Type"] = type;
  document["Issue"] = *fields;
  return document;
}

json::object attachment_document(const std::string& issue_key, const json::object& attachment) {
  json::object document;
  document["_id"] = issue_key + "-" + id_text(field(attachment, "id"));
  document["title"] = field(attachment, "filename");
  document["Type"] = "Attachment";
  document["issue"] = issue_key;
  document["_timestamp"] = field(attachment, "created");
  document["size"] = field(attachment, "size");
  return document;
}

std::string search_jql(const std::vector<std::string>& projects) {
  if (projects.empty()) return {};
  std::string jql = "project in (";
  for (std::size_t i = 0; i < projects.size(); ++i) {
    if (i > 0) jql += ',';
    if (plain_key(projects[i])) {
      jql += projects[i];
    } else {
      jql += '"';
      for (const char c : projects[i]) {
        if (c == '"' || c == '\\') jql += '\\';
        jql += c;
      }
      jql += '"';
    }
  }
  return jql + ")";
}

std::string attachment_path(bool cloud, const std::string& id, const std::string& file_name) {
  if (cloud) return "/rest/api/2/attachment/content/" + percent_encoded(id);
  return "/secure/attachment/" + percent_encoded(id) + "/" + percent_encoded(file_name);
}

}  // namespace ei::sources::jira
