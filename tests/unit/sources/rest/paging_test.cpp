// The vendors' paging forms, as pure functions on a page's URL and JSON.
#include "sources/rest/paging.hpp"

#include <gtest/gtest.h>

namespace ei::sources::rest {
namespace {

namespace json = boost::json;

TEST(RestPaging, JiraStartAtCountsWhatCameUntilTheTotal) {
  const std::string url = "/rest/api/2/search?jql=&maxResults=100&startAt=0";
  json::array hundred(100);
  json::value page = {{"startAt", 0}, {"maxResults", 100}, {"total", 250}, {"issues", hundred}};
  EXPECT_EQ(next_start_at(url, page, "issues"),
            "/rest/api/2/search?jql=&maxResults=100&startAt=100");
  // A server that caps the page at 50 is followed from what it sent.
  json::array fifty(50);
  page = {{"startAt", 200}, {"maxResults", 50}, {"total", 260}, {"issues", fifty}};
  EXPECT_EQ(next_start_at(url, page, "issues"),
            "/rest/api/2/search?jql=&maxResults=100&startAt=250");
  page = {{"startAt", 250}, {"maxResults", 50}, {"total", 260}, {"issues", json::array(10)}};
  EXPECT_FALSE(next_start_at(url, page, "issues"));
  page = {{"startAt", 0}, {"total", 5}, {"issues", json::array()}};  // an empty page ends it
  EXPECT_FALSE(next_start_at(url, page, "issues"));
  EXPECT_FALSE(next_start_at(url, json::value("not a page"), "issues"));
  EXPECT_FALSE(next_start_at(url, json::value{{"startAt", 0}, {"issues", hundred}}, "issues"));
}

TEST(RestPaging, ConfluenceLinksNextAndStartLimit) {
  const json::value page =
      json::parse(R"({"results": [], "_links": {"next": "/rest/api/space?limit=100&start=100"}})");
  EXPECT_EQ(next_link(page), "/rest/api/space?limit=100&start=100");
  EXPECT_FALSE(next_link(json::parse(R"({"_links": {"next": null}})")));
  EXPECT_FALSE(next_link(json::parse(R"({"_links": {}})")));
  EXPECT_FALSE(next_link(json::parse(R"([1])")));

  const std::string url = "/rest/api/content?limit=2&start=4";
  EXPECT_EQ(next_start_limit(url, json::parse(R"({"start": 4, "limit": 2, "size": 2})")),
            "/rest/api/content?limit=2&start=6");
  EXPECT_FALSE(next_start_limit(url, json::parse(R"({"start": 6, "limit": 2, "size": 1})")));
  EXPECT_FALSE(next_start_limit(url, json::parse(R"({"start": 6, "limit": 2, "size": 0})")));
}

TEST(RestPaging, SharePointSkipTopAndODataLinks) {
  const std::string url = "https://sp/_api/web/lists?$top=2&$skip=4";
  EXPECT_EQ(next_skip_top(url, json::parse(R"({"d": {"results": [1, 2]}})")),
            "https://sp/_api/web/lists?$top=2&$skip=6");
  EXPECT_EQ(next_skip_top("https://sp/_api/x?$top=2", json::parse(R"({"value": [1, 2]})")),
            "https://sp/_api/x?$top=2&$skip=2");
  EXPECT_FALSE(next_skip_top(url, json::parse(R"({"value": [1]})")));
  EXPECT_FALSE(next_skip_top("https://sp/_api/x", json::parse(R"({"value": [1, 2]})")));

  EXPECT_EQ(next_odata_link(json::parse(R"({"@odata.nextLink": "https://a/next"})")),
            "https://a/next");
  EXPECT_EQ(next_odata_link(json::parse(R"({"odata.nextLink": "https://b/next"})")),
            "https://b/next");
  EXPECT_EQ(next_odata_link(json::parse(R"({"d": {"__next": "https://c/next"}})")),
            "https://c/next");
  EXPECT_FALSE(next_odata_link(json::parse(R"({"value": []})")));
}

TEST(RestPaging, QueryParametersAreEncodedAndReplaced) {
  EXPECT_EQ(with_query_parameter("/search", "jql", "project in (A,B)"),
            "/search?jql=project%20in%20%28A%2CB%29");
  EXPECT_EQ(with_query_parameter("/search?jql=x&startAt=0", "startAt", "100"),
            "/search?jql=x&startAt=100");
  EXPECT_EQ(query_parameter("/search?jql=project%20in%20(A)&startAt=5", "jql"), "project in (A)");
  EXPECT_EQ(query_parameter(with_query_parameter("/s", "q", "a+b=c&d"), "q"), "a+b=c&d");
  EXPECT_FALSE(query_parameter("/search?startAt=5", "jql"));
  EXPECT_EQ(with_query_parameter("/cql", "cql", "space in ('A') AND type=page"),
            "/cql?cql=space%20in%20%28%27A%27%29%20AND%20type%3Dpage");
}

}  // namespace
}  // namespace ei::sources::rest
