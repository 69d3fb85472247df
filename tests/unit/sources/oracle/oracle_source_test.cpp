// The Oracle source without a server: its declared configuration, its queries (sources spec
// §7.3), the settings it refuses by name, and the values as the reference's driver gives them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>

#include "core/run_to_completion.hpp"
#include "source/errors.hpp"
#include "sources/oracle/oracle_connection.hpp"
#include "sources/oracle/oracle_data_source.hpp"
#include "sources/sql/sql_error.hpp"

namespace ei::sources {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;

class ExposedOracle : public OracleDataSource {
 public:
  using OracleDataSource::all_tables_query;
  using OracleDataSource::last_update_query;
  using OracleDataSource::make_connection;
  using OracleDataSource::OracleDataSource;
  using OracleDataSource::ping_query;
  using OracleDataSource::primary_key_query;
  using OracleDataSource::table_count_query;
  using OracleDataSource::table_data_query;
  using OracleDataSource::table_names_fold_case;
};

source::DataSourceConfiguration configuration(json::object values = {}) {
  json::object stored = OracleDataSource::descriptor_ptr()->default_configuration.to_json();
  for (auto& [key, value] : values) stored[key].as_object()["value"] = value;
  return source::DataSourceConfiguration(json::value(std::move(stored)));
}

// Same alternative, same Python text (SqlValue has no ==).
::testing::AssertionResult same(const sql::SqlValue& actual, const sql::SqlValue& expected) {
  if (actual.index() == expected.index() && sql::python_str(actual) == sql::python_str(expected)) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "got alternative " << actual.index() << " " << sql::python_str(actual) << ", expected "
         << expected.index() << " " << sql::python_str(expected);
}

class OracleSourceTest : public ::testing::Test {
 protected:
  source::SourceContext context() { return {io_.get_executor(), pool_.get_executor()}; }
  template <typename T>
  T run(asio::awaitable<T> work) {
    return core::run_to_completion(io_, std::move(work));
  }

  asio::io_context io_;
  asio::thread_pool pool_{1};
};

TEST(OracleDescriptor, DeclaresTheSpecsElevenFieldsInOrder) {
  const auto& descriptor = *OracleDataSource::descriptor_ptr();
  EXPECT_EQ(descriptor.service_type, "oracle");
  EXPECT_EQ(descriptor.display_name, "Oracle Database");
  std::vector<std::string> keys;
  for (const auto& field : descriptor.default_configuration.fields()) keys.push_back(field.key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"host", "port", "username", "password", "database", "tables",
                                      "fetch_size", "retry_count", "oracle_protocol", "oracle_home",
                                      "wallet_configuration_path"}));
  const json::object schema = descriptor.default_configuration.to_json();
  EXPECT_EQ(schema.at("oracle_protocol").at("value"), "TCP");
  EXPECT_EQ(schema.at("oracle_protocol").at("display"), "dropdown");
  EXPECT_EQ(schema.at("oracle_protocol").at("order"), 9);
  EXPECT_EQ(
      schema.at("oracle_protocol").at("options"),
      json::parse(R"([{"label": "TCP", "value": "TCP"}, {"label": "TCPS", "value": "TCPS"}])"));
  EXPECT_EQ(schema.at("oracle_home").at("required"), false);
  EXPECT_EQ(schema.at("oracle_home").at("default_value"), "");
  EXPECT_EQ(schema.at("oracle_home").at("label"), "Path of Oracle Service");
  EXPECT_EQ(schema.at("wallet_configuration_path").at("order"), 11);
  EXPECT_EQ(schema.at("wallet_configuration_path").at("label"),
            "Path of Oracle Service configuration files");
  EXPECT_EQ(schema.at("password").at("sensitive"), true);
}

TEST_F(OracleSourceTest, QueriesFollowTheSpecWithTheUserUpperCasedAndNamesQuoted) {
  ExposedOracle source(configuration({{"username", "admin"}, {"database", "xe"}}), context());
  EXPECT_TRUE(source.table_names_fold_case());
  EXPECT_EQ(source.ping_query(), "SELECT 1+1 FROM DUAL");
  EXPECT_EQ(source.all_tables_query(std::nullopt),
            "SELECT TABLE_NAME FROM all_tables where OWNER = 'ADMIN'");
  EXPECT_EQ(source.primary_key_query(std::nullopt, "EMP"),
            "SELECT cols.column_name FROM all_constraints cons, all_cons_columns cols WHERE "
            "cols.table_name = 'EMP' AND cons.constraint_type = 'P' AND cons.constraint_name = "
            "cols.constraint_name AND cons.owner = 'ADMIN' AND cons.owner = cols.owner ORDER BY "
            "cols.table_name, cols.position");
  EXPECT_EQ(source.table_data_query(std::nullopt, "EMP"), R"(SELECT * FROM "EMP")");
  EXPECT_EQ(source.table_count_query(std::nullopt, R"(A"B)"), R"(SELECT COUNT(*) FROM "A""B")");
  EXPECT_EQ(source.last_update_query(std::nullopt, "EMP"),
            R"(SELECT SCN_TO_TIMESTAMP(MAX(ora_rowscn)) from "EMP")");
  // A name cannot end the literal early.
  EXPECT_THAT(source.primary_key_query(std::nullopt, "IT'S"), ::testing::HasSubstr("'IT''S'"));
}

TEST_F(OracleSourceTest, ThickModeAndUnknownProtocolsAreRefusedByName) {
  ExposedOracle thick(configuration({{"oracle_home", "/opt/oracle"}}), context());
  try {
    thick.make_connection();
    ADD_FAILURE() << "a thick-mode connection was made";
  } catch (const sql::SqlError& error) {
    EXPECT_TRUE(error.programming());  // retrying cannot help
    EXPECT_THAT(error.what(),
                ::testing::HasSubstr("thick mode (oracle_home set) is not supported"));
  }
  ExposedOracle ipc(configuration({{"oracle_protocol", "IPC"}}), context());
  EXPECT_THROW(ipc.make_connection(), sql::SqlError);
  ExposedOracle tcps(configuration({{"oracle_protocol", " tcps "}}), context());
  EXPECT_NE(tcps.make_connection(), nullptr);  // case and spaces do not matter
}

TEST_F(OracleSourceTest, ValuesAreWhatTheReferencesDriverGives) {
  tns::Column integral;
  integral.ora_type = static_cast<std::uint8_t>(tns::OracleType::number);
  integral.precision = 10;
  integral.scale = 0;
  tns::Column plain = integral;  // NUMBER without precision: 0, -127
  plain.precision = 0;
  plain.scale = -127;
  tns::Column decimal = integral;  // NUMBER(12,3)
  decimal.precision = 12;
  decimal.scale = 3;
  using oracle::to_sql_value;
  EXPECT_TRUE(
      same(to_sql_value(integral, tns::OracleNumber{"42", true}), sql::SqlValue(std::int64_t{42})));
  EXPECT_TRUE(
      same(to_sql_value(plain, tns::OracleNumber{"-7", true}), sql::SqlValue(std::int64_t{-7})));
  EXPECT_TRUE(same(to_sql_value(plain, tns::OracleNumber{"1.5", false}), sql::SqlValue(1.5)));
  EXPECT_TRUE(same(to_sql_value(decimal, tns::OracleNumber{"1234", true}), sql::SqlValue(1234.0)));
  EXPECT_TRUE(same(to_sql_value(integral, tns::OracleNumber{"18446744073709551615", true}),
                   sql::SqlValue(std::uint64_t{18446744073709551615ULL})));
  EXPECT_TRUE(same(to_sql_value(integral, tns::OracleNumber{"1" + std::string(30, '0'), true}),
                   sql::SqlValue(1e30)));
  tns::Column other;
  EXPECT_TRUE(sql::is_null(to_sql_value(other, tns::Value{})));
  EXPECT_TRUE(same(to_sql_value(other, tns::Value(std::string("text"))),
                   sql::SqlValue(std::string("text"))));
  EXPECT_TRUE(same(to_sql_value(other, tns::Value(0.25)), sql::SqlValue(0.25)));
  EXPECT_TRUE(same(to_sql_value(other, tns::Value(tns::OracleBinary{"\x01"})),
                   sql::SqlValue(sql::SqlBytes{"\x01"})));
  EXPECT_EQ(json::serialize(sql::to_json(to_sql_value(
                other, tns::OracleDateTime{2024, 2, 29, 13, 14, 15, 500000000, std::nullopt}))),
            R"("2024-02-29T13:14:15.500000")");
  // TIMESTAMP WITH TIME ZONE: UTC on the wire, read in its own offset.
  EXPECT_EQ(json::serialize(sql::to_json(
                to_sql_value(other, tns::OracleDateTime{2024, 2, 29, 23, 0, 0, 0, 120}))),
            R"("2024-03-01T01:00:00+02:00")");
  EXPECT_EQ(json::serialize(sql::to_json(
                to_sql_value(other, tns::OracleDateTime{2024, 3, 1, 0, 30, 0, 0, -60}))),
            R"("2024-02-29T23:30:00-01:00")");
}

TEST_F(OracleSourceTest, AClosedPortIsAConnectionErrorNamingTheServer) {
  oracle::OracleConnection connection(io_.get_executor(),
                                      tns::ConnectOptions{.host = "127.0.0.1", .port = 1});
  try {
    run(connection.connect());
    ADD_FAILURE() << "connected to a closed port";
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.kind(), sql::SqlError::Kind::connection);
    EXPECT_THAT(error.what(), ::testing::StartsWith("Oracle at 127.0.0.1:1: cannot connect"));
  }
  EXPECT_FALSE(connection.reusable());
  EXPECT_THROW(run(connection.start_query("SELECT 1 FROM DUAL")), sql::SqlError);
  EXPECT_TRUE(run(connection.fetch(10)).empty());  // no result is open
  EXPECT_THROW(run(connection.ping()), sql::SqlError);
  EXPECT_NO_THROW(run(connection.close()));
}

}  // namespace
}  // namespace ei::sources
