#include "es/engine_info.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

using namespace ei::es;

// Bodies as the engines of the test bed return them.
TEST(EsEngineInfo, Elasticsearch7) {
  auto info = parse_engine_info(R"({"name":"Node 1","cluster_name":"elasticsearch-cluster-runner",
    "cluster_uuid":"eTmf","version":{"number":"7.10.2","build_flavor":"unknown","build_type":"unknown",
    "build_hash":"747e","build_date":"2021-01-13T00:42:12.435326Z","build_snapshot":false,
    "lucene_version":"8.7.0","minimum_wire_compatibility_version":"6.8.0",
    "minimum_index_compatibility_version":"6.0.0-beta1"},"tagline":"You Know, for Search"})");
  EXPECT_EQ(info.kind, EngineKind::elasticsearch);
  EXPECT_EQ(info.version, (EngineVersion{7, 10, 2}));
  EXPECT_EQ(info.name, "Node 1");
  EXPECT_EQ(info.cluster_name, "elasticsearch-cluster-runner");
  EXPECT_FALSE(info.pit_with_shard_doc());
  EXPECT_EQ(info.describe(), "Elasticsearch 7.10.2");
}

TEST(EsEngineInfo, Elasticsearch8And9) {
  auto es8 = parse_engine_info(R"({"name":"esn-1","cluster_name":"ei","version":{"number":"8.19.21",
    "build_flavor":"default","lucene_version":"9.12.2"},"tagline":"You Know, for Search"})");
  EXPECT_EQ(es8.kind, EngineKind::elasticsearch);
  EXPECT_EQ(es8.version, (EngineVersion{8, 19, 21}));
  EXPECT_TRUE(es8.pit_with_shard_doc());
  EXPECT_FALSE(es8.opensearch_pit_api());
  auto es9 = parse_engine_info(R"({"version":{"number":"9.5.3"}})");
  EXPECT_EQ(es9.version, (EngineVersion{9, 5, 3}));
  EXPECT_TRUE(es9.version.at_least(9));
  EXPECT_TRUE(es9.version.at_least(8, 19));
  EXPECT_FALSE(es9.version.at_least(9, 6));
  EXPECT_TRUE(parse_engine_info(R"({"version":{"number":"7.12.0"}})").pit_with_shard_doc());
}

TEST(EsEngineInfo, OpenSearch) {
  auto info = parse_engine_info(R"({"name":"Node 1","cluster_name":"opensearch-cluster-runner",
    "version":{"distribution":"opensearch","number":"3.8.0","build_type":"unknown",
    "lucene_version":"10.2.1","minimum_wire_compatibility_version":"2.19.0"},
    "tagline":"The OpenSearch Project: https://opensearch.org/"})");
  EXPECT_EQ(info.kind, EngineKind::opensearch);
  EXPECT_EQ(info.version, (EngineVersion{3, 8, 0}));
  EXPECT_FALSE(info.pit_with_shard_doc());
  EXPECT_TRUE(info.opensearch_pit_api());
  EXPECT_EQ(info.describe(), "OpenSearch 3.8.0");
  EXPECT_EQ(parse_engine_info(R"({"version":{"distribution":"opensearch","number":"2.11.1"}})")
                .version.major,
            2);
}

TEST(EsEngineInfo, VersionSuffixesAndGarbage) {
  EXPECT_EQ(parse_engine_version("8.0.0-SNAPSHOT"), (EngineVersion{8, 0, 0}));
  EXPECT_EQ(parse_engine_version("3.0.0-beta1"), (EngineVersion{3, 0, 0}));
  EXPECT_EQ(parse_engine_version("9"), (EngineVersion{9, 0, 0}));
  EXPECT_THROW(parse_engine_version("x.y"), ei::core::Error);
  EXPECT_THROW(parse_engine_info("<html>"), ei::core::Error);
  EXPECT_THROW(parse_engine_info(R"({"error":"no handler"})"), ei::core::Error);
  EXPECT_THROW(parse_engine_info(R"({"version":{"number":7}})"), ei::core::Error);
}
