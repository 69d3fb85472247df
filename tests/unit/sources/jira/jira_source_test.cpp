// The Jira source's descriptor, documents and JQL, and its sync against a small fake of the
// REST v2 API (the e2e suite runs it against tests/servers/jira).
#include <gmock/gmock.h>

#include "core/base64.hpp"
#include "source/errors.hpp"
#include "sources/jira/jira_data_source.hpp"
#include "sources/jira/jira_documents.hpp"
#include "support/http_test_server.hpp"
#include "unit/source/test_support.hpp"

namespace ei::sources {
namespace {

namespace json = boost::json;
using http::test::TestServer;

TestServer::Reply reply(unsigned status, std::string body) {
  TestServer::Reply made;
  made.status = status;
  made.body = std::move(body);
  return made;
}

json::object issue(const std::string& key, const std::string& project, bool attachment) {
  json::array attachments;
  if (attachment) {
    attachments.push_back({{"id", "301"},
                           {"filename", "notes v1.txt"},
                           {"created", "2024-01-02T00:00:00.000+0000"},
                           {"size", 5}});
    attachments.push_back({{"id", 302},
                           {"filename", "image.png"},
                           {"created", "2024-01-02T00:00:00.000+0000"},
                           {"size", 3}});
  }
  return {{"id", "1"},
          {"key", key},
          {"fields",
           {{"summary", "S " + key},
            {"project", {{"key", project}, {"name", "Project " + project}}},
            {"issuetype", {{"name", "Bug"}}},
            {"updated", "2024-01-01T00:00:00.000+0000"},
            {"attachment", attachments}}}};
}

json::object configuration(const TestServer& server, json::object values = {}) {
  json::object stored = JiraDataSource::descriptor_ptr()->default_configuration.to_json();
  stored["jira_url"].as_object()["value"] = server.url("/ctx");
  stored["retry_count"].as_object()["value"] = 0;
  for (const auto& [key, value] : values) stored[key].as_object()["value"] = value;
  return stored;
}

// A Jira of two projects (A with 3 issues, B with 1), pages of two issues; A-2 vanishes
// between the search and its read.
class FakeJira {
 public:
  FakeJira() : server_([this](const TestServer::Received& request) { return answer(request); }) {}

  TestServer::Reply answer(const TestServer::Received& request) {
    const std::string& target = request.target;
    if (target == "/ctx/rest/api/2/myself") return reply(200, R"({"timeZone": "UTC"})");
    if (target.starts_with("/ctx/rest/api/2/project?") || target == "/ctx/rest/api/2/project") {
      return reply(200, projects_answer);
    }
    if (target == "/ctx/rest/api/2/project/A") return reply(200, R"({"id": "1", "key": "A"})");
    if (target.starts_with("/ctx/rest/api/2/search?")) {
      const bool second = target.find("startAt=2") != std::string::npos;
      json::array keys = second ? json::array{issue("A-3", "A", false), issue("B-1", "B", true)}
                                : json::array{issue("A-1", "A", true), issue("A-2", "A", false)};
      searches.push_back(target);
      return reply(200, json::serialize(json::object{
                            {"startAt", second ? 2 : 0}, {"total", 4}, {"issues", keys}}));
    }
    if (target == "/ctx/rest/api/2/issue/A-2") return reply(404, R"({"errorMessages": ["gone"]})");
    if (target == "/ctx/rest/api/2/issue/A-3" && broken_issue) return reply(200, "[1]");
    if (target.starts_with("/ctx/rest/api/2/issue/")) {
      const std::string key = target.substr(std::string("/ctx/rest/api/2/issue/").size());
      return reply(200, json::serialize(issue(key, key.substr(0, 1), key != "A-3")));
    }
    if (target == "/ctx/rest/api/2/attachment/content/301") return reply(200, "hello");
    if (target == "/ctx/secure/attachment/301/notes%20v1.txt") return reply(200, "server");
    return reply(404, R"({"errorMessages": ["no route"]})");
  }

  std::string url() const { return server_.url(""); }
  const TestServer& server() const { return server_; }

  std::string projects_answer = R"([{"id": "1", "key": "A"}, {"id": "2", "key": "B"}])";
  bool broken_issue = false;
  std::vector<std::string> searches;

 private:
  TestServer server_;
};

std::vector<std::string> ids(const source::testing::MemorySink& sink) {
  std::vector<std::string> found;
  for (const auto& document : sink.documents) {
    found.emplace_back(document.document.at("_id").as_string());
  }
  return found;
}

TEST(JiraSource, DescriptorHasTheElevenFieldsOfTheSpec) {
  const auto descriptor = JiraDataSource::descriptor_ptr();
  std::vector<std::string> keys;
  for (const auto& [key, entry] : descriptor->default_configuration.to_json()) {
    keys.emplace_back(key);
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"data_source", "username", "password", "account_email",
                                            "api_token", "jira_url", "projects", "ssl_enabled",
                                            "ssl_ca", "retry_count", "concurrent_downloads"}));
  const json::object stored = descriptor->default_configuration.to_json();
  EXPECT_EQ(stored.at("data_source").at("value"), "jira_cloud");
  EXPECT_EQ(stored.at("api_token").at("sensitive"), true);
  EXPECT_EQ(stored.at("concurrent_downloads").at("value"), 100);
}

TEST(JiraDocuments, AreShapedAsTheSpecSays) {
  const json::object made = *jira::issue_document(issue("TP-1", "TP", false));
  EXPECT_EQ(made.at("_id"), "Project TP-TP-1");
  EXPECT_EQ(made.at("Type"), "Bug");
  EXPECT_EQ(made.at("_timestamp"), "2024-01-01T00:00:00.000+0000");
  EXPECT_EQ(made.at("Issue").at("summary"), "S TP-1");
  EXPECT_FALSE(jira::issue_document(json::object{{"key", "X-1"}}));

  const json::object project{{"id", "10000"}, {"key", "TP"}, {"name", "Test"}};
  const json::object document = jira::project_document(project);
  EXPECT_EQ(document.at("_id"), "project-10000");
  EXPECT_EQ(document.at("Type"), "Project");
  EXPECT_EQ(document.at("Project"), project);
  EXPECT_EQ(document.at("_timestamp"), jira::project_document(project).at("_timestamp"));
  json::object renamed = project;
  renamed["name"] = "Renamed";
  EXPECT_NE(jira::project_document(renamed).at("_timestamp"), document.at("_timestamp"));

  const json::object attachment = jira::attachment_document(
      "TP-1", {{"id", 10001}, {"filename", "a.txt"}, {"created", "c"}, {"size", 200}});
  EXPECT_EQ(attachment.at("_id"), "TP-1-10001");
  EXPECT_EQ(attachment.at("title"), "a.txt");
  EXPECT_EQ(attachment.at("Type"), "Attachment");
  EXPECT_EQ(attachment.at("issue"), "TP-1");
  EXPECT_EQ(attachment.at("_timestamp"), "c");
  EXPECT_EQ(attachment.at("size"), 200);

  EXPECT_EQ(jira::search_jql({}), "");
  EXPECT_EQ(jira::search_jql({"K1", "K_2"}), "project in (K1,K_2)");
  EXPECT_EQ(jira::search_jql({"A) OR (1=1", "q\""}), R"(project in ("A) OR (1=1","q\""))");
  EXPECT_EQ(jira::attachment_path(true, "7", "x y.pdf"), "/rest/api/2/attachment/content/7");
  EXPECT_EQ(jira::attachment_path(false, "7", "x y.pdf"), "/secure/attachment/7/x%20y.pdf");
}

TEST(JiraSource, SyncsProjectsIssuesAndAttachmentsPageByPage) {
  FakeJira jira;
  source::testing::Loop loop;
  JiraDataSource source(source::DataSourceConfiguration(json::value(configuration(jira.server()))),
                        loop.context());
  loop.run(source.validate_config());
  loop.run(source.ping());
  source::testing::MemorySink sink;
  loop.run(source.get_docs(sink, protocol::Filter()));
  EXPECT_EQ(ids(sink), (std::vector<std::string>{"project-1", "project-2", "Project A-A-1",
                                                 "A-1-301", "A-1-302", "Project A-A-3",
                                                 "Project B-B-1", "B-1-301", "B-1-302"}));
  EXPECT_TRUE(sink.unreadable_parts.empty());
  ASSERT_EQ(jira.searches.size(), 2u);
  EXPECT_EQ(jira.searches[0], "/ctx/rest/api/2/search?jql=&maxResults=100&startAt=0");
  // Cloud downloads through the attachment API; a .png is not downloaded.
  auto text = loop.run(sink.documents[3].download(true, std::string("t")));
  ASSERT_TRUE(text);
  EXPECT_EQ(text->at("_attachment"), json::value(core::base64_encode("hello")));
  EXPECT_FALSE(loop.run(sink.documents[4].download(true, std::string("t"))));
  EXPECT_FALSE(loop.run(sink.documents[3].download(false, std::string("t"))));
  core::BulkOptions options;
  source.tweak_bulk_options(options);
  EXPECT_EQ(options.concurrent_downloads, 100u);
}

TEST(JiraSource, ServerModeConfiguredProjectsAndTheirCheck) {
  FakeJira jira;
  source::testing::Loop loop;
  JiraDataSource source(source::DataSourceConfiguration(json::value(configuration(
                            jira.server(), {{"data_source", "jira_server"}, {"projects", "A"}}))),
                        loop.context());
  source::testing::MemorySink sink;
  loop.run(source.get_docs(sink, protocol::Filter()));
  ASSERT_FALSE(sink.documents.empty());
  EXPECT_EQ(ids(sink).front(), "project-1");
  EXPECT_EQ(jira.searches[0],
            "/ctx/rest/api/2/search?jql=project%20in%20%28A%29&maxResults=100&startAt=0");
  auto text = loop.run(sink.documents[2].download(true, std::nullopt));
  ASSERT_TRUE(text);
  EXPECT_EQ(text->at("_attachment"), json::value(core::base64_encode("server")));
  const auto received = jira.server().received();
  EXPECT_EQ(received.back().header("Authorization"),
            "Basic " + core::base64_encode("admin:changeme"));

  JiraDataSource missing(source::DataSourceConfiguration(
                             json::value(configuration(jira.server(), {{"projects", "A, Z, Y"}}))),
                         loop.context());
  source::testing::MemorySink nothing;
  try {
    loop.run(missing.get_docs(nothing, protocol::Filter()));
    FAIL() << "missing projects synced";
  } catch (const source::SourceError& error) {
    EXPECT_STREQ(
        error.what(),
        "Unable to verify projects: A, Z, Y. Error: Configured unavailable projects: Z, Y");
  }
  EXPECT_TRUE(nothing.documents.empty());
  jira.projects_answer = R"({"not": "a list"})";
  try {
    loop.run(missing.get_docs(nothing, protocol::Filter()));
    FAIL() << "a project list that is not a list passed";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Unable to verify projects: A, Z, Y. Error: "
                                                   "Jira at "));
  }
}

TEST(JiraSource, BadAnswersAndUrlsAreNamed) {
  FakeJira jira;
  jira.broken_issue = true;
  jira.projects_answer = R"([{"id": "1", "key": "A"}, 7])";
  source::testing::Loop loop;
  JiraDataSource source(source::DataSourceConfiguration(json::value(configuration(jira.server()))),
                        loop.context());
  source::testing::MemorySink sink;
  loop.run(source.get_docs(sink, protocol::Filter()));
  ASSERT_EQ(sink.unreadable_parts.size(), 2u);
  EXPECT_EQ(sink.unreadable_parts[0].second, "a project of the list is not a JSON object");
  EXPECT_EQ(sink.unreadable_parts[1].second, "an issue answer without a key or fields");

  jira.projects_answer = R"({"not": "a list"})";
  JiraDataSource again(source::DataSourceConfiguration(json::value(configuration(jira.server()))),
                       loop.context());
  EXPECT_THROW(loop.run(again.get_docs(sink, protocol::Filter())), source::SourceError);

  JiraDataSource bad_url(source::DataSourceConfiguration(json::value(
                             configuration(jira.server(), {{"jira_url", "ftp://jira"}}))),
                         loop.context());
  try {
    loop.run(bad_url.validate_config());
    FAIL() << "an ftp URL validated";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_STREQ(error.what(), "Jira host url 'ftp://jira' is not an http:// or https:// URL.");
  }
  JiraDataSource closed(source::DataSourceConfiguration(json::value(
                            configuration(jira.server(), {{"jira_url", "http://127.0.0.1:1"}}))),
                        loop.context());
  try {
    loop.run(closed.ping());
    FAIL() << "a closed port answered";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::StartsWith("Jira at http://127.0.0.1:1: "));
  }
}

}  // namespace
}  // namespace ei::sources
