#include "sources/jira/jira_documents.hpp"

#include <cctype>

#include "source/content_stamp.hpp"
#include "sources/rest/json_access.hpp"
#include "sources/rest/percent_encode.hpp"

namespace ei::sources::jira {

namespace json = boost::json;

namespace {

json::value field(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr ? *value : json::value(nullptr);
}

bool plain_key(const std::string& key) {
  if (key.empty()) return false;
  for (const char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

}  // namespace

json::object project_document(const json::object& project) {
  json::object document;
  document["_id"] = "project-" + rest::id_text(project, "id");
  document["Type"] = "Project";
  document["Project"] = project;
  document["_timestamp"] = source::content_stamp(json::serialize(project));
  return document;
}

std::optional<json::object> issue_document(const json::object& issue) {
  const std::string key = rest::text(issue, "key");
  const json::object* fields = rest::object_at(issue, "fields");
  if (key.empty() || fields == nullptr) return std::nullopt;
  std::string project_name;
  if (const json::object* project = rest::object_at(*fields, "project")) {
    project_name = rest::text(*project, "name");
  }
  json::value type = nullptr;
  if (const json::object* issue_type = rest::object_at(*fields, "issuetype")) {
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
  document["_id"] = issue_key + "-" + rest::id_text(attachment, "id");
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
  if (cloud) return "/rest/api/2/attachment/content/" + rest::percent_encode(id);
  return "/secure/attachment/" + rest::percent_encode(id) + "/" + rest::percent_encode(file_name);
}

}  // namespace ei::sources::jira
