#include "sources/sql/sql_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/pem_repair.hpp"
#include "source/errors.hpp"
#include "sources/mysql/mysql_advanced_rules.hpp"
#include "sources/mysql/mysql_data_source.hpp"
#include "sources/postgresql/postgresql_data_source.hpp"

namespace ei::sources {
namespace {

namespace json = boost::json;

source::DataSourceConfiguration tables_config(json::value tables) {
  source::DataSourceConfiguration configuration(
      json::value(json::object{{"tables", json::object{{"value", std::move(tables)}}}}));
  return configuration;
}

TEST(SqlConfig, TablesAreTrimmedAndEmptyItemsDropped) {
  EXPECT_EQ(sql::configured_tables(tables_config(" a , b,, c ")),
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(sql::configured_tables(tables_config(json::array{" x", "", "y "})),
            (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(sql::configured_tables(tables_config(nullptr)).empty());
  EXPECT_THROW(sql::configured_tables(tables_config(5)), source::ConfigurationError);
  EXPECT_TRUE(sql::is_wildcard(sql::configured_tables(tables_config("*"))));
  EXPECT_FALSE(sql::is_wildcard(sql::configured_tables(tables_config("*, a"))));
}

TEST(SqlConfig, PemRepairRestoresLineBreaks) {
  EXPECT_EQ(core::repaired_pem("-----BEGIN CERTIFICATE----- AAA BBB -----END CERTIFICATE-----"),
            "-----BEGIN CERTIFICATE-----\nAAA\nBBB\n-----END CERTIFICATE-----");
  const std::string multi_line = "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n";
  EXPECT_EQ(core::repaired_pem(multi_line), multi_line);
}

TEST(SqlConfig, TemporaryFileHoldsTheContentAndIsRemoved) {
  std::string path;
  {
    sql::TemporaryFile file("pem text");
    path = file.path();
    std::ifstream in(path);
    std::stringstream content;
    content << in.rdbuf();
    EXPECT_EQ(content.str(), "pem text");
    sql::TemporaryFile moved(std::move(file));
    EXPECT_EQ(moved.path(), path);
    EXPECT_TRUE(file.path().empty());
    sql::TemporaryFile assigned;
    assigned = std::move(moved);
    EXPECT_EQ(assigned.path(), path);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

std::vector<std::string> keys_of(const source::SourceDescriptor& descriptor) {
  std::vector<std::string> keys;
  for (const auto& field : descriptor.default_configuration.fields()) keys.push_back(field.key);
  return keys;
}

TEST(SqlConfig, DeclaredConfigurationsMatchTheSpec) {
  const auto& mysql = *MySqlDataSource::descriptor_ptr();
  EXPECT_EQ(mysql.service_type, "mysql");
  EXPECT_EQ(mysql.display_name, "MySQL");
  EXPECT_EQ(keys_of(mysql),
            (std::vector<std::string>{"host", "port", "user", "password", "database", "tables",
                                      "ssl_enabled", "ssl_ca", "fetch_size", "retry_count"}));
  const auto& postgresql = *PostgreSqlDataSource::descriptor_ptr();
  EXPECT_EQ(postgresql.service_type, "postgresql");
  EXPECT_EQ(postgresql.display_name, "PostgreSQL");
  EXPECT_EQ(keys_of(postgresql),
            (std::vector<std::string>{"host", "port", "username", "password", "database", "tables",
                                      "fetch_size", "retry_count", "ssl_enabled", "ssl_ca"}));
  const auto* fetch_size = postgresql.default_configuration.find("fetch_size");
  ASSERT_NE(fetch_size, nullptr);
  EXPECT_FALSE(fetch_size->required);
  EXPECT_EQ(fetch_size->default_value, json::value(50));
  const auto* ssl_ca = mysql.default_configuration.find("ssl_ca");
  ASSERT_NE(ssl_ca, nullptr);
  ASSERT_EQ(ssl_ca->depends_on.size(), 1u);
  EXPECT_EQ(ssl_ca->depends_on[0].field, "ssl_enabled");
}

TEST(MySqlRules, SchemaErrorsNameThePlace) {
  using mysql::mysql_rules_schema_error;
  EXPECT_FALSE(mysql_rules_schema_error(json::object{}));
  EXPECT_FALSE(mysql_rules_schema_error(json::array{}));
  EXPECT_FALSE(mysql_rules_schema_error(json::parse(R"([{"tables": ["t"], "query": "q"}])")));
  EXPECT_EQ(*mysql_rules_schema_error(json::value("x")), "data must be array");
  EXPECT_EQ(*mysql_rules_schema_error(json::parse("[1]")), "data[0] must be object");
  EXPECT_EQ(*mysql_rules_schema_error(json::parse(R"([{"query": "q"}])")),
            "data[0] must contain ['tables', 'query'] properties");
  EXPECT_EQ(*mysql_rules_schema_error(json::parse(R"([{"tables": ["t"], "query": "q", "x": 1}])")),
            "data[0] must not contain {'x'} properties");
  EXPECT_EQ(*mysql_rules_schema_error(json::parse(R"([{"tables": "t", "query": "q"}])")),
            "data[0].tables must be array");
  EXPECT_EQ(*mysql_rules_schema_error(json::parse(R"([{"tables": [1], "query": "q"}])")),
            "data[0].tables[0] must be string");
  EXPECT_EQ(*mysql_rules_schema_error(json::parse(R"([{"tables": ["t"], "query": 1}])")),
            "data[0].query must be string");
  EXPECT_EQ(*mysql_rules_schema_error(json::parse(R"([{"tables": ["t"], "query": ""}])")),
            "data[0].query must be longer than or equal to 1 characters");
  EXPECT_THROW(mysql::parse_mysql_rules(json::value("x")), source::ConfigurationError);
  EXPECT_TRUE(mysql::parse_mysql_rules(json::object{}).empty());
  const auto rules =
      mysql::parse_mysql_rules(json::parse(R"([{"tables": ["b", "a"], "query": "SELECT 1"}])"));
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].tables, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(rules[0].query, "SELECT 1");
}

TEST(SqlIds, RowIdsFollowTheSpecExamples) {
  using sql::SqlRow;
  using sql::SqlValue;
  const SqlRow row{SqlValue{std::string("user_7")}, SqlValue{}, SqlValue{std::int64_t{0}}};
  EXPECT_EQ(MySqlDataSource::row_id("customers_0", row, {0}), "customers_0_user_7");
  // NULL skipped, 0 kept (MySQL); falsy values skipped, each followed by `_` (generic).
  EXPECT_EQ(MySqlDataSource::row_id("t1_t2_t3", row, {0, 1, 2}), "t1_t2_t3_user_7_0");
  const auto document = sql::GenericDatabaseSource::row_document(
      {"public_emp_table_ids", "public_emp_table_names"},
      SqlRow{SqlValue{std::int64_t{1}}, SqlValue{std::string("abcd")}}, {0}, "xe_public_emp_table_",
      json::value("2023-02-21T08:37:15+00:00"));
  EXPECT_EQ(document, json::parse(R"({"public_emp_table_ids": 1, "public_emp_table_names": "abcd",
      "_id": "xe_public_emp_table_1_", "_timestamp": "2023-02-21T08:37:15+00:00"})"));
}

}  // namespace
}  // namespace ei::sources
