// The MongoDB source against a real MongoDB wire-protocol server (FerretDB on SQLite, with its
// own SCRAM users, started by tests/servers/ferretdb) and a real Elasticsearch: through the
// `connectors` and `elastic-ingest` binaries for the full sync cycle, credentials and rule
// validation; through the SyncEngine for the advanced rules and the stopped server (spec §2).

#include <gmock/gmock.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "e2e/service/native_service.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "source/errors.hpp"
#include "sources/mongodb/mongo_data_source.hpp"
#include "support/mongo_admin.hpp"
#include "support/stopping_source.hpp"

namespace ei::sources {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using sql_testing::SyncHarness;

constexpr const char* kHost = "mongodb://127.0.0.1:27018";
constexpr const char* kUser = "ei";
constexpr const char* kPassword = "ei_secret";
constexpr const char* kCollection = "items";

[[maybe_unused]] const auto* const kServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("ferretdb"));

// Owned BSON documents for one insert.
struct Documents {
  std::vector<mongodb::BsonPtr> owned;
  const std::vector<mongodb::BsonPtr>& view() const { return owned; }
  void add(bson_t* document) { owned.emplace_back(document); }
};

std::string oid_text(const bson_oid_t& oid) {
  char hex[25];
  bson_oid_to_string(&oid, hex);
  return hex;
}

// 10,001 documents of four shapes (nested documents and arrays; dates, doubles and 64-bit
// integers; binary and UUIDs; string ids with ~1 KB of text) and one with an integer id. `ids`
// gets the expected document ids in insertion order. No Decimal128: FerretDB 1.x cannot store
// it (it drops the connection: "invalid BSON type bsonproto.Decimal128"), so its conversion is
// proven by the unit suite on libbson alone.
Documents ten_thousand_and_one(std::vector<std::string>& ids) {
  Documents documents;
  const std::string filler(1000, 'x');
  const std::uint8_t bytes[] = {1, 2, 3, 250};
  const std::uint8_t uuid[16] = {0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3,
                                 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00};
  for (int i = 0; i < 10'000; ++i) {
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    const std::string name = "item " + std::to_string(i);
    switch (i % 4) {
      case 0:
        ids.push_back(oid_text(oid));
        documents.add(BCON_NEW("_id", BCON_OID(&oid), "shape", BCON_INT32(0), "name",
                               BCON_UTF8(name.c_str()), "tags", "[", BCON_UTF8("a"), BCON_UTF8("b"),
                               "]", "address", "{", "city", BCON_UTF8("Lyon"), "geo", "[",
                               BCON_DOUBLE(45.75), BCON_DOUBLE(4.85), "]", "}"));
        break;
      case 1:
        ids.push_back(oid_text(oid));
        documents.add(BCON_NEW("_id", BCON_OID(&oid), "shape", BCON_INT32(1), "name",
                               BCON_UTF8(name.c_str()), "when", BCON_DATE_TIME(1700000000123LL + i),
                               "price", BCON_DOUBLE(19.99), "score", BCON_DOUBLE(i / 4.0), "big",
                               BCON_INT64(9'000'000'000LL + i)));
        break;
      case 2:
        ids.push_back(oid_text(oid));
        documents.add(BCON_NEW(
            "_id", BCON_OID(&oid), "shape", BCON_INT32(2), "name", BCON_UTF8(name.c_str()), "blob",
            BCON_BIN(BSON_SUBTYPE_BINARY, bytes, 4), "uuid", BCON_BIN(BSON_SUBTYPE_UUID, uuid, 16),
            "deep", "{", "a", "{", "b", "[", "{", "c", BCON_INT32(i), "}", "]", "}", "}"));
        break;
      default: {
        const std::string id = "text-" + std::to_string(i);
        ids.push_back(id);
        documents.add(BCON_NEW("_id", BCON_UTF8(id.c_str()), "shape", BCON_INT32(3), "name",
                               BCON_UTF8(name.c_str()), "text", BCON_UTF8(filler.c_str())));
      }
    }
  }
  ids.push_back("42");
  documents.add(
      BCON_NEW("_id", BCON_INT64(42), "shape", BCON_INT32(4), "note", BCON_UTF8("an integer id")));
  return documents;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class MongoSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    database_ =
        "ei_" + std::to_string(::getpid()) + "_" + lower(std::string(info->name())).substr(0, 12);
  }
  void TearDown() override {
    admin_.drop_database(database_);
    fs::remove_all(work_);
  }

  json::object configuration(json::object overrides = {}) {
    json::object config{{"host", kHost},
                        {"user", kUser},
                        {"password", kPassword},
                        {"database", database_},
                        {"collection", kCollection},
                        {"direct_connection", true}};
    for (auto& [key, value] : overrides) config[key] = value;
    json::object stored = MongoDataSource::descriptor_ptr()->default_configuration.to_json();
    for (auto& [key, value] : config) stored[key].as_object()["value"] = value;
    return stored;
  }

  std::unique_ptr<MongoDataSource> make_source(SyncHarness& harness, json::object overrides = {}) {
    return std::make_unique<MongoDataSource>(
        source::DataSourceConfiguration(json::value(configuration(std::move(overrides)))),
        harness.context());
  }

  void insert_numbered(int count) {
    Documents documents;
    for (int i = 0; i < count; ++i) {
      documents.add(BCON_NEW("_id", BCON_INT32(i), "n", BCON_INT32(i), "kind",
                             BCON_UTF8(i % 2 == 0 ? "even" : "odd")));
    }
    admin_.insert(database_, kCollection, documents.view());
  }

  mongo_testing::MongoAdmin admin_;
  std::string database_;
  fs::path work_ = fs::temp_directory_path() / ("ei-mongo-e2e-" + std::to_string(::getpid()));
};

// --- through the binaries ---------------------------------------------------------------------

class MongoServiceTest : public MongoSyncTest {
 protected:
  void SetUp() override {
    MongoSyncTest::SetUp();
    service_ = std::make_unique<test::NativeService>(work_, "mongodb",
                                                     "connectors.sources.mongo:MongoDataSource");
  }
  void TearDown() override {
    service_.reset();
    MongoSyncTest::TearDown();
  }

  std::string create_connector(const std::string& index, const std::string& password) {
    return service_->create_connector(
        "mongodb", index,
        {std::string("host=") + kHost, std::string("user=") + kUser, "password=" + password,
         "database=" + database_, std::string("collection=") + kCollection,
         "direct_connection=true"});
  }
  static std::uint64_t counter(const json::object& job, const char* name) {
    return test::NativeService::counter(job, name);
  }

  // The draft rules' validation once the service has looked at them (not `edited`).
  json::object draft_validation(const std::string& connector) {
    for (int i = 0; i < 60; ++i) {
      const json::object shown = service_->cli_json({"connector", "show", connector});
      const json::value* filtering = shown.if_contains("filtering");
      if (filtering != nullptr && filtering->is_array() && !filtering->as_array().empty()) {
        const json::object& validation =
            filtering->as_array()[0].at("draft").at("validation").as_object();
        if (validation.at("state") != "edited") return validation;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    ADD_FAILURE() << "the service never validated the draft rules\n" << service_->output();
    return {};
  }

  std::unique_ptr<test::NativeService> service_;
};

TEST_F(MongoServiceTest, SyncsTenThousandAndOneDocumentsThenConvergesAndANoOpIndexesNothing) {
  std::vector<std::string> ids;
  Documents documents = ten_thousand_and_one(ids);
  admin_.insert(database_, kCollection, documents.view());
  SyncHarness harness("search-" + lower(database_));
  const std::string connector = create_connector(harness.index(), kPassword);
  ASSERT_FALSE(connector.empty());

  json::object job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job) << service_->output();
  EXPECT_EQ(counter(job, "indexed_document_count"), 10'001u) << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  auto indexed = harness.documents();
  std::set<std::string> expected(ids.begin(), ids.end());
  EXPECT_EQ(harness.ids(), expected);

  // One of each shape, field by field.
  const json::object& nested = indexed.at(ids[0]);
  EXPECT_EQ(nested.at("id"), json::value(ids[0]));
  EXPECT_EQ(nested.at("name"), "item 0");
  EXPECT_EQ(nested.at("tags"), json::parse(R"(["a", "b"])"));
  EXPECT_EQ(nested.at("address"), json::parse(R"({"city": "Lyon", "geo": [45.75, 4.85]})"));
  const json::object& typed = indexed.at(ids[1]);
  EXPECT_EQ(typed.at("when"), "2023-11-14T22:13:20.124000");
  EXPECT_EQ(typed.at("price"), json::value(19.99));
  EXPECT_EQ(typed.at("score"), json::value(0.25));
  EXPECT_EQ(typed.at("big"), json::value(9'000'000'001LL));
  const json::object& binary = indexed.at(ids[2]);
  EXPECT_EQ(binary.at("blob"), "AQID+g==");
  EXPECT_EQ(binary.at("uuid"), "123e4567-e89b-12d3-a456-426614174000");
  EXPECT_EQ(binary.at("deep"), json::parse(R"({"a": {"b": [{"c": 2}]}})"));
  EXPECT_EQ(indexed.at("text-3").at("text").as_string().size(), 1000u);
  EXPECT_EQ(indexed.at("42").at("note"), "an integer id");
  EXPECT_THAT(std::string(indexed.at("42").at("_timestamp").as_string()),
              ::testing::MatchesRegex("190[0-8]-[0-9]{2}-[0-9]{2}T[0-9:]{8}(\\.[0-9]{6})?"));

  // 10 changed, 5 deleted, 3 added.
  json::array changed;
  for (int i = 0; i < 10; ++i) changed.push_back(json::string("text-" + std::to_string(4 * i + 3)));
  admin_.update(database_, kCollection, json::object{{"_id", json::object{{"$in", changed}}}},
                json::parse(R"({"$set": {"text": "changed"}})"));
  json::array removed;
  for (int i = 0; i < 5; ++i) {
    removed.push_back(json::object{{"$oid", ids[static_cast<std::size_t>(4 * i)]}});
    expected.erase(ids[static_cast<std::size_t>(4 * i)]);
  }
  admin_.remove(database_, kCollection, json::object{{"_id", json::object{{"$in", removed}}}});
  Documents added;
  for (const char* id : {"new-a", "new-b", "new-c"}) {
    added.add(BCON_NEW("_id", BCON_UTF8(id), "shape", BCON_INT32(5)));
    expected.insert(id);
  }
  admin_.insert(database_, kCollection, added.view());

  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(counter(job, "indexed_document_count"), 13u) << json::serialize(job);
  EXPECT_EQ(counter(job, "deleted_document_count"), 5u) << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  indexed = harness.documents();
  EXPECT_EQ(harness.ids(), expected);
  EXPECT_EQ(indexed.at("text-39").at("text"), "changed");

  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(counter(job, "indexed_document_count"), 0u) << json::serialize(job);
  EXPECT_EQ(counter(job, "deleted_document_count"), 0u) << json::serialize(job);
}

TEST_F(MongoServiceTest, AWrongPasswordFailsTheJobAndTheConnectorWithTheCause) {
  insert_numbered(3);
  SyncHarness harness("search-" + lower(database_));
  const std::string connector = create_connector(harness.index(), "not-the-password");
  ASSERT_FALSE(connector.empty());
  const json::object job = service_->run_job(connector);
  EXPECT_EQ(job.at("status"), "error") << json::serialize(job);
  ASSERT_TRUE(job.contains("error") && job.at("error").is_string()) << json::serialize(job);
  EXPECT_THAT(std::string(job.at("error").as_string()),
              ::testing::HasSubstr("refused the credentials of user 'ei'"));
  EXPECT_THAT(std::string(job.at("error").as_string()),
              ::testing::HasSubstr("Authentication failed"));
  const json::object shown = service_->cli_json({"connector", "show", connector});
  ASSERT_TRUE(shown.contains("error") && shown.at("error").is_string()) << json::serialize(shown);
  EXPECT_THAT(std::string(shown.at("error").as_string()),
              ::testing::HasSubstr("Authentication failed"));
}

TEST_F(MongoServiceTest, AdvancedRulesAreValidatedByTheServiceNotAtSyncTime) {
  insert_numbered(3);
  SyncHarness harness("search-" + lower(database_));
  const std::string connector = create_connector(harness.index(), kPassword);
  ASSERT_FALSE(connector.empty());
  fs::create_directories(work_);
  const fs::path invalid = work_ / "invalid.json";
  std::ofstream(invalid) << R"({"rules": [], "advanced_rules": {"find": {"filter": []}}})";
  ASSERT_EQ(service_->cli({"connector", "set-rules", connector, "--file", invalid.string()}).status,
            0);
  json::object validation = draft_validation(connector);
  EXPECT_EQ(validation["state"], "invalid") << json::serialize(validation);
  EXPECT_THAT(json::serialize(validation), ::testing::HasSubstr("find.filter must be an object"));

  const fs::path valid = work_ / "valid.json";
  std::ofstream(valid) << R"({"rules": [], "advanced_rules":
      {"aggregate": {"pipeline": [{"$match": {"kind": "even"}}]}}})";
  ASSERT_EQ(service_->cli({"connector", "set-rules", connector, "--file", valid.string()}).status,
            0);
  validation = draft_validation(connector);
  EXPECT_EQ(validation["state"], "valid") << json::serialize(validation);
}

// --- through the engine -----------------------------------------------------------------------

json::object advanced(const char* rules) {
  return json::object{{"rules", json::array()},
                      {"advanced_snippet", json::object{{"value", json::parse(rules)}}}};
}

TEST_F(MongoSyncTest, AFindFilterAndAnAggregatePipelineEachRestrictTheSync) {
  insert_numbered(20);
  SyncHarness harness(sql_testing::unique_name("ei-mongo-rules"));
  harness.create_index();
  auto everything = make_source(harness);
  ASSERT_FALSE(harness.sync(*everything).fetch_error);
  ASSERT_EQ(harness.documents().size(), 20u);

  auto find = make_source(harness);
  sync::SyncResult result =
      harness.sync(*find, advanced(R"({"find": {"filter": {"n": {"$gte": 5}}, "projection": ["n"],
                           "limit": 8, "batch_size": 3}})"));
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  auto documents = harness.documents();
  std::set<std::string> ids;
  for (const auto& [id, document] : documents) ids.insert(id);
  EXPECT_EQ(ids, (std::set<std::string>{"5", "6", "7", "8", "9", "10", "11", "12"}));
  EXPECT_FALSE(documents.at("5").contains("kind"));  // projected away
  EXPECT_EQ(documents.at("5").at("n"), json::value(5));

  auto aggregate = make_source(harness);
  result = harness.sync(*aggregate, advanced(R"({"aggregate": {"pipeline": [
      {"$match": {"kind": "odd"}}, {"$sort": {"n": -1}}, {"$limit": 3}], "batchSize": 2}})"));
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  ids.clear();
  for (const auto& [id, document] : harness.documents()) ids.insert(id);
  EXPECT_EQ(ids, (std::set<std::string>{"15", "17", "19"}));

  // An aggregation that drops `_id` cannot be synced: a clear error, nothing deleted.
  auto no_id = make_source(harness);
  result = harness.sync(*no_id, advanced(R"({"aggregate": {"pipeline": [
      {"$project": {"_id": 0, "n": 1}}]}})"));
  ASSERT_TRUE(result.fetch_error);
  EXPECT_THAT(*result.fetch_error, ::testing::HasSubstr("has no _id"));
  EXPECT_EQ(harness.documents().size(), 3u);
}

TEST_F(MongoSyncTest, ValidationNamesAMissingDatabaseOrCollection) {
  insert_numbered(1);
  SyncHarness harness(sql_testing::unique_name("ei-mongo-validate"));
  auto good = make_source(harness);
  EXPECT_NO_THROW(harness.run(good->validate_config()));
  harness.run(good->close());

  auto no_database = make_source(harness, {{"database", "ei_no_such_database"}});
  try {
    harness.run(no_database->validate_config());
    FAIL() << "a missing database passed";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Database (ei_no_such_database) does not "
                                                   "exist. Existing databases: "));
    EXPECT_THAT(error.what(), ::testing::HasSubstr(database_));
  }
  auto no_collection = make_source(harness, {{"collection", "nothing"}});
  try {
    harness.run(no_collection->validate_config());
    FAIL() << "a missing collection passed";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_EQ(std::string(error.what()), "Collection (nothing) does not exist within database " +
                                             database_ + ". Existing collections: items");
  }
  auto closed =
      make_source(harness, {{"host", "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500"}});
  try {
    harness.run(closed->ping());
    FAIL() << "ping of a closed port passed";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("MongoDB at mongodb://127.0.0.1:1/"));
  }
}

TEST_F(MongoSyncTest, AServerStoppedMidSyncFailsTheJobDeletesNothingAndTheNextSyncConverges) {
  insert_numbered(5000);
  SyncHarness harness(sql_testing::unique_name("ei-mongo-stop"));
  harness.create_index();
  auto first = make_source(harness);
  ASSERT_FALSE(harness.sync(*first).fetch_error);
  ASSERT_EQ(harness.documents().size(), 5000u);

  admin_.remove(database_, kCollection, json::parse(R"({"_id": 0})"));  // deleted by a full sync
  testing::StoppingSource<MongoDataSource> stopping(
      source::DataSourceConfiguration(json::value(configuration())), harness.context());
  stopping.stop_after("ferretdb", 1500);
  const sync::SyncResult failed = harness.sync(stopping);
  std::string output;
  const int restarted = sql_testing::run_command(
      std::string(EI_SOURCE_DIR) + "/tests/servers/ferretdb/start 2>&1", output);
  ASSERT_EQ(restarted, 0) << output;
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error, ::testing::HasSubstr("MongoDB at mongodb://127.0.0.1:27018"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);
  EXPECT_EQ(harness.documents().size(), 5000u);

  auto next = make_source(harness);
  const sync::SyncResult converged = harness.sync(*next);
  ASSERT_FALSE(converged.fetch_error) << *converged.fetch_error;
  EXPECT_EQ(converged.counters.deleted_document_count, 1u);
  EXPECT_EQ(converged.counters.indexed_document_count, 0u);  // unchanged: skipped
  EXPECT_EQ(harness.documents().size(), 4999u);
}

}  // namespace
}  // namespace ei::sources
