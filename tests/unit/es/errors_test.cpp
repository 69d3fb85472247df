#include "es/errors.hpp"

#include <gtest/gtest.h>

using namespace ei::es;

TEST(EsErrorBody, ReadsTypeAndReason) {
  auto e =
      parse_error_body(400, R"({"error":{"root_cause":[{"type":"resource_already_exists_exception",
    "reason":"index [t1/abc] already exists"}],"type":"resource_already_exists_exception",
    "reason":"index [t1/abc] already exists","index":"t1"},"status":400})");
  EXPECT_EQ(e.type, "resource_already_exists_exception");
  EXPECT_EQ(e.reason, "index [t1/abc] already exists");
}

TEST(EsErrorBody, AddsTheRootCauseWhenTheReasonIsAWrapper) {
  auto e = parse_error_body(400, R"({"error":{"root_cause":[{"type":"query_shard_exception",
    "reason":"No mapping found for [_shard_doc] in order to sort on"}],
    "type":"search_phase_execution_exception","reason":"all shards failed"},"status":400})");
  EXPECT_EQ(e.type, "search_phase_execution_exception");
  EXPECT_EQ(e.reason,
            "all shards failed (caused by query_shard_exception: No mapping found for "
            "[_shard_doc] in order to sort on)");
}

TEST(EsErrorBody, AcceptsAStringError) {
  auto e = parse_error_body(
      400, R"({"error":"no handler found for uri [/i/_delete_by_query] and method [POST]"})");
  EXPECT_EQ(e.type, "http_400");
  EXPECT_EQ(e.reason, "no handler found for uri [/i/_delete_by_query] and method [POST]");
}

TEST(EsErrorBody, DocumentNotFoundAndOtherBodies) {
  EXPECT_EQ(parse_error_body(404, R"({"_index":"i","_id":"1","found":false})").reason, "not found");
  EXPECT_EQ(parse_error_body(404, R"({"_index":"i","_id":"1","result":"not_found"})").reason,
            "not_found");
  auto html = parse_error_body(502, "<html>\nBad gateway\n</html>");
  EXPECT_EQ(html.type, "http_502");
  EXPECT_EQ(html.reason, "<html> Bad gateway </html>");
  EXPECT_EQ(parse_error_body(404, "").reason, "(empty body)");
  EXPECT_EQ(parse_error_body(500, R"({"error":{}})").reason, "(no reason given)");
}

TEST(EsErrorBody, ThrowsTheTypedError) {
  const std::string conflict =
      R"({"error":{"type":"version_conflict_engine_exception","reason":"[1]: version conflict"},"status":409})";
  try {
    throw_error_response(409, conflict, "PUT", "/idx/_doc/1");
    FAIL();
  } catch (const VersionConflictError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_EQ(e.type(), "version_conflict_engine_exception");
    EXPECT_EQ(e.method(), "PUT");
    EXPECT_EQ(e.path(), "/idx/_doc/1");
    EXPECT_STREQ(e.what(),
                 "Elasticsearch PUT /idx/_doc/1 failed with 409 "
                 "version_conflict_engine_exception: [1]: version conflict");
  }
  EXPECT_THROW(
      throw_error_response(404, R"({"error":{"type":"index_not_found_exception"}})", "GET", "/x"),
      NotFoundError);
  try {
    throw_error_response(400, R"({"error":{"type":"x","reason":"y"}})", "GET", "/x");
  } catch (const VersionConflictError&) {
    FAIL();
  } catch (const NotFoundError&) {
    FAIL();
  } catch (const EsError& e) {
    EXPECT_EQ(e.status(), 400);
  }
}

TEST(EsUnavailableError, SaysWhereHowOftenAndWhy) {
  UnavailableError e("http://127.0.0.1:9200", 4, std::chrono::milliseconds(7000),
                     "Couldn't connect to server", false);
  EXPECT_STREQ(e.what(),
               "Elasticsearch at http://127.0.0.1:9200 is unreachable after 4 attempts over "
               "7.0 s: Couldn't connect to server");
  EXPECT_EQ(e.attempts(), 4);
}
