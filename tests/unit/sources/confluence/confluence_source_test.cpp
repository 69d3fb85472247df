// The Confluence source's descriptor, documents and CQL, and its sync against a small fake of
// the REST v1 API (the e2e suite runs it against tests/servers/confluence).
#include <gmock/gmock.h>

#include "core/base64.hpp"
#include "source/errors.hpp"
#include "sources/confluence/confluence_data_source.hpp"
#include "sources/confluence/confluence_documents.hpp"
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

json::object content(const std::string& id, const std::string& type, int attachments) {
  return {{"id", id},
          {"type", type},
          {"title", "T" + id},
          {"space", {{"key", "A"}, {"name", "Space A"}}},
          {"history", {{"lastUpdated", {{"when", "2024-01-01T00:00:00.000Z"}}}}},
          {"body", {{"storage", {{"value", "<p>" + id + "</p>"}}}}},
          {"children", {{"attachment", {{"size", attachments}}}}},
          {"_links", {{"webui", "/spaces/A/pages/" + id}}}};
}

json::object attachment(const std::string& id, const std::string& title, int size) {
  return {{"id", id},
          {"type", "attachment"},
          {"title", title},
          {"version", {{"when", "2024-02-01T00:00:00.000Z"}}},
          {"extensions", {{"fileSize", size}}},
          {"_links",
           {{"webui", "/pages/viewpageattachments.action?pageId=1"},
            {"download", "/download/attachments/1/" + title}}}};
}

json::object configuration(const TestServer& server, json::object values = {}) {
  json::object stored = ConfluenceDataSource::descriptor_ptr()->default_configuration.to_json();
  stored["confluence_url"].as_object()["value"] = server.url("");
  stored["retry_count"].as_object()["value"] = 0;
  for (const auto& [key, value] : values) stored[key].as_object()["value"] = value;
  return stored;
}

// Confluence Cloud (under /wiki): spaces A and B over two pages, one blog post, two pages of
// page results, attachments on the first page.
class FakeConfluence {
 public:
  FakeConfluence()
      : server_([this](const TestServer::Received& request) { return answer(request); }) {}

  TestServer::Reply answer(const TestServer::Received& request) {
    std::string target = request.target;
    if (!target.starts_with("/wiki/")) return reply(404, R"({"message": "not under /wiki"})");
    target = target.substr(5);
    if (target == "/rest/api/space?limit=1") return reply(200, R"({"results": [{"key": "A"}]})");
    if (target == "/rest/api/space?limit=100") {
      return reply(200, R"({"results": [{"id": 1, "key": "A", "name": "Space A",
                            "_links": {"webui": "/spaces/A"}}],
                            "_links": {"next": "/rest/api/space?limit=100&start=1"}})");
    }
    if (target == "/rest/api/space?limit=100&start=1") {
      return reply(200, R"({"results": [{"id": 2, "key": "B", "name": "Space B"}], "_links": {}})");
    }
    if (target.starts_with("/rest/api/content/search?")) {
      searches.push_back(target);
      if (broken_search) return reply(200, R"({"no": "results"})");
      if (target.find("blogpost") != std::string::npos) {
        return reply(
            200,
            json::serialize(json::object{{"results", json::array{content("10", "blogpost", 0)}}}));
      }
      if (target.find("start=1") != std::string::npos) {
        return reply(
            200,
            json::serialize(json::object{
                {"results", json::array{content("12", "page", 0), json::object{{"title", "x"}}}}}));
      }
      return reply(
          200, json::serialize(json::object{
                   {"results", json::array{content("11", "page", 2)}},
                   {"_links", {{"next", "/rest/api/content/search?cql=type%3Dpage&start=1"}}}}));
    }
    if (target == "/rest/api/content/11/child/attachment?limit=100&expand=version") {
      return reply(
          200,
          json::serialize(json::object{{"results", json::array{attachment("att1", "a.txt", 5),
                                                               attachment("att2", "b.png", 3)}}}));
    }
    if (target == "/download/attachments/1/a.txt") return reply(200, "hello");
    return reply(404, R"({"statusCode": 404, "message": "no route"})");
  }

  const TestServer& server() const { return server_; }
  bool broken_search = false;
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

TEST(ConfluenceSource, DescriptorHasTheElevenFieldsOfTheSpec) {
  std::vector<std::string> keys;
  const json::object stored =
      ConfluenceDataSource::descriptor_ptr()->default_configuration.to_json();
  for (const auto& [key, entry] : stored) keys.emplace_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"data_source", "username", "password", "account_email",
                                            "api_token", "confluence_url", "spaces", "ssl_enabled",
                                            "ssl_ca", "retry_count", "concurrent_downloads"}));
  EXPECT_EQ(stored.at("data_source").at("value"), "confluence_server");
  EXPECT_EQ(stored.at("concurrent_downloads").at("value"), 50);
}

TEST(ConfluenceDocuments, AreShapedAsTheSpecSays) {
  const std::string base = "https://x.atlassian.net/wiki";
  const json::object page = *confluence::content_document(content("7", "page", 1), base);
  EXPECT_EQ(page.at("_id"), "7");
  EXPECT_EQ(page.at("type"), "page");
  EXPECT_EQ(page.at("title"), "T7");
  EXPECT_EQ(page.at("space"), "Space A");
  EXPECT_EQ(page.at("body"), "<p>7</p>");
  EXPECT_EQ(page.at("_timestamp"), "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(page.at("url"), "https://x.atlassian.net/wiki/spaces/A/pages/7");
  EXPECT_FALSE(confluence::content_document(json::object{{"type", "page"}}, base));

  const json::object file = *confluence::attachment_document(attachment("att9", "f.pdf", 12),
                                                             content("7", "blogpost", 1), base);
  EXPECT_EQ(file.at("_id"), "att9");
  EXPECT_EQ(file.at("type"), "attachment");
  EXPECT_EQ(file.at("blogpost"), "T7");
  EXPECT_EQ(file.at("space"), "Space A");
  EXPECT_EQ(file.at("size"), 12);
  EXPECT_EQ(file.at("_timestamp"), "2024-02-01T00:00:00.000Z");
  EXPECT_FALSE(confluence::attachment_document(json::object{}, content("7", "page", 1), base));

  const json::object space{
      {"id", 5}, {"key", "S"}, {"name", "Space S"}, {"_links", {{"webui", "/spaces/S"}}}};
  const json::object made = confluence::space_document(space, base + "/");
  EXPECT_EQ(made.at("_id"), "5");
  EXPECT_EQ(made.at("type"), "Space");
  EXPECT_EQ(made.at("title"), "Space S");
  EXPECT_EQ(made.at("url"), "https://x.atlassian.net/wiki/spaces/S");
  EXPECT_EQ(made.at("_timestamp"), confluence::space_document(space, base).at("_timestamp"));

  EXPECT_EQ(confluence::content_cql({}, "page"), "type=page");
  EXPECT_EQ(confluence::content_cql({"A", "B'C"}, "blogpost"),
            R"(space in ('A','B\'C') AND type=blogpost)");
  EXPECT_EQ(confluence::attachment_count(json::object{}), 0);
}

TEST(ConfluenceSource, CloudSyncsSpacesContentsAndAttachmentsUnderWiki) {
  FakeConfluence confluence;
  source::testing::Loop loop;
  ConfluenceDataSource source(
      source::DataSourceConfiguration(json::value(configuration(
          confluence.server(), {{"data_source", "confluence_cloud"}, {"spaces", "A"}}))),
      loop.context());
  EXPECT_EQ(source.base_url(), confluence.server().url("/wiki"));
  loop.run(source.validate_config());
  loop.run(source.ping());
  source::testing::MemorySink sink;
  loop.run(source.get_docs(sink, protocol::Filter()));
  EXPECT_EQ(ids(sink), (std::vector<std::string>{"1", "10", "11", "att1", "att2", "12"}));
  ASSERT_EQ(sink.unreadable_parts.size(), 1u);
  EXPECT_EQ(sink.unreadable_parts[0].second, "a search result without an id");
  EXPECT_EQ(confluence.searches[0],
            "/rest/api/content/search?cql=space%20in%20%28%27A%27%29%20AND%20type%3Dblogpost&"
            "limit=50&expand=children.attachment%2Chistory.lastUpdated%2Cbody.storage%2Cspace");
  auto text = loop.run(sink.documents[3].download(true, std::string("t")));
  ASSERT_TRUE(text);
  EXPECT_EQ(text->at("_attachment"), json::value(core::base64_encode("hello")));
  EXPECT_FALSE(loop.run(sink.documents[4].download(true, std::string("t"))));  // a .png
  EXPECT_EQ(confluence.server().received().back().header("Authorization"),
            "Basic " + core::base64_encode("me@example.com:abc#123"));
  core::BulkOptions options;
  source.tweak_bulk_options(options);
  EXPECT_EQ(options.concurrent_downloads, 50u);
}

TEST(ConfluenceSource, MissingSpacesBadAnswersAndUrlsAreNamed) {
  FakeConfluence confluence;
  source::testing::Loop loop;
  ConfluenceDataSource missing(
      source::DataSourceConfiguration(json::value(configuration(
          confluence.server(), {{"data_source", "confluence_cloud"}, {"spaces", "A, Z, Y"}}))),
      loop.context());
  try {
    loop.run(missing.validate_config());
    FAIL() << "missing spaces validated";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_STREQ(error.what(), "Spaces 'Z, Y' are not available. Available spaces are: 'A, B'");
  }
  confluence.broken_search = true;
  ConfluenceDataSource broken(source::DataSourceConfiguration(json::value(configuration(
                                  confluence.server(), {{"data_source", "confluence_cloud"}}))),
                              loop.context());
  source::testing::MemorySink sink;
  try {
    loop.run(broken.get_docs(sink, protocol::Filter()));
    FAIL() << "a search page without results passed";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("without a `results` list"));
  }
  // Server mode reads at the root, where this fake has nothing: the 404 is named.
  ConfluenceDataSource server_mode(
      source::DataSourceConfiguration(json::value(configuration(confluence.server()))),
      loop.context());
  try {
    loop.run(server_mode.ping());
    FAIL() << "a 404 passed";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(),
                ::testing::HasSubstr("answered HTTP 404 (not found): not under /wiki"));
  }
  ConfluenceDataSource bad_url(source::DataSourceConfiguration(json::value(configuration(
                                   confluence.server(), {{"confluence_url", "confluence"}}))),
                               loop.context());
  EXPECT_THROW(loop.run(bad_url.validate_config()), source::ConfigurableFieldValueError);
}

}  // namespace
}  // namespace ei::sources
