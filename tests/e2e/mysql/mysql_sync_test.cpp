// MySQL source against a real MariaDB server (tests/servers/mariadb) and a real
// Elasticsearch, synced through the SyncEngine (sources spec §3).

#include <mysql.h>

#include <chrono>
#include <cstdio>

#include "e2e/sql_common/sql_test_support.hpp"
#include "filtering/advanced_rules_validator.hpp"
#include "source/errors.hpp"
#include "sources/mysql/mysql_data_source.hpp"

namespace ei::sources {
namespace {

namespace json = boost::json;
using sql_testing::SyncHarness;

constexpr unsigned int kPort = 13306;
constexpr const char* kUser = "ei";
constexpr const char* kPassword = "ei_secret";

[[maybe_unused]] const auto* const kServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("mariadb"));

// A blocking admin connection for the test's own setup (not the code under test).
class Admin {
 public:
  explicit Admin(const char* database = nullptr) {
    mysql_ = mysql_init(nullptr);
    if (!mysql_real_connect(mysql_, "127.0.0.1", kUser, kPassword, database, kPort, nullptr, 0)) {
      ADD_FAILURE() << "admin connection: " << mysql_error(mysql_);
    }
  }
  ~Admin() { mysql_close(mysql_); }
  void exec(const std::string& sql) {
    if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) {
      ADD_FAILURE() << sql << ": " << mysql_error(mysql_);
      return;
    }
    if (MYSQL_RES* result = mysql_store_result(mysql_)) mysql_free_result(result);
  }
  // The first cell of the answer as text; "" for none or NULL.
  std::string scalar(const std::string& sql) {
    if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) {
      ADD_FAILURE() << sql << ": " << mysql_error(mysql_);
      return "";
    }
    MYSQL_RES* result = mysql_store_result(mysql_);
    if (result == nullptr) return "";
    MYSQL_ROW row = mysql_fetch_row(result);
    std::string text = row != nullptr && row[0] != nullptr ? row[0] : "";
    mysql_free_result(result);
    return text;
  }

 private:
  MYSQL* mysql_ = nullptr;
};

std::string date_plus(int days) {
  using namespace std::chrono;
  const year_month_day day{sys_days{2024y / January / 1} + std::chrono::days(days)};
  char text[16];
  std::snprintf(text, sizeof(text), "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

std::string datetime_plus(long long microseconds) {
  using namespace std::chrono;
  const auto point = sys_days{2024y / January / 1} + std::chrono::microseconds(microseconds);
  const auto days = floor<std::chrono::days>(point);
  const year_month_day day{days};
  const hh_mm_ss time{point - days};
  char text[64];
  std::snprintf(text, sizeof(text), "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  std::string result = text;
  if (const long long micro = time.subseconds().count(); micro != 0) {
    std::snprintf(text, sizeof(text), ".%06lld", micro);
    result += text;
  }
  return result;
}

constexpr const char* kItemColumns =
    "SELECT seq, CONCAT('item ', seq), seq * 1.25, seq / 8, seq % 2 = 0, "
    "DATE_ADD('2024-01-01', INTERVAL seq % 365 DAY), "
    "DATE_ADD('2024-01-01 00:00:00', INTERVAL seq * 61500000 MICROSECOND), "
    "CONVERT(CONCAT('bin', seq) USING binary), IF(seq % 3 = 0, NULL, CONCAT('n', seq)) ";

class MySqlSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = sql_testing::unique_name("eimy");
    Admin().exec("CREATE DATABASE " + database_);
  }
  void TearDown() override { Admin().exec("DROP DATABASE IF EXISTS " + database_); }

  json::object configuration(json::object overrides = {}) {
    json::object config{{"host", "127.0.0.1"},   {"port", kPort},         {"user", kUser},
                        {"password", kPassword}, {"database", database_}, {"tables", "*"},
                        {"ssl_enabled", false},  {"ssl_ca", ""},          {"fetch_size", 50},
                        {"retry_count", 1}};
    for (auto& [key, value] : overrides) config[key] = value;
    // Stored as the service writes a new connector: the declared fields with our values.
    json::object stored = MySqlDataSource::descriptor_ptr()->default_configuration.to_json();
    for (auto& [key, value] : config) stored[key].as_object()["value"] = value;
    return stored;
  }

  std::unique_ptr<MySqlDataSource> make_source(SyncHarness& harness, json::object overrides = {}) {
    return std::make_unique<MySqlDataSource>(
        source::DataSourceConfiguration(json::value(configuration(std::move(overrides)))),
        harness.context());
  }

  // 6000 items + 4000 orders + 1 refund = 10,001 rows with a primary key; audit_log has none
  // and is skipped (spec §3.5).
  void load() {
    Admin admin(database_.c_str());
    admin.exec(
        "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(64), price DECIMAL(10,2), ratio "
        "DOUBLE, active TINYINT(1), created DATE, updated_at DATETIME(6), payload VARBINARY(32), "
        "note TEXT)");
    admin.exec(std::string("INSERT INTO items ") + kItemColumns + "FROM seq_1_to_6000");
    admin.exec(
        "CREATE TABLE orders (region VARCHAR(8), order_no BIGINT, qty SMALLINT, total "
        "DECIMAL(12,3), PRIMARY KEY (region, order_no))");
    admin.exec(
        "INSERT INTO orders SELECT CONCAT('r', seq % 4), seq, seq % 100, seq * 0.5 FROM "
        "seq_1_to_4000");
    admin.exec("CREATE TABLE refunds (id INT PRIMARY KEY, amount FLOAT)");
    admin.exec("INSERT INTO refunds VALUES (1, 2.5)");
    admin.exec("CREATE TABLE audit_log (message TEXT)");
    admin.exec("INSERT INTO audit_log SELECT CONCAT('m', seq) FROM seq_1_to_50");
  }

  static json::object item(int i, const std::string& name) {
    return json::object{
        {"id", i},
        {"name", name},
        {"price", i * 1.25},
        {"ratio", i / 8.0},
        {"active", i % 2 == 0 ? 1 : 0},
        {"created", date_plus(i % 365)},
        {"updated_at", datetime_plus(i * 61'500'000LL)},
        {"payload", "bin" + std::to_string(i)},
        {"note", i % 3 == 0 ? json::value(nullptr) : json::value("n" + std::to_string(i))},
        {"Table", "items"}};
  }

  static std::map<std::string, json::object> expected(int items, int first_order, int changed) {
    std::map<std::string, json::object> docs;
    for (int i = 1; i <= items; ++i) {
      const std::string name =
          i <= changed ? "changed " + std::to_string(i) : "item " + std::to_string(i);
      docs["items_" + std::to_string(i)] = item(i, name);
    }
    for (int i = first_order; i <= 4000; ++i) {
      const std::string region = "r" + std::to_string(i % 4);
      docs["orders_" + region + "_" + std::to_string(i)] = json::object{{"region", region},
                                                                        {"order_no", i},
                                                                        {"qty", i % 100},
                                                                        {"total", i * 0.5},
                                                                        {"Table", "orders"}};
    }
    docs["refunds_1"] = json::object{{"id", 1}, {"amount", 2.5}, {"Table", "refunds"}};
    return docs;
  }

  static void expect_index(SyncHarness& harness,
                           const std::map<std::string, json::object>& wanted) {
    const auto actual = harness.documents();
    ASSERT_EQ(actual.size(), wanted.size());
    int mismatches = 0;
    for (const auto& [id, doc] : wanted) {
      auto found = actual.find(id);
      if (found == actual.end()) {
        if (++mismatches < 5) ADD_FAILURE() << "missing " << id;
        continue;
      }
      EXPECT_TRUE(found->second.at("_timestamp").is_string());
      // `id` collides with the items' own `id` column: the framework's `id` (= _id) wins.
      json::object fields = sql_testing::source_fields(found->second);
      json::object want = doc;
      want.erase("id");
      if (fields != want && ++mismatches < 5) {
        ADD_FAILURE() << id << "\n got " << json::serialize(fields) << "\nwant "
                      << json::serialize(want);
      }
    }
    EXPECT_EQ(mismatches, 0);
  }

  std::string database_;
};

TEST_F(MySqlSyncTest, SyncsEveryRowThenConvergesAfterChanges) {
  load();
  SyncHarness harness(sql_testing::unique_name("ei-my-sync"));
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

  Admin admin(database_.c_str());
  // Changed at once, most likely within the second of the load, which UPDATE_TIME (whole
  // seconds) cannot tell apart: the source must still see it (the reference did not).
  admin.exec("UPDATE items SET name = CONCAT('changed ', id) WHERE id <= 10");
  admin.exec("DELETE FROM orders WHERE order_no <= 5");
  admin.exec(std::string("INSERT INTO items ") + kItemColumns + "FROM seq_6001_to_6003");
  {
    auto source = make_source(harness);
    const sync::SyncResult result = harness.sync(*source);
    ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
    EXPECT_EQ(result.counters.seen, 9'999u);
    EXPECT_EQ(result.counters.deleted_document_count, 5u);
  }
  expect_index(harness, expected(6003, 6, 10));

  // Once the changes are two seconds old, the tables' UPDATE_TIME stamps the rows again (one
  // more sending of the tables stamped with the sync's time), and then a sync is a no-op.
  for (int waited = 0;
       waited < 500 &&
       admin.scalar("SELECT MAX(UPDATE_TIME) < NOW() - INTERVAL 2 SECOND FROM "
                    "information_schema.tables WHERE table_schema = DATABASE()") != "1";
       ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  harness.sync(*make_source(harness));
  const sync::SyncResult noop = harness.sync(*make_source(harness));
  ASSERT_FALSE(noop.fetch_error) << *noop.fetch_error;
  EXPECT_EQ(noop.counters.indexed_document_count, 0u);
  EXPECT_EQ(noop.counters.deleted_document_count, 0u);
  expect_index(harness, expected(6003, 6, 10));
}

TEST_F(MySqlSyncTest, AdvancedRulesRestrictToTheCustomQueries) {
  load();
  SyncHarness harness(sql_testing::unique_name("ei-my-rules"));
  harness.create_index();
  auto source = make_source(harness);
  const json::value rules = json::parse(R"([
    {"tables": ["items"], "query": "SELECT * FROM items WHERE id <= 100"},
    {"tables": ["orders"], "query": "SELECT order_no, region, qty FROM orders WHERE qty = 7"}
  ])");
  auto validators = source->advanced_rules_validators();
  ASSERT_EQ(validators.size(), 1u);
  EXPECT_TRUE(harness.run(validators[0]->validate(rules)).is_valid);

  json::object filter{{"advanced_snippet", json::object{{"value", rules}}}};
  const sync::SyncResult result = harness.sync(*source, filter);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  const auto documents = harness.documents();
  ASSERT_EQ(documents.size(), 100u + 40u);  // qty = i % 100 = 7 for 40 orders
  EXPECT_EQ(documents.at("items_42").at("name"), json::value("item 42"));
  EXPECT_EQ(documents.at("items_42").at("Table"), json::parse(R"(["items"])"));
  // Sorted key columns (order_no, region) give the id's value order.
  EXPECT_EQ(documents.at("orders_107_r3").at("qty"), json::value(7));
  EXPECT_FALSE(documents.at("orders_107_r3").contains("total"));
  EXPECT_FALSE(documents.contains("items_101"));
}

TEST_F(MySqlSyncTest, AdvancedRulesValidator) {
  load();
  SyncHarness harness(sql_testing::unique_name("ei-my-validate"));
  auto source = make_source(harness, {{"host", "localhost"}});  // resolved on Asio
  auto validator = source->advanced_rules_validators().at(0);
  EXPECT_TRUE(harness.run(validator->validate(json::array{})).is_valid);
  const auto missing = harness.run(validator->validate(
      json::parse(R"([{"tables": ["items", "zeta", "alpha"], "query": "SELECT 1"}])")));
  EXPECT_FALSE(missing.is_valid);
  EXPECT_EQ(missing.message, "Tables not found or inaccessible: alpha, zeta.");
  const auto malformed =
      harness.run(validator->validate(json::parse(R"([{"tables": [], "query": "SELECT 1"}])")));
  EXPECT_FALSE(malformed.is_valid);
  EXPECT_EQ(malformed.message, "data[0].tables must contain at least 1 items");
  const auto extra = harness.run(
      validator->validate(json::parse(R"([{"tables": ["items"], "query": "SELECT 1", "x": 1}])")));
  EXPECT_FALSE(extra.is_valid);
  harness.run(source->close());
}

TEST_F(MySqlSyncTest, BadCredentialsAreAClearError) {
  SyncHarness harness(sql_testing::unique_name("ei-my-auth"));
  auto source = make_source(harness, {{"password", "wrong"}});
  try {
    harness.run(source->ping());
    FAIL() << "ping succeeded with a wrong password";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Cannot connect to MySQL at 127.0.0.1:13306"));
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Access denied for user 'ei'"));
  }
  EXPECT_THROW(harness.run(source->validate_config()), source::ConfigurableFieldValueError);
  harness.run(source->close());
}

TEST_F(MySqlSyncTest, UnreachableHostAndMissingTablesAreClearErrors) {
  SyncHarness harness(sql_testing::unique_name("ei-my-errors"));
  auto unreachable = make_source(harness, {{"port", 1}});
  EXPECT_THROW(harness.run(unreachable->ping()), source::SourceError);
  try {
    harness.run(unreachable->validate_config());
    FAIL() << "validate_config succeeded against a closed port";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Cannot connect to MySQL at 127.0.0.1:1"));
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Can't connect to server on '127.0.0.1'"));
  }
  auto no_database = make_source(harness, {{"database", "no_such_db"}});
  try {
    harness.run(no_database->validate_config());
    FAIL() << "validate_config accepted a missing database";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_STREQ(error.what(),
                 "The database 'no_such_db' is either not present or not accessible for the user "
                 "'ei'.");
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
TEST_F(MySqlSyncTest, SslIsVerifiedAgainstTheSystemStoreOrTheGivenCa) {
  SyncHarness harness(sql_testing::unique_name("ei-my-tls"));
  sql_testing::expect_verified_tls(
      harness, sql_testing::test_server_ca("mariadb", kPort),
      [&](json::object overrides) { return make_source(harness, std::move(overrides)); },
      "certificate");
}

}  // namespace
}  // namespace ei::sources
