// The SQL Server source without a server: its declared configuration, its queries, the TDS
// value conversions and the connection's settings and failures (sources spec §4, §6).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>

#include "core/run_to_completion.hpp"
#include "source/errors.hpp"
#include "sources/mssql/mssql_data_source.hpp"
#include "sources/mssql/tds_connection.hpp"
#include "sources/mssql/tds_library.hpp"
#include "sources/mssql/tds_value.hpp"
#include "sources/sql/sql_error.hpp"

namespace ei::sources {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;

// sybdb.h (through tds_value.hpp) defines FAIL: GoogleTest's is GTEST_FAIL here.

// Exposes the protected queries.
class ExposedMsSql : public MsSqlDataSource {
 public:
  using MsSqlDataSource::all_tables_query;
  using MsSqlDataSource::last_update_query;
  using MsSqlDataSource::MsSqlDataSource;
  using MsSqlDataSource::primary_key_query;
  using MsSqlDataSource::skipped_tables;
  using MsSqlDataSource::table_count_query;
  using MsSqlDataSource::table_data_query;
};

source::DataSourceConfiguration configuration(json::object values = {}) {
  json::object stored = MsSqlDataSource::descriptor_ptr()->default_configuration.to_json();
  for (auto& [key, value] : values) stored[key].as_object()["value"] = value;
  return source::DataSourceConfiguration(json::value(std::move(stored)));
}

class MsSqlSourceTest : public ::testing::Test {
 protected:
  source::SourceContext context() { return {io_.get_executor(), pool_.get_executor()}; }
  template <typename T>
  T run(asio::awaitable<T> work) {
    return core::run_to_completion(io_, std::move(work));
  }

  asio::io_context io_;
  asio::thread_pool pool_{1};
};

TEST(MsSqlDescriptor, DeclaresTheSpecsTwelveFieldsInOrder) {
  const auto& descriptor = *MsSqlDataSource::descriptor_ptr();
  EXPECT_EQ(descriptor.service_type, "mssql");
  EXPECT_EQ(descriptor.display_name, "Microsoft SQL Server");
  std::vector<std::string> keys;
  for (const auto& field : descriptor.default_configuration.fields()) keys.push_back(field.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"host", "port", "username", "password", "database",
                                            "tables", "fetch_size", "retry_count", "schema",
                                            "ssl_enabled", "ssl_ca", "validate_host"}));
  const json::object schema = descriptor.default_configuration.to_json();
  EXPECT_EQ(schema.at("schema").at("value"), "dbo");
  EXPECT_EQ(schema.at("schema").at("order"), 9);
  EXPECT_EQ(schema.at("port").at("value"), 9090);
  EXPECT_EQ(schema.at("password").at("sensitive"), true);
  EXPECT_EQ(schema.at("validate_host").at("value"), false);
  EXPECT_EQ(schema.at("validate_host").at("display"), "text");  // no toggle, as declared
  EXPECT_EQ(schema.at("ssl_ca").at("depends_on"),
            json::parse(R"([{"field": "ssl_enabled", "value": true}])"));
  EXPECT_EQ(schema.at("fetch_size").at("ui_restrictions"), json::parse(R"(["advanced"])"));
}

TEST_F(MsSqlSourceTest, QueriesFollowTheSpecWithNamesQuoted) {
  ExposedMsSql source(configuration({{"database", "xe"}}), context());
  EXPECT_EQ(source.all_tables_query("dbo"),
            "SELECT table_name FROM information_schema.tables WHERE TABLE_SCHEMA = 'dbo'");
  EXPECT_EQ(source.primary_key_query("dbo", "emp"),
            "SELECT C.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS T JOIN "
            "INFORMATION_SCHEMA.CONSTRAINT_COLUMN_USAGE C ON C.CONSTRAINT_NAME=T.CONSTRAINT_NAME "
            "WHERE C.TABLE_NAME='emp' and C.TABLE_SCHEMA='dbo' and T.CONSTRAINT_TYPE='PRIMARY "
            "KEY'");
  EXPECT_EQ(source.table_data_query("dbo", "emp"), R"(SELECT * FROM "dbo"."emp")");
  EXPECT_EQ(source.table_count_query("sales", R"(a"b)"), R"(SELECT COUNT(*) FROM "sales"."a""b")");
  EXPECT_EQ(source.last_update_query("dbo", "it's"),
            "SELECT last_user_update FROM sys.dm_db_index_usage_stats WHERE "
            "object_id=object_id('dbo.it''s')");
  EXPECT_TRUE(source.skipped_tables().empty());
  ExposedMsSql msdb(configuration({{"database", "msdb"}}), context());
  EXPECT_EQ(msdb.skipped_tables(),
            (std::vector<std::string>{"sysutility_ucp_configuration_internal"}));
}

TEST(TdsValue, DatesAndTimesFollowTheWire) {
  // datetime2: 100-ns ticks since midnight, days since 1900-01-01 (DB-Library's day zero).
  DBDATETIMEALL value{};
  value.date = 45350;  // 2024-03-01
  value.time = (13ULL * 3600 + 14 * 60 + 15) * 10'000'000ULL + 1'234'567;
  value.has_date = 1;
  value.has_time = 1;
  EXPECT_EQ(sql::python_str(mssql::ms_datetime_value(SYBMSDATETIME2, value)),
            "2024-03-01 13:14:15.123456");
  EXPECT_EQ(sql::python_str(mssql::ms_datetime_value(SYBMSDATE, value)), "2024-03-01");
  EXPECT_EQ(json::serialize(sql::to_json(mssql::ms_datetime_value(SYBMSTIME, value))),
            R"("13:14:15.123456")");
  value.time = 0;
  EXPECT_EQ(json::serialize(sql::to_json(mssql::ms_datetime_value(SYBMSTIME, value))),
            R"("00:00:00")");
  value.date = -693595;  // 0001-01-01
  EXPECT_EQ(sql::python_str(mssql::ms_datetime_value(SYBMSDATE, value)), "0001-01-01");

  // datetimeoffset: the wire holds UTC; the value reads in its own offset.
  DBDATETIMEALL offset{};
  offset.date = 45350;
  offset.time = 23ULL * 3600 * 10'000'000ULL;  // 23:00 UTC
  offset.offset = 120;
  offset.has_offset = 1;
  EXPECT_EQ(json::serialize(sql::to_json(mssql::ms_datetime_value(SYBMSDATETIMEOFFSET, offset))),
            R"("2024-03-02T01:00:00+02:00")");
  offset.time = 30ULL * 60 * 10'000'000ULL;  // 00:30 UTC
  offset.offset = -60;
  EXPECT_EQ(json::serialize(sql::to_json(mssql::ms_datetime_value(SYBMSDATETIMEOFFSET, offset))),
            R"("2024-02-29T23:30:00-01:00")");

  // datetime: 1/300 s since midnight.
  EXPECT_EQ(sql::python_str(mssql::legacy_datetime_value(DBDATETIME{45350, 300 * 61 + 150})),
            "2024-03-01 00:01:01.500000");
  EXPECT_EQ(sql::python_str(mssql::legacy_datetime_value(DBDATETIME{-1, 0})),
            "1899-12-31 00:00:00");
}

TEST(TdsValue, GuidsReadAsSqlServerWritesThem) {
  // uniqueidentifier: the first three groups are little-endian on the wire.
  const std::uint8_t bytes[16] = {0x99, 0xbc, 0xee, 0xa0, 0x0b, 0x9c, 0xf8, 0x4e,
                                  0xbb, 0x6d, 0x6b, 0xb9, 0xbd, 0x38, 0x0a, 0x11};
  EXPECT_EQ(mssql::guid_text(bytes), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
}

TEST(TdsDiagnostics, DescribesTheServersMessageFirst) {
  mssql::TdsDiagnostics diagnostics;
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(diagnostics.describe(), "unknown FreeTDS failure");
  diagnostics.library_number = 20009;
  diagnostics.library_message = "Unable to connect: Adaptive Server is unavailable";
  diagnostics.os_message = "Connection refused";
  EXPECT_EQ(diagnostics.describe(),
            "Unable to connect: Adaptive Server is unavailable (Connection refused)");
  diagnostics.server_number = 18456;
  diagnostics.server_message = "Login failed for user 'sa'.";
  EXPECT_EQ(diagnostics.describe(), "Login failed for user 'sa'. (SQL Server error 18456)");
}

TEST_F(MsSqlSourceTest, TlsSettingsGoIntoTheConnectionsFreeTdsSection) {
  mssql::TdsConnectionOptions options;
  options.host = "db.example";
  options.port = 1433;
  mssql::TdsConnection plain(pool_.get_executor(), options);
  EXPECT_EQ(plain.configuration_section("s"),
            "[s]\n\thost = db.example\n\tport = 1433\n\ttds version = 7.4\n");
  options.ssl_enabled = true;
  options.ssl_ca_file = "/tmp/ca.pem";
  options.validate_host = true;
  mssql::TdsConnection verified(pool_.get_executor(), options);
  EXPECT_THAT(verified.configuration_section("s"),
              ::testing::EndsWith("\tencryption = require\n\tca file = /tmp/ca.pem\n"
                                  "\tcheck certificate hostname = yes\n"));
  options.validate_host = false;
  mssql::TdsConnection unverified_host(pool_.get_executor(), options);
  EXPECT_THAT(unverified_host.configuration_section("s"),
              ::testing::HasSubstr("check certificate hostname = no"));
  // A host that would write settings of its own is refused, by name.
  options.host = "db.example\n\tencryption = off";
  mssql::TdsConnection injected(pool_.get_executor(), options);
  try {
    injected.configuration_section("s");
    ADD_FAILURE() << "a host with a line break was written";
  } catch (const sql::SqlError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("is not a valid host name or address"));
  }
}

TEST_F(MsSqlSourceTest, AClosedPortIsAConnectionErrorNamingTheServer) {
  mssql::TdsConnectionOptions options;
  options.host = "127.0.0.1";
  options.port = 1;
  mssql::TdsConnection connection(pool_.get_executor(), options);
  try {
    run(connection.connect());
    GTEST_FAIL() << "connected to a closed port";
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.kind(), sql::SqlError::Kind::connection);
    EXPECT_THAT(error.what(), ::testing::StartsWith("Microsoft SQL Server at 127.0.0.1:1: "));
  }
  EXPECT_FALSE(connection.reusable());
  try {
    run(connection.start_query("SELECT 1"));
    GTEST_FAIL() << "a query ran without a connection";
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.kind(), sql::SqlError::Kind::connection);
    EXPECT_THAT(error.what(), ::testing::HasSubstr("not connected"));
  }
  EXPECT_TRUE(run(connection.fetch(10)).empty());
  run(connection.close());
}

TEST_F(MsSqlSourceTest, PingFailureNamesTheDialectAndHost) {
  MsSqlDataSource source(configuration({{"host", "127.0.0.1"}, {"port", 1}, {"retry_count", 1}}),
                         context());
  try {
    run(source.ping());
    GTEST_FAIL() << "ping of a closed port passed";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::StartsWith("Can't connect to Microsoft SQL on 127.0.0.1: "
                                                    "Microsoft SQL Server at 127.0.0.1:1"));
  }
  run(source.close());
}

}  // namespace
}  // namespace ei::sources
