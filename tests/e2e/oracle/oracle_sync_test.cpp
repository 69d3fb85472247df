// The Oracle source against real Oracle Net bytes and a real SQL engine: the TNS front-end of
// tests/servers/tns (proven by python-oracledb first) runs every statement on the test
// PostgreSQL, and a real Elasticsearch receives the documents. Through the `connectors` and
// `elastic-ingest` binaries for the full sync cycle and credentials; through the SyncEngine
// for validation, the type mapping, TCPS and the stopped server (sources spec §4, §7).

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "e2e/oracle/tns_test_server.hpp"
#include "e2e/service/native_service.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "source/errors.hpp"
#include "sources/oracle/oracle_data_source.hpp"
#include "support/stopping_source.hpp"

namespace ei::sources {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using sql_testing::SyncHarness;

using tns_testing::kPassword;
using tns_testing::kPort;
using tns_testing::kTlsPort;
using tns_testing::kUser;

class OracleSyncTest : public ::testing::Test {
 protected:
  void SetUp() override { database_ = std::make_unique<tns_testing::TestDatabase>("eiora"); }
  void TearDown() override {
    database_.reset();
    fs::remove_all(work_);
  }
  // A statement in the user's schema: the Oracle user's tables.
  void exec(const std::string& sql) { database_->exec(sql); }

  json::object configuration(json::object overrides = {}) {
    json::object config{{"host", "127.0.0.1"},   {"port", kPort},     {"username", kUser},
                        {"password", kPassword}, {"database", sid()}, {"tables", "*"},
                        {"fetch_size", 50},      {"retry_count", 1}};
    for (auto& [key, value] : overrides) config[key] = value;
    json::object stored = OracleDataSource::descriptor_ptr()->default_configuration.to_json();
    for (auto& [key, value] : config) stored[key].as_object()["value"] = value;
    return stored;
  }

  std::unique_ptr<OracleDataSource> make_source(SyncHarness& harness, json::object overrides = {}) {
    return std::make_unique<OracleDataSource>(
        source::DataSourceConfiguration(json::value(configuration(std::move(overrides)))),
        harness.context());
  }

  // The reference's fixture tables (`customers_<n>`: id, name, age, a LONG description) with
  // 6000 + 4000 rows, one table of every other mapped type (1 row): 10,001 rows. audit_log
  // has no primary key and is skipped (spec §4.4 step 2); another user's table is not listed.
  void load() {
    exec(
        "CREATE TABLE customers_0 (id int PRIMARY KEY, name varchar(255), age int, description "
        "text)");
    exec(
        "INSERT INTO customers_0 SELECT i, 'customer ' || i || ' é', 20 + i % 50, CASE WHEN i "
        "% 3 = 0 THEN NULL ELSE repeat('d', 900) || i END FROM generate_series(1, 6000) AS i");
    exec(
        "CREATE TABLE orders (region varchar(8), order_no bigint, total numeric(12,3), PRIMARY "
        "KEY (order_no, region))");
    exec(
        "INSERT INTO orders SELECT 'r' || (i % 4), i, i * 0.5 FROM generate_series(1, 4000) AS "
        "i");
    exec(
        "CREATE TABLE kinds (id int PRIMARY KEY, ratio double precision, note clob, data blob, "
        "raw_data bytea, national nvarchar2, code char(3), day date, at timestamp, whole "
        "numeric)");
    exec(
        "INSERT INTO kinds VALUES (1, 0.25, repeat('c', 5000), '\\x00ff', 'bin', 'ü€', 'ab', "
        "'2024-02-29', '2024-02-29 13:14:15.5', 7)");
    // A column type the client does not read: the table is skipped, naming it (spec §4.4
    // step 6), and the others sync.
    exec("CREATE TABLE durations (id int PRIMARY KEY, took interval)");
    exec("INSERT INTO durations VALUES (1, '1 day')");
    exec("CREATE TABLE audit_log (message text)");
    exec("INSERT INTO audit_log SELECT 'm' || i FROM generate_series(1, 50) AS i");
    sql_testing::PgBackend(sid()).exec(
        "CREATE SCHEMA other; CREATE TABLE other.t (id int PRIMARY KEY); "
        "INSERT INTO other.t VALUES (1)");
  }

  std::string customer_id(int i) const { return sid() + "_CUSTOMERS_0_" + std::to_string(i) + "_"; }

  // The test's database, named as the SID.
  const std::string& sid() const { return database_->name(); }

  std::unique_ptr<tns_testing::TestDatabase> database_;
  fs::path work_ = fs::temp_directory_path() / ("ei-oracle-e2e-" + std::to_string(::getpid()));
};

// --- through the binaries ---------------------------------------------------------------------

class OracleServiceTest : public OracleSyncTest {
 protected:
  void SetUp() override {
    OracleSyncTest::SetUp();
    service_ = std::make_unique<test::NativeService>(work_, "oracle",
                                                     "connectors.sources.oracle:OracleDataSource");
  }
  void TearDown() override {
    service_.reset();
    OracleSyncTest::TearDown();
  }

  std::string create_connector(const std::string& index, const std::string& password) {
    return service_->create_connector(
        "oracle", index,
        {"host=127.0.0.1", "port=" + std::to_string(kPort), std::string("username=") + kUser,
         "password=" + password, "database=" + sid(), "tables=*", "fetch_size=500",
         "retry_count=1"});
  }
  static std::uint64_t counter(const json::object& job, const char* name) {
    return test::NativeService::counter(job, name);
  }

  std::unique_ptr<test::NativeService> service_;
};

TEST_F(OracleServiceTest, SyncsTenThousandAndOneRowsThenConvergesAndANoOpIndexesNothing) {
  load();
  SyncHarness harness("search-" + sid());
  const std::string connector = create_connector(harness.index(), kPassword);
  ASSERT_FALSE(connector.empty());

  json::object job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job) << service_->output();
  EXPECT_EQ(counter(job, "indexed_document_count"), 10'001u) << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  auto indexed = harness.documents();
  ASSERT_EQ(indexed.size(), 10'001u);

  // Spec §7.4: the dictionary's upper-case table names in ids and `Table`, lower-case
  // prefixed field names, `Database`, no `schema`.
  const json::object& customer = indexed.at(customer_id(2));
  const json::object expected{
      {"customers_0_id", 2},   {"customers_0_name", "customer 2 é"},
      {"customers_0_age", 22}, {"customers_0_description", std::string(900, 'd') + "2"},
      {"Database", sid()},     {"Table", "CUSTOMERS_0"}};
  const json::object actual = sql_testing::source_fields(customer);
  EXPECT_EQ(actual.size(), expected.size()) << json::serialize(actual);
  for (const auto& [key, value] : expected) {
    EXPECT_TRUE(actual.contains(key) && actual.at(key) == value)
        << key << ": " << (actual.contains(key) ? json::serialize(actual.at(key)) : "missing");
  }
  EXPECT_TRUE(indexed.at(customer_id(3)).at("customers_0_description").is_null());
  // A composite key in key order; NUMBER(12,3) is a float, as the reference's driver gives it.
  const json::object& order = indexed.at(sid() + "_ORDERS_7_r3_");
  EXPECT_EQ(order.at("orders_total"), json::value(3.5));
  const json::object& kinds = indexed.at(sid() + "_KINDS_1_");
  EXPECT_EQ(kinds.at("kinds_ratio"), json::value(0.25));
  EXPECT_EQ(kinds.at("kinds_note"), json::value(std::string(5000, 'c')));
  EXPECT_EQ(kinds.at("kinds_raw_data"), "bin");
  EXPECT_EQ(kinds.at("kinds_national"), "ü€");
  EXPECT_EQ(kinds.at("kinds_code"), "ab ");
  EXPECT_EQ(kinds.at("kinds_day"), "2024-02-29T00:00:00");  // a DATE is a datetime
  EXPECT_EQ(kinds.at("kinds_at"), "2024-02-29T13:14:15.500000");
  EXPECT_EQ(kinds.at("kinds_whole"), json::value(7));
  EXPECT_FALSE(indexed.contains(sid() + "_AUDIT_LOG_"));
  EXPECT_FALSE(indexed.contains(sid() + "_DURATIONS_1_"));
  EXPECT_FALSE(indexed.contains(sid() + "_T_1_"));

  // 10 updated, 5 deleted, 3 inserted.
  exec("UPDATE customers_0 SET name = 'changed' WHERE id BETWEEN 101 AND 110");
  exec("DELETE FROM orders WHERE order_no BETWEEN 1 AND 5");
  exec("INSERT INTO kinds (id, ratio) VALUES (2, 1), (3, 2), (4, 3)");
  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(counter(job, "deleted_document_count"), 5u) << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  indexed = harness.documents();
  EXPECT_EQ(indexed.size(), 10'001u - 5u + 3u);
  EXPECT_EQ(indexed.at(customer_id(105)).at("customers_0_name"), "changed");
  EXPECT_FALSE(indexed.contains(sid() + "_ORDERS_3_r3_"));
  EXPECT_TRUE(indexed.contains(sid() + "_KINDS_4_"));

  // Nothing changed: every table's SCN_TO_TIMESTAMP(MAX(ora_rowscn)) is the same, so the
  // documents are unchanged and nothing is indexed.
  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(counter(job, "indexed_document_count"), 0u) << json::serialize(job);
  EXPECT_EQ(counter(job, "deleted_document_count"), 0u) << json::serialize(job);
}

TEST_F(OracleServiceTest, AWrongPasswordFailsTheJobAndTheConnectorWithTheServersAnswer) {
  exec("CREATE TABLE t (id int PRIMARY KEY)");
  SyncHarness harness("search-" + sid());
  const std::string connector = create_connector(harness.index(), "not-the-password");
  ASSERT_FALSE(connector.empty());
  const json::object job = service_->run_job(connector);
  EXPECT_EQ(job.at("status"), "error") << json::serialize(job);
  ASSERT_TRUE(job.contains("error") && job.at("error").is_string()) << json::serialize(job);
  EXPECT_THAT(std::string(job.at("error").as_string()),
              ::testing::HasSubstr("ORA-01017: invalid username/password; logon denied"));
  const json::object shown = service_->cli_json({"connector", "show", connector});
  ASSERT_TRUE(shown.contains("error") && shown.at("error").is_string()) << json::serialize(shown);
  EXPECT_THAT(std::string(shown.at("error").as_string()), ::testing::HasSubstr("ORA-01017"));
}

// --- through the engine -----------------------------------------------------------------------

TEST_F(OracleSyncTest, ConfiguredTablesMatchTheDictionaryRegardlessOfCase) {
  load();
  SyncHarness harness(sql_testing::unique_name("ei-oracle-tables"));
  harness.create_index();
  // The reference used the names verbatim: `kinds` found no primary key and was skipped.
  auto source = make_source(harness, {{"tables", "kinds, missing_table"}});
  const sync::SyncResult result = harness.sync(*source);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  EXPECT_EQ(harness.ids(), (std::set<std::string>{sid() + "_KINDS_1_"}));
}

TEST_F(OracleSyncTest, ValidationAndPingNameWhatIsWrong) {
  load();
  SyncHarness harness(sql_testing::unique_name("ei-oracle-validate"));
  auto good = make_source(harness, {{"tables", "customers_0,ORDERS"}});
  EXPECT_NO_THROW(harness.run(good->validate_config()));
  EXPECT_NO_THROW(harness.run(good->ping()));
  harness.run(good->close());

  const auto refused = [&harness](OracleDataSource& source, const std::string& expected,
                                  bool validating) {
    try {
      harness.run(validating ? source.validate_config() : source.ping());
      ADD_FAILURE() << "passed: " << expected;
    } catch (const std::exception& error) {  // SourceError, or ConfigurableFieldValueError
      EXPECT_THAT(error.what(), ::testing::HasSubstr(expected));
    }
    harness.run(source.close());
  };
  auto missing = make_source(harness, {{"tables", "customers_0, nope, t"}});
  refused(*missing,
          "The tables 'nope, t' are either not present in database '" + sid() +
              "' or not accessible for user 'eiora'.",
          true);
  auto wrong = make_source(harness, {{"password", "wrong"}});
  refused(*wrong, "Can't connect to Oracle on 127.0.0.1: Oracle at 127.0.0.1:15210: ORA-01017",
          true);
  auto no_sid = make_source(harness, {{"database", "ei_no_such_sid"}});
  refused(*no_sid, "the listener refused the connection (TNS-12505): it knows of no SID", false);
  auto closed = make_source(harness, {{"port", 1}});
  refused(*closed, "Can't connect to Oracle on 127.0.0.1: Oracle at 127.0.0.1:1: cannot connect",
          false);
  auto thick = make_source(harness, {{"oracle_home", "/opt/oracle/instantclient"}});
  refused(*thick, "Oracle's thick mode (oracle_home set) is not supported", true);
  auto protocol = make_source(harness, {{"oracle_protocol", "IPC"}});
  refused(*protocol, "'IPC' is not an Oracle connection protocol: use TCP or TCPS", true);
}

// The front-end's TCPS certificate names `localhost` only (tests/servers/tns/start); its
// authority is given as a wallet directory's ewallet.pem, as python-oracledb's thin mode reads it.
TEST_F(OracleSyncTest, TcpsVerifiesTheServerWithTheWalletsAuthority) {
  exec("CREATE TABLE t (id int PRIMARY KEY)");
  exec("INSERT INTO t VALUES (1), (2)");
  const fs::path wallet = work_ / "wallet";
  fs::create_directories(wallet);
  fs::copy_file(fs::path(EI_SOURCE_DIR) / ".cache/test-servers/tns-15210-ca.pem",
                wallet / "ewallet.pem", fs::copy_options::overwrite_existing);
  SyncHarness harness(sql_testing::unique_name("ei-oracle-tcps"));
  harness.create_index();
  const json::object tcps{{"oracle_protocol", "TCPS"},
                          {"port", kTlsPort},
                          {"host", "localhost"},
                          {"wallet_configuration_path", wallet.string()}};
  auto secure = make_source(harness, tcps);
  const sync::SyncResult result = harness.sync(*secure);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  EXPECT_EQ(harness.documents().size(), 2u);

  auto without_wallet = tcps;
  without_wallet["wallet_configuration_path"] = "";  // the system's authorities only
  auto untrusted = make_source(harness, without_wallet);
  try {
    harness.run(untrusted->ping());
    ADD_FAILURE() << "an untrusted certificate was accepted";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("the TLS handshake failed"));
  }
  harness.run(untrusted->close());
}

TEST_F(OracleSyncTest, AServerStoppedMidSyncFailsTheJobDeletesNothingAndTheNextSyncConverges) {
  exec("CREATE TABLE rows (id int PRIMARY KEY, body text)");
  exec("INSERT INTO rows SELECT i, repeat('x', 2000) FROM generate_series(1, 5000) AS i");
  SyncHarness harness(sql_testing::unique_name("ei-oracle-stop"));
  harness.create_index();
  auto first = make_source(harness);
  ASSERT_FALSE(harness.sync(*first).fetch_error);
  ASSERT_EQ(harness.documents().size(), 5000u);

  exec("DELETE FROM rows WHERE id = 1");  // deleted by a full sync only
  testing::StoppingSource<OracleDataSource> stopping(
      source::DataSourceConfiguration(json::value(configuration())), harness.context());
  stopping.stop_after("tns", 1500);
  const sync::SyncResult failed = harness.sync(stopping);
  std::string output;
  const int restarted = sql_testing::run_command(
      std::string(EI_SOURCE_DIR) + "/tests/servers/tns/start 2>&1", output);
  ASSERT_EQ(restarted, 0) << output;
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error, ::testing::HasSubstr("Oracle at 127.0.0.1:15210"));
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
