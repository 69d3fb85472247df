// The Microsoft SQL Server source against real TDS bytes and a real SQL engine: the TDS
// front-end of tests/servers/tds runs every statement on the test PostgreSQL, and a real
// Elasticsearch receives the documents. Through the `connectors` and `elastic-ingest`
// binaries for the full sync cycle and credentials; through the SyncEngine for validation,
// the type mapping and the stopped server (sources spec §4, §6).

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "e2e/service/native_service.hpp"
#include "e2e/sql_common/pg_backend.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "source/errors.hpp"
#include "sources/mssql/mssql_data_source.hpp"
#include "support/stopping_source.hpp"

namespace ei::sources {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using sql_testing::SyncHarness;

constexpr int kPort = 14330;
constexpr const char* kUser = "eisql";
constexpr const char* kPassword = "Ei_Sql_Secret_1";

// The front-end runs on the test PostgreSQL: both are counted users of their servers, and
// torn down in reverse order (the front-end first).
[[maybe_unused]] const auto* const kBackendServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("postgresql"));
[[maybe_unused]] const auto* const kServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("tds"));

// The PostgreSQL behind the front-end, for the tests' own setup (not the code under test).
using Backend = sql_testing::PgBackend;

std::string guid(int i) {
  char text[40];
  std::snprintf(text, sizeof(text), "%08x-0000-4000-8000-%012x", i, i * 7);
  return text;
}

class MsSqlSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = sql_testing::unique_name("eitds");
    Backend("postgres").exec("CREATE DATABASE " + database_);
    Backend(database_).exec("CREATE SCHEMA dbo");
  }
  void TearDown() override {
    Backend("postgres").exec("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
    fs::remove_all(work_);
  }

  json::object configuration(json::object overrides = {}) {
    json::object config{{"host", "127.0.0.1"},   {"port", kPort},         {"username", kUser},
                        {"password", kPassword}, {"database", database_}, {"tables", "*"},
                        {"fetch_size", 50},      {"retry_count", 1},      {"schema", "dbo"}};
    for (auto& [key, value] : overrides) config[key] = value;
    json::object stored = MsSqlDataSource::descriptor_ptr()->default_configuration.to_json();
    for (auto& [key, value] : config) stored[key].as_object()["value"] = value;
    return stored;
  }

  std::unique_ptr<MsSqlDataSource> make_source(SyncHarness& harness, json::object overrides = {}) {
    return std::make_unique<MsSqlDataSource>(
        source::DataSourceConfiguration(json::value(configuration(std::move(overrides)))),
        harness.context());
  }

  // 6000 items + 4000 orders + 1 refund = 10,001 rows over every mapped type; audit_log has
  // no primary key and is skipped (spec §4.4 step 2); sales.other is outside the schema.
  void load() {
    Backend backend(database_);
    backend.exec(
        "CREATE TABLE dbo.items (id int PRIMARY KEY, big bigint, flag boolean, price "
        "numeric(10,2), ratio double precision, name varchar(100), note text, payload bytea, "
        "created date, updated_at timestamp, key uuid)");
    backend.exec(
        "INSERT INTO dbo.items SELECT i, 9000000000 + i, i % 2 = 0, i * 1.25, i / 8.0, "
        "'item ' || i || ' é', CASE WHEN i % 3 = 0 THEN NULL ELSE repeat('n', 900) || i END, "
        "convert_to('bin' || i, 'UTF8'), date '2024-01-01' + (i % 365), "
        "timestamp '2024-01-01' + i * interval '61.5 seconds', "
        "(lpad(to_hex(i), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(i * 7), 12, '0'))::uuid "
        "FROM generate_series(1, 6000) AS i");
    backend.exec(
        "CREATE TABLE dbo.orders (region varchar(8), order_no bigint, total numeric(12,3), "
        "PRIMARY KEY (order_no, region))");
    backend.exec(
        "INSERT INTO dbo.orders SELECT 'r' || (i % 4), i, i * 0.5 FROM generate_series(1, 4000) "
        "AS i");
    backend.exec("CREATE TABLE dbo.refunds (id uuid PRIMARY KEY, amount real)");
    backend.exec("INSERT INTO dbo.refunds VALUES ('" + guid(1) + "', 2.5)");
    backend.exec("CREATE TABLE dbo.audit_log (message text)");
    backend.exec("INSERT INTO dbo.audit_log SELECT 'm' || i FROM generate_series(1, 50) AS i");
    backend.exec("CREATE SCHEMA sales");
    backend.exec("CREATE TABLE sales.other (id int PRIMARY KEY)");
    backend.exec("INSERT INTO sales.other VALUES (1)");
  }

  std::string item_id(int i) const { return database_ + "_dbo_items_" + std::to_string(i) + "_"; }

  std::string database_;
  fs::path work_ = fs::temp_directory_path() / ("ei-mssql-e2e-" + std::to_string(::getpid()));
};

// --- through the binaries ---------------------------------------------------------------------

class MsSqlServiceTest : public MsSqlSyncTest {
 protected:
  void SetUp() override {
    MsSqlSyncTest::SetUp();
    service_ = std::make_unique<test::NativeService>(work_, "mssql",
                                                     "connectors.sources.mssql:MSSQLDataSource");
  }
  void TearDown() override {
    service_.reset();
    MsSqlSyncTest::TearDown();
  }

  std::string create_connector(const std::string& index, const std::string& password) {
    return service_->create_connector(
        "mssql", index,
        {"host=127.0.0.1", "port=" + std::to_string(kPort), std::string("username=") + kUser,
         "password=" + password, "database=" + database_, "tables=*", "schema=dbo",
         "fetch_size=500", "retry_count=1"});
  }
  static std::uint64_t counter(const json::object& job, const char* name) {
    return test::NativeService::counter(job, name);
  }

  std::unique_ptr<test::NativeService> service_;
};

TEST_F(MsSqlServiceTest, SyncsTenThousandAndOneRowsThenConvergesAndANoOpIndexesNothing) {
  load();
  SyncHarness harness("search-" + database_);
  const std::string connector = create_connector(harness.index(), kPassword);
  ASSERT_FALSE(connector.empty());

  json::object job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job) << service_->output();
  EXPECT_EQ(counter(job, "indexed_document_count"), 10'001u) << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  auto indexed = harness.documents();
  ASSERT_EQ(indexed.size(), 10'001u);
  EXPECT_FALSE(indexed.contains(database_ + "_dbo_audit_log_"));

  // Every mapped type, field by field (spec §0.6 serialization of what the driver returns).
  const json::object& item = indexed.at(item_id(2));
  const std::string p = "dbo_items_";
  EXPECT_EQ(item.at(p + "id"), json::value(2));
  EXPECT_EQ(item.at(p + "big"), json::value(9'000'000'002LL));
  EXPECT_EQ(item.at(p + "flag"), json::value(true));
  EXPECT_EQ(item.at(p + "price"), json::value(2.5));
  EXPECT_EQ(item.at(p + "ratio"), json::value(0.25));
  EXPECT_EQ(item.at(p + "name"), "item 2 é");
  EXPECT_EQ(item.at(p + "note"), json::value(std::string(900, 'n') + "2"));
  EXPECT_EQ(item.at(p + "payload"), "bin2");
  EXPECT_EQ(item.at(p + "created"), "2024-01-03");
  EXPECT_EQ(item.at(p + "updated_at"), "2024-01-01T00:02:03");
  EXPECT_EQ(item.at(p + "key"), json::value(guid(2)));
  EXPECT_EQ(item.at("Database"), json::value(database_));
  EXPECT_EQ(item.at("Table"), "items");
  EXPECT_EQ(item.at("schema"), "dbo");
  EXPECT_TRUE(indexed.at(item_id(3)).at(p + "note").is_null());
  EXPECT_EQ(indexed.at(item_id(1)).at(p + "updated_at"), "2024-01-01T00:01:01.500000");
  EXPECT_EQ(indexed.at(item_id(1)).at(p + "flag"), json::value(false));
  // Composite key in key order; the uuid key as its text.
  const json::object& order = indexed.at(database_ + "_dbo_orders_r3_7_");
  EXPECT_EQ(order.at("dbo_orders_total"), json::value(3.5));
  EXPECT_EQ(indexed.at(database_ + "_dbo_refunds_" + guid(1) + "_").at("dbo_refunds_amount"),
            json::value(2.5));

  // 10 updated, 5 deleted, 3 inserted.
  Backend backend(database_);
  backend.exec("UPDATE dbo.items SET name = 'changed' WHERE id BETWEEN 101 AND 110");
  backend.exec("DELETE FROM dbo.orders WHERE order_no BETWEEN 1 AND 5");
  backend.exec("INSERT INTO dbo.refunds VALUES ('" + guid(2) + "', 1), ('" + guid(3) + "', 2), ('" +
               guid(4) + "', 3)");
  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(counter(job, "deleted_document_count"), 5u) << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  indexed = harness.documents();
  EXPECT_EQ(indexed.size(), 10'001u - 5u + 3u);
  EXPECT_EQ(indexed.at(item_id(105)).at(p + "name"), "changed");
  EXPECT_FALSE(indexed.contains(database_ + "_dbo_orders_r3_3_"));
  EXPECT_TRUE(indexed.contains(database_ + "_dbo_refunds_" + guid(4) + "_"));

  // Nothing changed: every table's last update time is unchanged, so nothing is indexed.
  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(counter(job, "indexed_document_count"), 0u) << json::serialize(job);
  EXPECT_EQ(counter(job, "deleted_document_count"), 0u) << json::serialize(job);
}

TEST_F(MsSqlServiceTest, AWrongPasswordFailsTheJobAndTheConnectorWithTheServersAnswer) {
  Backend(database_).exec("CREATE TABLE dbo.t (id int PRIMARY KEY)");
  SyncHarness harness("search-" + database_);
  const std::string connector = create_connector(harness.index(), "not-the-password");
  ASSERT_FALSE(connector.empty());
  const json::object job = service_->run_job(connector);
  EXPECT_EQ(job.at("status"), "error") << json::serialize(job);
  ASSERT_TRUE(job.contains("error") && job.at("error").is_string()) << json::serialize(job);
  EXPECT_THAT(std::string(job.at("error").as_string()),
              ::testing::HasSubstr("Login failed for user 'eisql'. (SQL Server error 18456)"));
  const json::object shown = service_->cli_json({"connector", "show", connector});
  ASSERT_TRUE(shown.contains("error") && shown.at("error").is_string()) << json::serialize(shown);
  EXPECT_THAT(std::string(shown.at("error").as_string()), ::testing::HasSubstr("Login failed"));
}

// --- through the engine -----------------------------------------------------------------------

TEST_F(MsSqlSyncTest, ConfiguredTablesOtherSchemasAndEveryTemporalType) {
  load();
  Backend backend(database_);
  backend.exec(
      "CREATE TABLE sales.moments (id int PRIMARY KEY, at timestamptz, t time, small smallint, "
      "huge numeric(38,10), plain numeric)");
  backend.exec(
      "INSERT INTO sales.moments VALUES (1, '2024-05-06 07:08:09.5+02', '13:14:15.25', -3, "
      "'1234567890123456789012345678.0123456789', 1.5), (2, NULL, NULL, NULL, NULL, NULL)");
  SyncHarness harness(sql_testing::unique_name("ei-mssql-tables"));
  harness.create_index();
  auto source = make_source(harness, {{"tables", "missing_table, refunds"}});
  sync::SyncResult result = harness.sync(*source);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  EXPECT_EQ(harness.ids(), (std::set<std::string>{database_ + "_dbo_refunds_" + guid(1) + "_"}));

  auto sales = make_source(harness, {{"schema", "sales"}, {"fetch_size", 1}});
  result = harness.sync(*sales);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  auto indexed = harness.documents();
  ASSERT_EQ(indexed.size(), 3u);
  const json::object& moment = indexed.at(database_ + "_sales_moments_1_");
  // timestamptz arrives as datetimeoffset in UTC (the PostgreSQL session's zone).
  EXPECT_EQ(moment.at("sales_moments_at"), "2024-05-06T05:08:09.500000+00:00");
  EXPECT_EQ(moment.at("sales_moments_t"), "13:14:15.250000");
  EXPECT_EQ(moment.at("sales_moments_small"), json::value(-3));
  EXPECT_EQ(moment.at("sales_moments_huge"), json::value(1234567890123456789012345678.0123456789));
  EXPECT_EQ(moment.at("sales_moments_plain"), "1.5");  // unconstrained numeric: nvarchar text
  EXPECT_EQ(moment.at("schema"), "sales");
  const json::object& empty = indexed.at(database_ + "_sales_moments_2_");
  EXPECT_TRUE(empty.at("sales_moments_at").is_null());
  EXPECT_TRUE(empty.at("sales_moments_huge").is_null());
}

TEST_F(MsSqlSyncTest, ValidationAndPingNameWhatIsWrong) {
  load();
  SyncHarness harness(sql_testing::unique_name("ei-mssql-validate"));
  auto good = make_source(harness, {{"tables", "items,orders"}});
  EXPECT_NO_THROW(harness.run(good->validate_config()));
  EXPECT_NO_THROW(harness.run(good->ping()));
  harness.run(good->close());

  auto missing = make_source(harness, {{"tables", "items, nope, other"}});
  try {
    harness.run(missing->validate_config());
    FAIL() << "missing tables passed";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_EQ(std::string(error.what()),
              "The tables 'nope, other' are either not present in schema 'dbo' or not accessible "
              "for user 'eisql'.");
  }
  auto wrong = make_source(harness, {{"password", "wrong"}});
  try {
    harness.run(wrong->validate_config());
    FAIL() << "a wrong password passed";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Can't connect to Microsoft SQL on 127.0.0.1"));
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Login failed for user 'eisql'."));
  }
  auto no_database = make_source(harness, {{"database", "ei_no_such_database"}});
  try {
    harness.run(no_database->ping());
    FAIL() << "a missing database passed";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Cannot open database \"ei_no_such_database\""));
  }
  auto closed = make_source(harness, {{"port", 1}});
  try {
    harness.run(closed->ping());
    FAIL() << "ping of a closed port passed";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Can't connect to Microsoft SQL on 127.0.0.1"));
    EXPECT_THAT(error.what(), ::testing::HasSubstr("Microsoft SQL Server at 127.0.0.1:1"));
  }
}

// The front-end's certificate names `localhost` only (tests/servers/tds/start).
TEST_F(MsSqlSyncTest, TlsVerifiesTheAuthorityAndOnRequestTheHostName) {
  Backend(database_).exec("CREATE TABLE dbo.t (id int PRIMARY KEY)");
  Backend(database_).exec("INSERT INTO dbo.t VALUES (1), (2)");
  std::ifstream file(std::string(EI_SOURCE_DIR) + "/.cache/test-servers/tds-14330-ca.pem");
  const std::string ca((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(ca.empty());
  SyncHarness harness(sql_testing::unique_name("ei-mssql-tls"));
  harness.create_index();
  const json::object tls{{"ssl_enabled", true}, {"ssl_ca", ca}};
  auto with = [&tls](json::object more) {
    json::object all = tls;
    for (auto& [key, value] : more) all[key] = value;
    return all;
  };

  auto named = make_source(harness, with({{"host", "localhost"}, {"validate_host", true}}));
  sync::SyncResult result = harness.sync(*named);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  EXPECT_EQ(harness.documents().size(), 2u);

  auto by_address = make_source(harness, with({{"validate_host", false}}));
  EXPECT_NO_THROW(harness.run(by_address->ping()));
  harness.run(by_address->close());

  // 127.0.0.1 is not a name of the certificate: refused when the host is validated.
  auto refused = [&harness](MsSqlDataSource& source, const std::string& server) {
    try {
      harness.run(source.ping());
      ADD_FAILURE() << "connected to " << server;
    } catch (const source::SourceError& error) {
      EXPECT_THAT(error.what(), ::testing::HasSubstr("Microsoft SQL Server at " + server + ": "));
    }
    harness.run(source.close());
  };
  auto wrong_name = make_source(harness, with({{"validate_host", true}}));
  refused(*wrong_name, "127.0.0.1:14330");

  // Without the test authority (the system's store): refused.
  auto untrusted = make_source(harness, {{"ssl_enabled", true}, {"host", "localhost"}});
  refused(*untrusted, "localhost:14330");
}

TEST_F(MsSqlSyncTest, AServerStoppedMidSyncFailsTheJobDeletesNothingAndTheNextSyncConverges) {
  Backend backend(database_);
  backend.exec("CREATE TABLE dbo.rows (id int PRIMARY KEY, body text)");
  backend.exec(
      "INSERT INTO dbo.rows SELECT i, repeat('x', 2000) FROM generate_series(1, 5000) AS i");
  SyncHarness harness(sql_testing::unique_name("ei-mssql-stop"));
  harness.create_index();
  auto first = make_source(harness);
  ASSERT_FALSE(harness.sync(*first).fetch_error);
  ASSERT_EQ(harness.documents().size(), 5000u);

  backend.exec("DELETE FROM dbo.rows WHERE id = 1");  // deleted by a full sync only
  testing::StoppingSource<MsSqlDataSource> stopping(
      source::DataSourceConfiguration(json::value(configuration())), harness.context());
  stopping.stop_after("tds", 1500);
  const sync::SyncResult failed = harness.sync(stopping);
  std::string output;
  const int restarted = sql_testing::run_command(
      std::string(EI_SOURCE_DIR) + "/tests/servers/tds/start 2>&1", output);
  ASSERT_EQ(restarted, 0) << output;
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error, ::testing::HasSubstr("Microsoft SQL Server at 127.0.0.1:14330"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);
  EXPECT_EQ(harness.documents().size(), 5000u);

  auto next = make_source(harness);
  const sync::SyncResult converged = harness.sync(*next);
  ASSERT_FALSE(converged.fetch_error) << *converged.fetch_error;
  EXPECT_EQ(converged.counters.deleted_document_count, 1u);
  EXPECT_EQ(harness.documents().size(), 4999u);
}

}  // namespace
}  // namespace ei::sources
