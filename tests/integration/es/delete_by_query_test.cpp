#include "es_test_support.hpp"

namespace ei::es::testing {

namespace json = boost::json;

class EsDeleteByQuery : public EsTest {
 protected:
  // 2,500 documents, group = i % 3: 833 of them in group "1".
  std::string fill(const std::string& what) {
    const std::string index = index_name(what);
    json::object body = settings(2);
    body["mappings"] =
        json::object{{"properties", json::object{{"group", json::object{{"type", "keyword"}}}}}};
    run(client().create_index(index, body));
    std::vector<BulkOperation> operations;
    for (int i = 0; i < 2500; ++i) {
      operations.push_back(BulkOperation::index_doc(
          index, "d" + std::to_string(i), json::object{{"group", std::to_string(i % 3)}}));
    }
    EXPECT_FALSE(run(client().bulk(operations, BulkOptions{std::nullopt, "true"})).errors);
    return index;
  }

  void expect_deleted(const std::string& index, const DeleteByQueryResult& result) {
    EXPECT_EQ(result.deleted, 833u);
    EXPECT_EQ(run(client().count(index)), 2500u - 833u);
    json::value group1 = json::object{{"term", json::object{{"group", "1"}}}};
    EXPECT_EQ(run(client().count(index, group1)), 0u);
    EXPECT_FALSE(run(client().get_document(index, "d1")).has_value());
    EXPECT_TRUE(run(client().get_document(index, "d0")).has_value());
  }

  json::value query() { return json::object{{"term", json::object{{"group", "1"}}}}; }
};

TEST_F(EsDeleteByQuery, RemovesExactlyTheMatchingDocuments) {
  const std::string index = fill("dbq");
  DeleteByQueryResult result = run(client().delete_by_query(index, query()));
  expect_deleted(index, result);
  // ES 7 and OpenSearch have the reindex module; the genuine ES 8.19/9.5 nodes do not.
  const std::string engine = engine_name();
  if (engine == "es7" || engine == "opensearch") {
    EXPECT_TRUE(result.native);
  }
  if (engine == "es8" || engine == "es9") {
    EXPECT_FALSE(result.native);
  }
}

TEST_F(EsDeleteByQuery, ScanAndBulkFallbackRemovesExactlyTheMatchingDocuments) {
  const std::string index = fill("dbq-fallback");
  DeleteByQueryOptions options;
  options.force_fallback = true;
  options.page_size = 300;  // several pages
  DeleteByQueryResult result = run(client().delete_by_query(index, query(), options));
  EXPECT_FALSE(result.native);
  expect_deleted(index, result);
}

}  // namespace ei::es::testing
