#include "http/url.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/url_redaction.hpp"

namespace ei::http {
namespace {

TEST(HttpUrl, EncodeComponentKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(encode_component("abc-_.~XYZ019"), "abc-_.~XYZ019");
  EXPECT_EQ(encode_component("a b/c?d#e%f+g&h=i"), "a%20b%2Fc%3Fd%23e%25f%2Bg%26h%3Di");
  EXPECT_EQ(encode_component("é"), "%C3%A9");
  EXPECT_EQ(encode_component(""), "");
}

TEST(HttpUrl, PathEncodesEachSegment) {
  EXPECT_EQ(path({"my index", "_doc", "a/b"}), "/my%20index/_doc/a%2Fb");
  EXPECT_EQ(path({}), "");
}

TEST(HttpUrl, JoinAddsPathAndEncodedQuery) {
  EXPECT_EQ(join("http://localhost:9200", "/idx/_search", {{"q", "a+b c&d"}, {"size", "10"}}),
            "http://localhost:9200/idx/_search?q=a%2Bb%20c%26d&size=10");
  EXPECT_EQ(join("https://es.example.com:9243/", "/_bulk"), "https://es.example.com:9243/_bulk");
  EXPECT_EQ(join("http://h:9200", "_cluster/health"), "http://h:9200/_cluster/health");
}

TEST(HttpUrl, JoinKeepsABasePathPrefixAndQuery) {
  EXPECT_EQ(join("http://proxy/es/", "/idx/_doc/" + encode_component("id 1")),
            "http://proxy/es/idx/_doc/id%201");
  EXPECT_EQ(join("http://h/?a=1", "/x", {{"b", "2"}}), "http://h/x?a=1&b=2");
}

TEST(HttpUrl, JoinRejectsBadInput) {
  EXPECT_THROW(join("localhost:9200", "/x"), core::Error);
  EXPECT_THROW(join("ftp://h/", "/x"), core::Error);
  EXPECT_THROW(join("not a url", "/x"), core::Error);
  EXPECT_THROW(join("http://h", "/a%zz"), core::Error);
}

TEST(HttpUrl, JoinEscapesWhatAPathCannotHoldButKeepsEscapes) {
  EXPECT_EQ(join("http://h", "/a b"), "http://h/a%20b");
  EXPECT_EQ(join("http://h", "/a%2Fb"), "http://h/a%2Fb");
}

TEST(HttpUrl, LoopbackHostsAreRecognised) {
  EXPECT_TRUE(is_loopback("http://127.0.0.1:9200"));
  EXPECT_TRUE(is_loopback("http://127.1.2.3/es"));
  EXPECT_TRUE(is_loopback("https://user:pw@localhost:9243"));
  EXPECT_TRUE(is_loopback("http://LOCALHOST"));
  EXPECT_TRUE(is_loopback("http://[::1]:9200"));
  EXPECT_FALSE(is_loopback("http://128.0.0.1:9200"));
  EXPECT_FALSE(is_loopback("https://es.example.com:9243"));
  EXPECT_FALSE(is_loopback("http://localhost.example.com"));
  EXPECT_FALSE(is_loopback("http://[::2]:9200"));
  EXPECT_FALSE(is_loopback("not a url"));
}

TEST(HttpUrl, RedactRemovesCredentials) {
  EXPECT_EQ(core::redact_url("https://elastic:changeme@h:9200/x?y=1"), "https://h:9200/x?y=1");
  EXPECT_EQ(core::redact_url("http://h:9200/x"), "http://h:9200/x");
  EXPECT_EQ(core::redact_url("http://u:p w@h/a b"), "http://h/a b");
}

}  // namespace
}  // namespace ei::http
