#include <set>

#include "es_test_support.hpp"

namespace ei::es::testing {

namespace json = boost::json;

class EsBulk : public EsTest {};

// 10,001 documents in one request (one more than the default result window); every
// 1000th one puts a string into a `long` field.
TEST_F(EsBulk, ReportsExactlyTheBadItemsAndIndexesTheRest) {
  const std::string index = index_name("bulk");
  json::object body = settings(2);
  body["mappings"] =
      json::object{{"properties", json::object{{"n", json::object{{"type", "long"}}},
                                               {"title", json::object{{"type", "text"}}}}}};
  run(client().create_index(index, body));

  constexpr int kDocs = 10'001;
  std::vector<BulkOperation> operations;
  std::set<std::string> bad;
  for (int i = 0; i < kDocs; ++i) {
    std::string id = "doc-" + std::to_string(i);
    json::object doc{{"title", "document " + std::to_string(i) + " \"quoted\"\nnext line"}};
    if (i % 1000 == 7) {
      doc["n"] = "not-a-number";
      bad.insert(id);
    } else {
      doc["n"] = i;
    }
    operations.push_back(BulkOperation::index_doc(index, id, std::move(doc)));
  }
  BulkResult result = run(client().bulk(operations));

  EXPECT_TRUE(result.errors);
  ASSERT_EQ(result.items.size(), static_cast<std::size_t>(kDocs));
  for (int i = 0; i < kDocs; ++i) {
    ASSERT_EQ(result.items[i].id, operations[i].id) << "items must be in request order";
  }
  std::set<std::string> failed;
  for (const BulkItemResult* item : result.failures()) {
    failed.insert(item->id);
    EXPECT_EQ(item->status, 400);
    // ES 8.8+ calls it document_parsing_exception; ES 7 and OpenSearch mapper_parsing_exception.
    const std::string type = item->error_type.value_or("");
    EXPECT_TRUE(type == "mapper_parsing_exception" || type == "document_parsing_exception") << type;
    EXPECT_NE(item->error_reason.value_or("").find("[n]"), std::string::npos)
        << item->error_reason.value_or("");
  }
  EXPECT_EQ(failed, bad);

  run(client().refresh(index));
  EXPECT_EQ(run(client().count(index)), static_cast<std::uint64_t>(kDocs) - bad.size());
}

TEST_F(EsBulk, MixedOperationsWithRefresh) {
  const std::string index = index_name("bulk-mixed");
  run(client().create_index(index, settings()));
  std::vector<BulkOperation> first{
      BulkOperation::index_doc(index, "1", json::object{{"a", 1}}),
      BulkOperation::index_doc(index, "2", json::object{{"a", 2}}),
      BulkOperation::create_doc(index, "3", json::object{{"a", 3}}),
  };
  BulkResult created = run(client().bulk(first, BulkOptions{std::nullopt, "wait_for"}));
  EXPECT_FALSE(created.errors);
  EXPECT_EQ(created.items[2].result, "created");
  EXPECT_EQ(run(client().count(index)), 3u);  // visible at once: refresh=wait_for

  std::vector<BulkOperation> second{
      BulkOperation::update_doc(index, "1", json::object{{"b", "x"}}),
      BulkOperation::delete_doc(index, "2"), BulkOperation::delete_doc(index, "missing"),
      BulkOperation::create_doc(index, "3", json::object{{"a", 33}}),  // exists: conflict
  };
  BulkResult mixed = run(client().bulk(second, BulkOptions{std::nullopt, "true"}));
  EXPECT_TRUE(mixed.errors);
  EXPECT_EQ(mixed.items[0].op, BulkOpType::update);
  EXPECT_EQ(mixed.items[0].result, "updated");
  EXPECT_EQ(mixed.items[1].result, "deleted");
  EXPECT_EQ(mixed.items[2].result, "not_found");
  EXPECT_FALSE(mixed.items[2].failed());
  ASSERT_TRUE(mixed.items[3].failed());
  EXPECT_EQ(mixed.items[3].status, 409);
  EXPECT_EQ(*mixed.items[3].error_type, "version_conflict_engine_exception");
  EXPECT_EQ(run(client().count(index)), 2u);

  auto doc = run(client().get_document(index, "1"));
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->source.at("a").as_int64(), 1);
  EXPECT_EQ(doc->source.at("b").as_string(), "x");
}

// The sync sends every bulk with ?pipeline= (spec §13.8), so the engine must run pipelines:
// an empty one exists on every engine (the genuine ES 8/9 nodes have no processors at all).
TEST_F(EsBulk, PipelineParameterReachesTheEngine) {
  const std::string index = index_name("bulk-pipeline");
  const std::string pipeline = index + "-pipeline";
  run(client().create_index(index, settings()));
  EsRequest put;
  put.method = "PUT";
  put.path = make_path("_ingest", "pipeline", pipeline);
  put.body = R"({"description":"test","processors":[]})";
  run(client().request(put));

  std::vector<BulkOperation> operations{
      BulkOperation::index_doc(index, "1", json::object{{"a", 1}}),
      BulkOperation::index_doc(index, "2", json::object{{"a", 2}}),
  };
  BulkOptions options;
  options.pipeline = pipeline;
  options.refresh = "true";
  try {
    BulkResult result = run(client().bulk(operations, options));
    EXPECT_FALSE(result.errors);
    EXPECT_EQ(run(client().count(index)), 2u);
    // A missing pipeline fails the request with the server's reason.
    options.pipeline = pipeline + "-absent";
    BulkResult missing = run(client().bulk(operations, options));
    ASSERT_TRUE(missing.errors);
    EXPECT_NE(missing.items[0].error_reason.value_or("").find("pipeline"), std::string::npos)
        << missing.items[0].error_reason.value_or("");
  } catch (const EsError& e) {
    ADD_FAILURE() << e.what() << " (does the node have the ingest role?)";
  }

  EsRequest remove;
  remove.method = "DELETE";
  remove.path = put.path;
  run(client().request(remove));
}

}  // namespace ei::es::testing
