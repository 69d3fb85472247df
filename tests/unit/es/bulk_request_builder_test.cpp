#include "es/bulk_request_builder.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <vector>

#include "core/error.hpp"

namespace json = boost::json;
using ei::es::BulkOperation;
using ei::es::BulkRequestBuilder;

namespace {

std::vector<std::string> lines_of(const std::string& body) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < body.size()) {
    auto end = body.find('\n', start);
    EXPECT_NE(end, std::string::npos) << "the last line must end with a newline";
    lines.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

TEST(EsBulkRequestBuilder, OneLinePerActionAndPerSource) {
  std::vector<BulkOperation> ops{
      BulkOperation::index_doc("idx", "1", json::object{{"title", "a"}}),
      BulkOperation::delete_doc("idx", "2"),
      BulkOperation::create_doc("idx", "3", json::object{{"n", 3}}),
      BulkOperation::update_doc("idx", "4", json::object{{"n", 4}}),
  };
  std::string body = ei::es::build_bulk_body(ops);
  auto lines = lines_of(body);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(json::parse(lines[0]), json::parse(R"({"index":{"_index":"idx","_id":"1"}})"));
  EXPECT_EQ(json::parse(lines[1]), json::parse(R"({"title":"a"})"));
  EXPECT_EQ(json::parse(lines[2]), json::parse(R"({"delete":{"_index":"idx","_id":"2"}})"));
  EXPECT_EQ(json::parse(lines[3]), json::parse(R"({"create":{"_index":"idx","_id":"3"}})"));
  EXPECT_EQ(json::parse(lines[5]), json::parse(R"({"update":{"_index":"idx","_id":"4"}})"));
  EXPECT_EQ(json::parse(lines[6]), json::parse(R"({"doc":{"n":4},"doc_as_upsert":true})"));
}

TEST(EsBulkRequestBuilder, EscapesNewlinesQuotesAndUnicode) {
  json::object doc{{"body", "line one\nline two\r\n\"quoted\" \\ tab\t"},
                   {"name", "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC"}};
  BulkRequestBuilder builder;
  builder.add(BulkOperation::index_doc("idx", "id with \"quote\"\nand newline", doc));
  std::string body = builder.take();
  auto lines = lines_of(body);
  ASSERT_EQ(lines.size(), 2u);
  auto action = json::parse(lines[0]);
  EXPECT_EQ(action.at("index").at("_id").as_string(), "id with \"quote\"\nand newline");
  EXPECT_EQ(json::parse(lines[1]), json::value(doc));
}

TEST(EsBulkRequestBuilder, CountsLinesBytesAndOperations) {
  BulkRequestBuilder builder;
  EXPECT_TRUE(builder.empty());
  builder.add(BulkOperation::index_doc("idx", "1", json::object{{"a", 1}}));
  builder.add(BulkOperation::delete_doc("idx", "2"));
  EXPECT_EQ(builder.operations(), 2u);
  EXPECT_EQ(builder.lines(), 3u);
  EXPECT_EQ(builder.bytes(), builder.body().size());
  std::string taken = builder.take();
  EXPECT_FALSE(taken.empty());
  EXPECT_TRUE(builder.empty());
  EXPECT_EQ(builder.lines(), 0u);
  EXPECT_EQ(builder.bytes(), 0u);
}

TEST(EsBulkRequestBuilder, PipelinePerActionAndGeneratedIds) {
  auto op = BulkOperation::index_doc("idx", "", json::object{{"a", 1}});
  op.pipeline = "my-pipeline";
  BulkRequestBuilder builder;
  builder.add(op);
  auto lines = lines_of(builder.body());
  EXPECT_EQ(json::parse(lines[0]),
            json::parse(R"({"index":{"_index":"idx","pipeline":"my-pipeline"}})"));
}

TEST(EsBulkRequestBuilder, DeleteWithoutIdIsRejected) {
  BulkRequestBuilder builder;
  EXPECT_THROW(builder.add(BulkOperation::delete_doc("idx", "")), ei::core::Error);
}
