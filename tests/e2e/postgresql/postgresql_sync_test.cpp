// PostgreSQL source against a real server (tests/servers/postgresql) and a real
// Elasticsearch, synced through the SyncEngine (sources spec §4, §5).

#include <libpq-fe.h>

#include <chrono>
#include <cstdio>

#include "e2e/sql_common/pg_backend.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "source/errors.hpp"
#include "sources/postgresql/postgresql_data_source.hpp"

namespace ei::sources {
namespace {

namespace json = boost::json;
using sql_testing::SyncHarness;

constexpr int kPort = 15432;
constexpr const char* kUser = "ei";
constexpr const char* kPassword = "ei_secret";

[[maybe_unused]] const auto* const kServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("postgresql"));

// A blocking admin connection for the test's own setup (not the code under test).
using Admin = sql_testing::PgBackend;

std::string date_plus(int days) {
  using namespace std::chrono;
  const year_month_day day{sys_days{2024y / January / 1} + std::chrono::days(days)};
  char text[16];
  std::snprintf(text, sizeof(text), "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

std::string datetime_plus(long long microseconds, bool aware) {
  using namespace std::chrono;
  const auto start = sys_days{2024y / January / 1};
  const auto point = start + std::chrono::microseconds(microseconds);
  const auto days = floor<std::chrono::days>(point);
  const year_month_day day{days};
  const hh_mm_ss time{point - days};
  char text[64];
  std::snprintf(text, sizeof(text), "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  std::string result = text;
  const long long micro = time.subseconds().count();
  if (micro != 0) {
    std::snprintf(text, sizeof(text), ".%06lld", micro);
    result += text;
  }
  if (aware) result += "+00:00";
  return result;
}

class PostgreSqlSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = sql_testing::unique_name("eipg");
    Admin("postgres").exec("CREATE DATABASE " + database_);
  }
  void TearDown() override {
    Admin("postgres").exec("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
  }

  json::object configuration(json::object overrides = {}) {
    json::object config{{"host", "127.0.0.1"},   {"port", kPort},         {"username", kUser},
                        {"password", kPassword}, {"database", database_}, {"tables", "*"},
                        {"fetch_size", 50},      {"retry_count", 1},      {"ssl_enabled", false},
                        {"ssl_ca", ""}};
    for (auto& [key, value] : overrides) config[key] = value;
    // Stored as the service writes a new connector: the declared fields with our values.
    json::object stored = PostgreSqlDataSource::descriptor_ptr()->default_configuration.to_json();
    for (auto& [key, value] : config) stored[key].as_object()["value"] = value;
    return stored;
  }

  std::unique_ptr<PostgreSqlDataSource> make_source(SyncHarness& harness,
                                                    json::object overrides = {}) {
    return std::make_unique<PostgreSqlDataSource>(
        source::DataSourceConfiguration(json::value(configuration(std::move(overrides)))),
        harness.context());
  }

  // 6000 items + 4000 orders + 1 sales.refunds = 10,001 rows with a primary key; audit_log
  // has none and is skipped (spec §4.4 step 2).
  void load() {
    Admin admin(database_);
    admin.exec(
        "CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(10,2), ratio double "
        "precision, active boolean, created date, updated_at timestamp, seen_at timestamptz, "
        "payload bytea, note text)");
    admin.exec(
        "INSERT INTO items SELECT i, 'item ' || i, i * 1.25, i / 8.0, i % 2 = 0, "
        "date '2024-01-01' + (i % 365), timestamp '2024-01-01' + i * interval '61.5 seconds', "
        "timestamptz '2024-01-01 00:00:00+00' + i * interval '1 hour', "
        "convert_to('bin' || i, 'UTF8'), CASE WHEN i % 3 = 0 THEN NULL ELSE 'n' || i END "
        "FROM generate_series(1, 6000) AS i");
    admin.exec(
        "CREATE TABLE orders (region varchar(8), order_no bigint, qty smallint, total "
        "numeric(12,3), PRIMARY KEY (order_no, region))");
    admin.exec(
        "INSERT INTO orders SELECT 'r' || (i % 4), i, i % 100, i * 0.5 FROM generate_series(1, "
        "4000) AS i");
    admin.exec("CREATE SCHEMA sales");
    admin.exec("CREATE TABLE sales.refunds (id int PRIMARY KEY, amount real)");
    admin.exec("INSERT INTO sales.refunds VALUES (1, 2.5)");
    admin.exec("CREATE TABLE audit_log (message text)");
    admin.exec("INSERT INTO audit_log SELECT 'm' || i FROM generate_series(1, 50) AS i");
  }

  json::object item(int i, const std::string& name) const {
    const std::string p = "public_items_";
    json::object doc{
        {p + "id", i},
        {p + "name", name},
        {p + "price", i * 1.25},
        {p + "ratio", i / 8.0},
        {p + "active", i % 2 == 0},
        {p + "created", date_plus(i % 365)},
        {p + "updated_at", datetime_plus(i * 61'500'000LL, false)},
        {p + "seen_at", datetime_plus(i * 3'600'000'000LL, true)},
        {p + "payload", "bin" + std::to_string(i)},
        {p + "note", i % 3 == 0 ? json::value(nullptr) : json::value("n" + std::to_string(i))},
        {"Database", database_},
        {"Table", "items"},
        {"schema", "public"}};
    return doc;
  }

  std::map<std::string, json::object> expected(int items, int first_order, int changed) const {
    std::map<std::string, json::object> docs;
    for (int i = 1; i <= items; ++i) {
      const std::string name =
          i <= changed ? "changed " + std::to_string(i) : "item " + std::to_string(i);
      docs[database_ + "_public_items_" + std::to_string(i) + "_"] = item(i, name);
    }
    for (int i = first_order; i <= 4000; ++i) {
      const std::string region = "r" + std::to_string(i % 4);
      json::object doc{{"public_orders_region", region},
                       {"public_orders_order_no", i},
                       {"public_orders_qty", i % 100},
                       {"public_orders_total", i * 0.5},
                       {"Database", database_},
                       {"Table", "orders"},
                       {"schema", "public"}};
      // The reference's key query returns the key columns in table order: region, order_no.
      docs[database_ + "_public_orders_" + region + "_" + std::to_string(i) + "_"] = doc;
    }
    docs[database_ + "_sales_refunds_1_"] = json::object{{"sales_refunds_id", 1},
                                                         {"sales_refunds_amount", 2.5},
                                                         {"Database", database_},
                                                         {"Table", "refunds"},
                                                         {"schema", "sales"}};
    return docs;
  }

  void expect_index(SyncHarness& harness, const std::map<std::string, json::object>& wanted) {
    const auto actual = harness.documents();
    ASSERT_EQ(actual.size(), wanted.size());
    int mismatches = 0;
    for (const auto& [id, doc] : wanted) {
      auto found = actual.find(id);
      if (found == actual.end()) {
        if (++mismatches < 5) ADD_FAILURE() << "missing " << id;
        continue;
      }
      EXPECT_EQ(found->second.at("id"), json::value(id));
      EXPECT_TRUE(found->second.at("_timestamp").is_string());
      json::object fields = sql_testing::source_fields(found->second);
      if (fields != doc && ++mismatches < 5) {
        ADD_FAILURE() << id << "\n got " << json::serialize(fields) << "\nwant "
                      << json::serialize(doc);
      }
    }
    EXPECT_EQ(mismatches, 0);
  }

  std::string database_;
};

TEST_F(PostgreSqlSyncTest, SyncsEveryRowThenConvergesAfterChanges) {
  load();
  SyncHarness harness(sql_testing::unique_name("ei-pg-sync"));
  harness.create_index();
  {
    auto source = make_source(harness);
    harness.run(source->validate_config());
    harness.run(source->ping());
    const sync::SyncResult result = harness.sync(*source);
    ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
    EXPECT_EQ(result.counters.seen, 10'001u);
    EXPECT_EQ(result.counters.indexed_document_count, 10'001u);
    EXPECT_EQ(result.counters.rejected_items, 0u);
  }
  expect_index(harness, expected(6000, 1, 0));

  Admin admin(database_);
  admin.exec("UPDATE items SET name = 'changed ' || id WHERE id <= 10");
  admin.exec("DELETE FROM orders WHERE order_no <= 5");
  admin.exec(
      "INSERT INTO items SELECT i, 'item ' || i, i * 1.25, i / 8.0, i % 2 = 0, "
      "date '2024-01-01' + (i % 365), timestamp '2024-01-01' + i * interval '61.5 seconds', "
      "timestamptz '2024-01-01 00:00:00+00' + i * interval '1 hour', "
      "convert_to('bin' || i, 'UTF8'), CASE WHEN i % 3 = 0 THEN NULL ELSE 'n' || i END "
      "FROM generate_series(6001, 6003) AS i");
  {
    auto source = make_source(harness);
    const sync::SyncResult result = harness.sync(*source);
    ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
    EXPECT_EQ(result.counters.seen, 9'999u);
    EXPECT_EQ(result.counters.deleted_document_count, 5u);
    // Orders and refunds kept their commit timestamps: not sent again.
    EXPECT_EQ(result.counters.unchanged, 3'996u);
  }
  expect_index(harness, expected(6003, 6, 10));
}

TEST_F(PostgreSqlSyncTest, ConfiguredTablesOnlyAndSmallFetchSize) {
  load();
  SyncHarness harness(sql_testing::unique_name("ei-pg-tables"));
  // A host name: resolved on Asio, libpq gets the address (no blocking lookup).
  auto source = make_source(
      harness, {{"host", "localhost"}, {"tables", "refunds, audit_log"}, {"fetch_size", 1}});
  sql_testing::CollectingSink sink;
  harness.run(source->get_docs(sink, protocol::Filter()));
  harness.run(source->close());
  // refunds exists only in `sales`; in `public` the statement error abandons the table.
  ASSERT_EQ(sink.documents.size(), 1u);
  EXPECT_EQ(sink.documents[0].at("_id"), json::value(database_ + "_sales_refunds_1_"));
}

TEST_F(PostgreSqlSyncTest, BadCredentialsAreAClearError) {
  SyncHarness harness(sql_testing::unique_name("ei-pg-auth"));
  auto source = make_source(harness, {{"password", "wrong"}});
  try {
    harness.run(source->ping());
    FAIL() << "ping succeeded with a wrong password";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Can't connect to Postgresql on 127.0.0.1"));
    EXPECT_THAT(error.what(),
                ::testing::HasSubstr("password authentication failed for user \"ei\""));
  }
  EXPECT_THROW(harness.run(source->validate_config()), source::ConfigurableFieldValueError);
  harness.run(source->close());
}

TEST_F(PostgreSqlSyncTest, UnreachableHostAndMissingTablesAreClearErrors) {
  SyncHarness harness(sql_testing::unique_name("ei-pg-errors"));
  auto unreachable = make_source(harness, {{"port", 1}});
  try {
    harness.run(unreachable->validate_config());
    FAIL() << "validate_config succeeded against a closed port";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Can't connect to Postgresql on 127.0.0.1"));
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Connection refused"));
  }
  load();
  auto missing = make_source(harness, {{"tables", "items, nope, gone"}});
  try {
    harness.run(missing->validate_config());
    FAIL() << "validate_config accepted missing tables";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_STREQ(error.what(),
                 "The tables 'nope, gone' are either not present or not accessible for user 'ei'.");
  }
  harness.run(missing->close());
}

// "Enable SSL" means verified against the system store, or the CA given.
TEST_F(PostgreSqlSyncTest, SslIsVerifiedAgainstTheSystemStoreOrTheGivenCa) {
  SyncHarness harness(sql_testing::unique_name("ei-pg-tls"));
  sql_testing::expect_verified_tls(
      harness, sql_testing::test_server_ca("postgresql", kPort),
      [&](json::object overrides) { return make_source(harness, std::move(overrides)); },
      "certificate verify failed");
}

}  // namespace
}  // namespace ei::sources
