#include "es/es_request.hpp"

#include <gtest/gtest.h>

using namespace ei::es;

TEST(EsRequestPath, PathSegmentsAreEncoded) {
  EXPECT_EQ(make_path("idx", "_doc", "a/b c+d?e#f%"), "/idx/_doc/a%2Fb%20c%2Bd%3Fe%23f%25");
  EXPECT_EQ(make_path(".elastic-connectors", "_update", "x_y~z.1"),
            "/.elastic-connectors/_update/x_y~z.1");
  EXPECT_EQ(make_path("idx", "_doc", "caf\xC3\xA9"), "/idx/_doc/caf%C3%A9");
  EXPECT_EQ(make_path(), "/");
}

TEST(EsRequestPath, UrlJoinsHostPathAndParams) {
  EXPECT_EQ(
      build_url("http://127.0.0.1:9200/", "/_bulk", {{"pipeline", "a b"}, {"refresh", "true"}}),
      "http://127.0.0.1:9200/_bulk?pipeline=a%20b&refresh=true");
  EXPECT_EQ(build_url("https://es.example/prefix", "/", {}), "https://es.example/prefix/");
}
