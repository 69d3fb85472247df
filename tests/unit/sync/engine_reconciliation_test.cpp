// The fetcher's decisions (spec §13.3, §13.5, §15.6) over the hashed index snapshot.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "filtering/basic_rule_engine.hpp"
#include "sync/document_key.hpp"
#include "sync/existing_documents.hpp"
#include "sync/reconciler.hpp"

namespace ei::sync {
namespace {

namespace json = boost::json;

json::object stored(std::string_view id, std::optional<std::string> timestamp) {
  json::object document{{"id", id}};
  if (timestamp) document["_timestamp"] = *timestamp;
  return document;
}

// The index held "a" and "b" (timestamps t1) and "c" (no timestamp).
ExistingDocuments snapshot() {
  ExistingDocuments existing;
  existing.add(id_key("b"), timestamp_key(stored("b", "t1")));
  existing.add(id_key("a"), timestamp_key(stored("a", "t1")));
  existing.add(id_key("c"), timestamp_key(stored("c", std::nullopt)));
  existing.seal();
  return existing;
}

Decision decide(Reconciler& reconciler, const json::object& document) {
  return reconciler.decide(document, id_key(id_text(document.at("id"))));
}

TEST(Reconciliation, NewChangedUnchangedAndVanished) {
  ExistingDocuments existing = snapshot();
  Reconciler reconciler(existing, nullptr);
  EXPECT_EQ(decide(reconciler, stored("new", "t1")), Decision::create);
  EXPECT_EQ(decide(reconciler, stored("a", "t1")), Decision::unchanged);
  EXPECT_EQ(decide(reconciler, stored("b", "t2")), Decision::update);
  EXPECT_EQ(existing.unseen(), 1u);  // "c" vanished
  const auto c = existing.find(id_key("c"));
  ASSERT_TRUE(c.has_value());
  EXPECT_FALSE(existing.seen(*c));
  EXPECT_TRUE(existing.seen(*existing.find(id_key("a"))));
  EXPECT_FALSE(existing.find(id_key("new")).has_value());  // never deleted by this sync
}

TEST(Reconciliation, WhileLoadingAnIdNotFoundYetIsDeferred) {
  ExistingDocuments existing;
  existing.add(id_key("a"), timestamp_key(stored("a", "t1")));
  Reconciler reconciler(existing, nullptr);
  EXPECT_EQ(decide(reconciler, stored("a", "t1")), Decision::unchanged);  // final at once
  EXPECT_EQ(decide(reconciler, stored("b", "t1")), Decision::deferred);
  existing.add(id_key("b"), timestamp_key(stored("b", "t0")));
  EXPECT_EQ(decide(reconciler, stored("b", "t1")), Decision::update);
  EXPECT_EQ(decide(reconciler, stored("new", "t1")), Decision::deferred);
  existing.seal();
  EXPECT_EQ(decide(reconciler, stored("new", "t1")), Decision::create);
  EXPECT_EQ(existing.unseen(), 0u);
}

TEST(ExistingDocuments, GrowsWhileLoadingAndKeepsSeenMarks) {
  ExistingDocuments existing;
  existing.reserve(10);
  // Mark every other one seen while loading continues, as the fetcher does; growing the
  // table many times over must keep the marks (a lost one would be deleted at the end).
  for (std::uint64_t n = 0; n < 5000; ++n) {
    existing.add(id_key("id" + std::to_string(n)), n + 1);
    if (n % 2 == 0) existing.mark_seen(*existing.find(id_key("id" + std::to_string(n))));
  }
  existing.seal();
  EXPECT_EQ(existing.size(), 5000u);
  EXPECT_EQ(existing.unseen(), 2500u);
  for (std::uint64_t n = 0; n < 5000; ++n) {
    const auto position = existing.find(id_key("id" + std::to_string(n)));
    ASSERT_TRUE(position) << n;
    EXPECT_EQ(existing.seen(*position), n % 2 == 0) << n;
    EXPECT_EQ(existing.timestamp_key(*position), n + 1);
  }
  EXPECT_FALSE(existing.find(id_key("id5000")));
  EXPECT_LT(existing.memory_bytes(), 5000u * 16 * 3);  // a few bytes per document
}

TEST(ExistingDocuments, FirstEntryOfARepeatedIdWinsAndKeyZeroIsStored) {
  ExistingDocuments existing;
  existing.add(7, 1);
  existing.add(7, 2);
  existing.add(0, 3);
  existing.seal();
  EXPECT_EQ(existing.size(), 2u);
  EXPECT_EQ(existing.timestamp_key(*existing.find(7)), 1u);
  ASSERT_TRUE(existing.find(0));
  EXPECT_EQ(existing.timestamp_key(*existing.find(0)), 3u);
  EXPECT_FALSE(existing.find(8));
  ExistingDocuments empty;
  EXPECT_FALSE(empty.find(1));
  EXPECT_EQ(empty.unseen(), 0u);
}

TEST(Reconciliation, MissingTimestampIsAlwaysAnUpdate) {
  ExistingDocuments existing = snapshot();
  Reconciler reconciler(existing, nullptr);
  // Stored with t1, the new version has none.
  EXPECT_EQ(decide(reconciler, stored("a", std::nullopt)), Decision::update);
  // Stored without one, the new version has none either.
  EXPECT_EQ(decide(reconciler, stored("c", std::nullopt)), Decision::update);
  // Stored without one, the new version has one.
  ExistingDocuments again = snapshot();
  Reconciler second(again, nullptr);
  EXPECT_EQ(decide(second, stored("c", "t1")), Decision::update);
  EXPECT_EQ(again.unseen(), 2u);
}

TEST(Reconciliation, TimestampsCompareAsJson) {
  ExistingDocuments existing;
  existing.add(id_key("n"), timestamp_key(json::object{{"_timestamp", 5}}));
  existing.seal();
  Reconciler reconciler(existing, nullptr);
  EXPECT_EQ(decide(reconciler, json::object{{"id", "n"}, {"_timestamp", "5"}}), Decision::update);
  EXPECT_EQ(decide(reconciler, json::object{{"id", "n"}, {"_timestamp", 5}}), Decision::unchanged);
}

TEST(Reconciliation, NumericIdsMatchTheirTextForm) {
  ExistingDocuments existing;
  existing.add(id_key(id_text(json::value(5))), timestamp_key(stored("5", "t")));
  existing.seal();
  Reconciler reconciler(existing, nullptr);
  EXPECT_EQ(decide(reconciler, json::object{{"id", 5}, {"_timestamp", "t"}}), Decision::unchanged);
  EXPECT_EQ(id_text(json::value(5)), "5");
  EXPECT_EQ(id_text(json::value("x")), "x");
}

TEST(Reconciliation, FilteredDocumentsAreNotSeenSoTheyGetDeleted) {
  ExistingDocuments existing = snapshot();
  auto rules = filtering::BasicRuleEngine::from_json(json::parse(
      R"([{"id":"1","policy":"exclude","field":"id","rule":"equals","value":"a","order":1},
          {"id":"DEFAULT","policy":"include","field":"_","rule":"regex","value":".*","order":2}])"));
  Reconciler reconciler(existing, &rules);
  EXPECT_EQ(decide(reconciler, stored("a", "t1")), Decision::filtered);
  EXPECT_EQ(decide(reconciler, stored("b", "t1")), Decision::unchanged);
  EXPECT_EQ(decide(reconciler, stored("c", std::nullopt)), Decision::update);
  EXPECT_EQ(existing.unseen(), 1u);
  EXPECT_FALSE(existing.seen(*existing.find(id_key("a"))));
  // A filtered new document is not created either.
  EXPECT_EQ(decide(reconciler, stored("a", "t9")), Decision::filtered);
}

// 16 bytes per document plus a quarter of free slots, and a bit per slot.
TEST(Reconciliation, SnapshotCostsAboutTwentyBytesPerDocument) {
  ExistingDocuments existing;
  existing.reserve(100000);
  for (int i = 0; i < 100000; ++i) {
    existing.add(id_key("doc-" + std::to_string(i)), timestamp_key(stored("x", "t")));
  }
  existing.seal();
  EXPECT_EQ(existing.size(), 100000u);
  EXPECT_LE(existing.memory_bytes(), (100000u * 16 + 100000u / 8) * 5 / 4 + 64);
  for (int i = 0; i < 100000; i += 7) {
    EXPECT_TRUE(existing.find(id_key("doc-" + std::to_string(i))).has_value());
  }
  EXPECT_FALSE(existing.find(id_key("doc-100000")).has_value());
}

TEST(Reconciliation, RepeatedStoredIdsCollapse) {
  ExistingDocuments existing;
  existing.add(id_key("a"), 1);
  existing.add(id_key("a"), 2);
  existing.seal();
  EXPECT_EQ(existing.size(), 1u);
  const auto position = existing.find(id_key("a"));
  ASSERT_TRUE(position);
  EXPECT_EQ(existing.timestamp_key(*position), 1u);
  existing.mark_seen(*position);
  existing.mark_seen(*position);
  EXPECT_EQ(existing.unseen(), 0u);
}

TEST(Reconciliation, KeysAreNeverZero) {
  EXPECT_NE(id_key(""), 0u);
  EXPECT_EQ(timestamp_key(json::object{}), 0u);
  EXPECT_NE(timestamp_key(json::object{{"_timestamp", nullptr}}), 0u);
}

}  // namespace
}  // namespace ei::sync
