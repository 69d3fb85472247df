#include <set>

#include "es_test_support.hpp"

namespace ei::es::testing {

namespace json = boost::json;

class EsScan : public EsTest {
 protected:
  // Indexes `count` documents with ids doc-<i>, a _timestamp and a group (i % 3).
  void fill(const std::string& index, int count, int shards) {
    json::object body = settings(shards);
    body["mappings"] =
        json::object{{"properties", json::object{{"group", json::object{{"type", "keyword"}}},
                                                 {"_timestamp", json::object{{"type", "date"}}}}}};
    run(client().create_index(index, body));
    std::vector<BulkOperation> operations;
    for (int i = 0; i < count; ++i) {
      operations.push_back(
          BulkOperation::index_doc(index, "doc-" + std::to_string(i),
                                   json::object{{"group", std::to_string(i % 3)},
                                                {"_timestamp", "2024-01-01T00:00:00Z"},
                                                {"body", "some text " + std::to_string(i)}}));
    }
    BulkResult result = run(client().bulk(operations, BulkOptions{std::nullopt, "true"}));
    ASSERT_FALSE(result.errors);
  }

  // Search contexts held open on the node(s): scrolls and points in time.
  std::int64_t open_contexts() {
    EsRequest request;
    request.path = "/_nodes/stats/indices/search";
    json::value stats = run(client().request(request));
    std::int64_t open = 0;
    for (const auto& [id, node] : stats.at("nodes").as_object()) {
      const auto& search = node.at("indices").at("search").as_object();
      open += search.at("open_contexts").to_number<std::int64_t>();
      open += search.at("scroll_current").to_number<std::int64_t>();
    }
    return open;
  }

  // Every id of the scan, checking each appears once and carries _timestamp.
  std::set<std::string> scan_all(const std::string& index, ScanMethod method,
                                 ScanMethod* used = nullptr) {
    IdScanOptions options;
    options.source_fields = {"_timestamp"};
    options.method = method;
    IdScan scan = run(client().scan(index, options));
    if (used != nullptr) *used = scan.method();
    std::set<std::string> ids;
    std::size_t total = 0;
    while (auto page = run(scan.next_page())) {
      EXPECT_LE(page->size(), 1000u);
      for (const ScanHit& hit : *page) {
        EXPECT_TRUE(ids.insert(hit.id).second) << "duplicate id " << hit.id;
        EXPECT_TRUE(hit.source.contains("_timestamp")) << hit.id;
        EXPECT_FALSE(hit.source.contains("body")) << "only the requested fields";
        ++total;
      }
    }
    EXPECT_EQ(total, ids.size());
    EXPECT_EQ(scan.hits_returned(), total);
    return ids;
  }
};

TEST_F(EsScan, ReturnsAllIdsExactlyOnceBeyondTheResultWindow) {
  const std::string index = index_name("scan");
  constexpr int kDocs = 10'001;
  fill(index, kDocs, 3);
  const std::int64_t before = open_contexts();

  ScanMethod used = ScanMethod::automatic;
  std::set<std::string> ids = scan_all(index, ScanMethod::automatic, &used);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kDocs));
  EXPECT_TRUE(ids.contains("doc-0"));
  EXPECT_TRUE(ids.contains("doc-10000"));
  // PIT + search_after where `_shard_doc` exists (Elasticsearch ≥ 7.12), scroll elsewhere.
  const std::string engine = engine_name();
  if (engine == "es8" || engine == "es9") {
    EXPECT_EQ(used, ScanMethod::point_in_time);
  }
  if (engine == "es7" || engine == "opensearch") {
    EXPECT_EQ(used, ScanMethod::scroll);
  }

  // Scroll works on every engine.
  EXPECT_EQ(scan_all(index, ScanMethod::scroll).size(), static_cast<std::size_t>(kDocs));
  // PIT + `_shard_doc` forced: ES ≥ 7.12 and OpenSearch 3 have it (not the OSS 7.10 node).
  if (engine != "es7") {
    ScanMethod forced = ScanMethod::automatic;
    EXPECT_EQ(scan_all(index, ScanMethod::point_in_time, &forced).size(),
              static_cast<std::size_t>(kDocs));
    EXPECT_EQ(forced, ScanMethod::point_in_time);
  }
  EXPECT_LE(open_contexts(), before) << "the scan must release its PIT/scroll";
}

TEST_F(EsScan, ReleasesTheContextOnEarlyExitAndOnClose) {
  const std::string index = index_name("scan-early");
  fill(index, 500, 2);
  const std::int64_t before = open_contexts();
  IdScanOptions options;
  options.page_size = 100;
  {
    IdScan scan = run(client().scan(index, options));
    auto page = run(scan.next_page());
    ASSERT_TRUE(page);
    EXPECT_EQ(page->size(), 100u);
    EXPECT_GT(open_contexts(), before) << "a PIT or scroll is open while scanning";
  }  // destroyed after one page: released in the background
  drain();
  EXPECT_LE(open_contexts(), before);

  options.method = ScanMethod::scroll;
  IdScan scan = run(client().scan(index, options));
  ASSERT_TRUE(run(scan.next_page()));
  run(scan.close());
  EXPECT_LE(open_contexts(), before);
  EXPECT_FALSE(run(scan.next_page()).has_value()) << "a closed scan has no more pages";
}

TEST_F(EsScan, QueryFiltersAndMissingIndexRaises) {
  const std::string index = index_name("scan-query");
  fill(index, 300, 1);
  IdScanOptions options;
  options.query = json::object{{"term", json::object{{"group", "1"}}}};
  options.page_size = 7;
  IdScan scan = run(client().scan(index, options));
  std::size_t count = 0;
  while (auto page = run(scan.next_page())) count += page->size();
  EXPECT_EQ(count, 100u);

  IdScan missing = run(client().scan(index + "-absent", {}));
  EXPECT_THROW(run(missing.next_page()), NotFoundError);
}

}  // namespace ei::es::testing
