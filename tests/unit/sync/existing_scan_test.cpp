// How a sync reads the index back: the choice between `_source` and doc values, and the keys
// both give, which must meet the keys of the documents the engine writes.
#include "sync/existing_scan.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "sync/document_key.hpp"

namespace ei::sync {
namespace {

namespace json = boost::json;

json::object field_mapping(std::string_view text) {
  return json::parse(text).as_object();
}

constexpr std::string_view kMapped = R"({"content": {"mappings": {"_timestamp.exact": {
    "full_name": "_timestamp.exact",
    "mapping": {"exact": {"type": "keyword", "index": false}}}}}})";

TEST(ExistingScan, DocValuesOnlyWhenEveryIndexMapsTheExactTimestampAsAKeyword) {
  EXPECT_TRUE(maps_exact_timestamps(field_mapping(kMapped)));
  // An index made by Kibana or by hand: the field is not there.
  EXPECT_FALSE(maps_exact_timestamps(field_mapping(R"({"content": {"mappings": {}}})")));
  // An alias over two indices, one of them without it.
  EXPECT_FALSE(maps_exact_timestamps(field_mapping(R"({"a": {"mappings": {"_timestamp.exact": {
      "full_name": "_timestamp.exact", "mapping": {"exact": {"type": "keyword"}}}}},
      "b": {"mappings": {}}})")));
  // Another type, doc values switched off, or an answer of another shape.
  EXPECT_FALSE(maps_exact_timestamps(field_mapping(R"({"c": {"mappings": {"_timestamp.exact": {
      "full_name": "_timestamp.exact", "mapping": {"exact": {"type": "text"}}}}}})")));
  EXPECT_FALSE(maps_exact_timestamps(field_mapping(R"({"c": {"mappings": {"_timestamp.exact": {
      "full_name": "_timestamp.exact",
      "mapping": {"exact": {"type": "keyword", "doc_values": false}}}}}})")));
  EXPECT_FALSE(
      maps_exact_timestamps(field_mapping(R"({"c": {"mappings": {"_timestamp.exact": 1}}})")));
  EXPECT_FALSE(maps_exact_timestamps(field_mapping(R"({"c": 7})")));
  EXPECT_FALSE(maps_exact_timestamps(json::object()));
}

TEST(ExistingScan, OptionsReadTheSourceOrOnlyDocValues) {
  const es::IdScanOptions from_source = existing_scan_options(ExistingScanKind::source, true);
  EXPECT_EQ(from_source.source_fields, (std::vector<std::string>{"id", "_timestamp"}));
  EXPECT_TRUE(from_source.docvalue_fields.empty());
  EXPECT_EQ(existing_scan_options(ExistingScanKind::source, false).source_fields,
            (std::vector<std::string>{"id"}));

  const es::IdScanOptions from_doc_values =
      existing_scan_options(ExistingScanKind::doc_values, true);
  EXPECT_TRUE(from_doc_values.source_fields.empty());  // no _source at all
  EXPECT_EQ(from_doc_values.docvalue_fields, (std::vector<std::string>{"_timestamp.exact"}));
  const es::IdScanOptions ids_only = existing_scan_options(ExistingScanKind::doc_values, false);
  EXPECT_TRUE(ids_only.source_fields.empty());
  EXPECT_TRUE(ids_only.docvalue_fields.empty());
  EXPECT_EQ(from_doc_values.page_size, kExistingScanPageSize);
}

TEST(ExistingScan, BothWaysGiveTheKeysOfTheDocumentTheEngineWrote) {
  // The engine writes a document under `_id` = the text of its id, with `id` and
  // `_timestamp` in its source; the doc values hold the timestamp's text.
  const json::object document{{"id", "doc-1"}, {"_timestamp", "2023-08-02T10:11:12.123456+00:00"}};
  es::ScanHit from_source{
      "doc-1",
      json::object{{"id", "doc-1"}, {"_timestamp", "2023-08-02T10:11:12.123456+00:00"}},
      {}};
  es::ScanHit from_doc_values{
      "doc-1",
      {},
      json::object{{"_timestamp.exact", json::array{"2023-08-02T10:11:12.123456+00:00"}}}};
  const std::uint64_t written_id = id_key(id_text(document.at("id")));
  EXPECT_EQ(existing_id_key(from_source, ExistingScanKind::source), written_id);
  EXPECT_EQ(existing_id_key(from_doc_values, ExistingScanKind::doc_values), written_id);
  EXPECT_EQ(existing_timestamp_key(from_source, ExistingScanKind::source), timestamp_key(document));
  EXPECT_EQ(existing_timestamp_key(from_doc_values, ExistingScanKind::doc_values),
            timestamp_key(document));

  // A numeric id: `_id` "5", source id 5; both give the key of the text "5".
  es::ScanHit numeric{"5", json::object{{"id", 5}}, {}};
  EXPECT_EQ(existing_id_key(numeric, ExistingScanKind::source), id_key("5"));
  EXPECT_EQ(existing_id_key(es::ScanHit{"5", {}, {}}, ExistingScanKind::doc_values), id_key("5"));
}

TEST(ExistingScan, ADocValueThatIsNotOneStringMakesTheDocumentBeSentAgain) {
  const auto key = [](json::object fields) {
    return existing_timestamp_key(es::ScanHit{"x", {}, std::move(fields)},
                                  ExistingScanKind::doc_values);
  };
  EXPECT_EQ(key(json::object{}), 0u);  // no `_timestamp`, or indexed before the sub-field
  EXPECT_EQ(key(json::object{{"_timestamp.exact", json::array{"a", "b"}}}), 0u);
  EXPECT_EQ(key(json::object{{"_timestamp.exact", json::array{}}}), 0u);
  EXPECT_EQ(key(json::object{{"_timestamp.exact", json::array{5}}}), 0u);
  EXPECT_EQ(key(json::object{{"_timestamp.exact", "t"}}), 0u);
  EXPECT_NE(key(json::object{{"_timestamp.exact", json::array{"t"}}}), 0u);
  // Different text, different key: microseconds count.
  EXPECT_NE(key(json::object{{"_timestamp.exact", json::array{"2023-08-02T10:11:12.123456"}}}),
            key(json::object{{"_timestamp.exact", json::array{"2023-08-02T10:11:12.123457"}}}));
}

}  // namespace
}  // namespace ei::sync
