#include "es/bulk_result.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

using ei::es::BulkOpType;
using ei::es::parse_bulk_response;

TEST(EsBulkResult, ParsesAllSuccessfulItems) {
  auto result = parse_bulk_response(R"({"took":30,"errors":false,"items":[
    {"index":{"_index":"idx","_id":"1","_version":1,"result":"created","status":201,"_seq_no":0}},
    {"delete":{"_index":"idx","_id":"2","result":"not_found","status":404}},
    {"update":{"_index":"idx","_id":"3","result":"noop","status":200}}]})");
  EXPECT_FALSE(result.errors);
  EXPECT_EQ(result.took.count(), 30);
  ASSERT_EQ(result.items.size(), 3u);
  EXPECT_EQ(result.items[0].op, BulkOpType::index);
  EXPECT_EQ(result.items[0].id, "1");
  EXPECT_EQ(result.items[0].status, 201);
  EXPECT_EQ(result.items[0].result, "created");
  // A delete of a missing document is not a failure.
  EXPECT_EQ(result.items[1].op, BulkOpType::delete_);
  EXPECT_FALSE(result.items[1].failed());
  EXPECT_EQ(result.items[2].op, BulkOpType::update);
  EXPECT_EQ(result.failed_count(), 0u);
}

TEST(EsBulkResult, ReportsPartialFailuresInRequestOrder) {
  auto result = parse_bulk_response(R"({"took":5,"errors":true,"items":[
    {"index":{"_index":"idx","_id":"a","result":"created","status":201}},
    {"index":{"_index":"idx","_id":"b","status":400,"error":{"type":"mapper_parsing_exception",
      "reason":"failed to parse field [n] of type [long] in document with id 'b'.",
      "caused_by":{"type":"illegal_argument_exception","reason":"For input string: \"x\""}}}},
    {"create":{"_index":"idx","_id":"c","status":409,"error":{"type":"version_conflict_engine_exception",
      "reason":"[c]: version conflict, document already exists"}}},
    {"index":{"_index":"idx","_id":"d","status":429,"error":{"type":"es_rejected_execution_exception",
      "reason":"rejected execution"}}}]})");
  EXPECT_TRUE(result.errors);
  ASSERT_EQ(result.items.size(), 4u);
  EXPECT_FALSE(result.items[0].failed());
  ASSERT_TRUE(result.items[1].failed());
  EXPECT_EQ(*result.items[1].error_type, "mapper_parsing_exception");
  EXPECT_NE(result.items[1].error_reason->find("failed to parse field [n]"), std::string::npos);
  EXPECT_NE(result.items[1].error_reason->find("For input string"), std::string::npos);
  EXPECT_EQ(result.items[2].op, BulkOpType::create);
  EXPECT_EQ(*result.items[2].error_type, "version_conflict_engine_exception");
  EXPECT_EQ(result.items[3].status, 429);
  auto failures = result.failures();
  ASSERT_EQ(failures.size(), 3u);
  EXPECT_EQ(failures[0]->id, "b");
  EXPECT_EQ(failures[1]->id, "c");
  EXPECT_EQ(failures[2]->id, "d");
  EXPECT_EQ(result.failed_count(), 3u);
}

TEST(EsBulkResult, RejectsMalformedBodies) {
  EXPECT_THROW(parse_bulk_response("not json"), ei::core::Error);
  EXPECT_THROW(parse_bulk_response(R"({"took":1})"), ei::core::Error);
  EXPECT_THROW(parse_bulk_response(R"({"items":[{"frobnicate":{}}]})"), ei::core::Error);
  EXPECT_THROW(parse_bulk_response(R"({"items":[{"index":{},"delete":{}}]})"), ei::core::Error);
}
