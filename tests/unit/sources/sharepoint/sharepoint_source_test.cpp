// The SharePoint source's descriptor and documents, and its handling of bad answers against a
// small fake of the REST API (the e2e suite runs it against tests/servers/sharepoint).
#include <gmock/gmock.h>

#include "source/errors.hpp"
#include "sources/sharepoint/sharepoint_data_source.hpp"
#include "sources/sharepoint/sharepoint_documents.hpp"
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

json::object configuration(const TestServer& server, json::object values = {}) {
  json::object stored = SharepointDataSource::descriptor_ptr()->default_configuration.to_json();
  stored["host_url"].as_object()["value"] = server.url("");
  stored["retry_count"].as_object()["value"] = 0;
  for (const auto& [key, value] : values) stored[key].as_object()["value"] = value;
  return stored;
}

TEST(SharepointSource, DescriptorHasTheTwelveFieldsOfTheSpec) {
  std::vector<std::string> keys;
  const json::object stored =
      SharepointDataSource::descriptor_ptr()->default_configuration.to_json();
  for (const auto& [key, entry] : stored) keys.emplace_back(key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"data_source", "username", "password", "client_id",
                                      "client_secret", "tenant", "tenant_id", "host_url",
                                      "site_collections", "ssl_enabled", "ssl_ca", "retry_count"}));
  EXPECT_EQ(stored.at("client_secret").at("sensitive"), true);
  EXPECT_EQ(stored.at("site_collections").at("value"), "collection1");
}

TEST(SharepointDocuments, AreShapedAsTheSpecSays) {
  const std::string host = "https://contoso.sharepoint.com/ignored/path";
  EXPECT_EQ(sharepoint::resolve(host, "/sites/a/Shared Documents"),
            "https://contoso.sharepoint.com/sites/a/Shared Documents");
  EXPECT_EQ(sharepoint::encoded_server_relative_url("/sites/a/O'Neil file.txt"),
            "%2Fsites%2Fa%2FO''Neil%20file.txt");

  const json::object web{{"Title", "Site"},
                         {"Url", "u"},
                         {"Id", "1"},
                         {"ServerRelativeUrl", "/sites/a"},
                         {"LastItemModifiedDate", "t"},
                         {"Created", "c"}};
  const json::object site = sharepoint::site_document(web);
  EXPECT_EQ(site.at("type"), "sites");
  EXPECT_EQ(site.at("server_relative_url"), "/sites/a");
  EXPECT_EQ(site.at("_timestamp"), "t");

  const json::object list{{"Id", "L"},
                          {"Title", "Docs"},
                          {"BaseType", 1},
                          {"ParentWebUrl", "/sites/a"},
                          {"LastItemModifiedDate", "t"},
                          {"RootFolder", {{"ServerRelativeUrl", "/sites/a/Docs"}}}};
  const json::object library = sharepoint::list_document(list, host);
  EXPECT_EQ(library.at("type"), "document_library");
  EXPECT_EQ(library.at("url"), "https://contoso.sharepoint.com/sites/a/Docs");

  const json::object file_item{{"GUID", "G1"},
                               {"File",
                                {{"Name", "a.txt"},
                                 {"ServerRelativeUrl", "/sites/a/Docs/a.txt"},
                                 {"Length", "12"},
                                 {"TimeCreated", "c"},
                                 {"TimeLastModified", "m"}}}};
  const json::object file = *sharepoint::drive_item_document(file_item, host);
  EXPECT_EQ(file.at("type"), "File");
  EXPECT_EQ(file.at("size"), 12);
  EXPECT_EQ(file.at("_timestamp"), "m");
  const json::object folder =
      *sharepoint::drive_item_document({{"GUID", "G2"},
                                        {"File", nullptr},
                                        {"Folder", {{"Name", "f"}, {"ServerRelativeUrl", "/x/f"}}}},
                                       host);
  EXPECT_EQ(folder.at("type"), "Folder");
  EXPECT_EQ(folder.at("size"), 0);
  EXPECT_FALSE(sharepoint::drive_item_document(json::object{}, host));

  const json::object item{{"GUID", "I1"},
                          {"Id", 7},
                          {"Title", "T"},
                          {"EditorId", 9},
                          {"ContentTypeId", "0x01"},
                          {"Modified", "m"},
                          {"Created", "c"}};
  const json::object plain = *sharepoint::list_item_document(item, list, host);
  EXPECT_EQ(plain.at("url"),
            "https://contoso.sharepoint.com/sites/a/Docs/DispForm.aspx?ID=7&Source="
            "https://contoso.sharepoint.com/sites/a/Docs/AllItems.aspx&ContentTypeId=0x01");
  EXPECT_TRUE(plain.at("file_name").is_null());
  EXPECT_FALSE(sharepoint::list_item_document(json::object{}, list, host));
  const json::object attached =
      *sharepoint::attachment_document(plain,
                                       {{"UniqueId", "U"},
                                        {"Name", "n.pdf"},
                                        {"Length", "bad"},
                                        {"ServerRelativeUrl", "/sites/a/Docs/Attachments/7/n.pdf"}},
                                       host);
  EXPECT_EQ(attached.at("_id"), "U");
  EXPECT_EQ(attached.at("file_name"), "n.pdf");
  EXPECT_EQ(attached.at("size"), 0);
  EXPECT_FALSE(sharepoint::attachment_document(plain, json::object{}, host));
}

TEST(SharepointSource, BadAnswersAreNamedAndMalformedEntriesReported) {
  int token_calls = 0;
  TestServer server([&](const TestServer::Received& request) {
    const std::string& target = request.target;
    if (target.starts_with("/tenant/tokens/OAuth/2")) {
      ++token_calls;
      return reply(200, R"({"token_type": "Bearer"})");  // no access_token
    }
    if (target.starts_with("/sites/c/_api/web/webs")) {
      return reply(200, R"({"value": [{"Title": "no url"}]})");
    }
    if (target.starts_with("/sites/c/_api/web/lists(guid'L1')/items")) {
      return reply(200, R"({"value": [{"Title": "no guid"}, 5]})");
    }
    if (target.starts_with("/sites/c/_api/web/lists(guid'D1')/items")) {
      return reply(200, R"({"value": [{"Modified": "no guid"}]})");
    }
    if (target.starts_with("/sites/c/_api/web/lists")) {
      return reply(200, R"({"value": [{"Id": "L1", "Title": "L", "BaseType": 0,
                              "ParentWebUrl": "/sites/c",
                              "RootFolder": {"ServerRelativeUrl": "/sites/c/Lists/L"}},
                             {"Id": "D1", "Title": "D", "BaseType": 1, "ParentWebUrl": "/sites/c",
                              "RootFolder": {"ServerRelativeUrl": "/sites/c/D"}}]})");
    }
    return reply(200, R"({"no": "value"})");
  });
  source::testing::Loop loop;
  ::setenv("SHAREPOINT_ACS_HOST", server.url("").c_str(), 1);
  SharepointDataSource source(source::DataSourceConfiguration(
                                  json::value(configuration(server, {{"site_collections", "c"}}))),
                              loop.context());
  source::testing::MemorySink sink;
  loop.run(source.get_docs(sink, protocol::Filter()));
  ASSERT_EQ(sink.documents.size(), 2u);  // the two lists
  std::vector<std::string> why;
  for (const auto& [what, reason] : sink.unreadable_parts) why.push_back(reason);
  EXPECT_EQ(why, (std::vector<std::string>{"a sub-site without a ServerRelativeUrl",
                                           "a list item without a GUID",
                                           "a library item without a GUID"}));

  SharepointDataSource other(source::DataSourceConfiguration(
                                 json::value(configuration(server, {{"site_collections", "x"}}))),
                             loop.context());
  try {
    loop.run(other.get_docs(sink, protocol::Filter()));
    FAIL() << "a page without `value` passed";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("without a `value` list"));
  }

  SharepointDataSource online(source::DataSourceConfiguration(json::value(
                                  configuration(server, {{"data_source", "sharepoint_online"},
                                                         {"tenant_id", "tenant"},
                                                         {"client_id", "id"},
                                                         {"client_secret", "s"},
                                                         {"tenant", "t"}}))),
                              loop.context());
  try {
    loop.run(online.ping());
    FAIL() << "a token answer without a token passed";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("answered without access_token"));
  }
  EXPECT_EQ(token_calls, 1);

  SharepointDataSource none(source::DataSourceConfiguration(
                                json::value(configuration(server, {{"site_collections", ""}}))),
                            loop.context());
  EXPECT_THROW(loop.run(none.ping()), source::ConfigurableFieldValueError);
  ::unsetenv("SHAREPOINT_ACS_HOST");
}

}  // namespace
}  // namespace ei::sources
