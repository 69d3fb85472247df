#include "sources/postgresql/postgresql_data_source.hpp"

#include "sources/postgresql/pg_connection.hpp"
#include "sources/sql/sql_quoting.hpp"

namespace ei::sources {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

std::string literal(std::string_view text) {
  return sql::quote_literal(text, sql::Dialect::postgresql);
}

// `schema.table`, both quoted: the catalogue queries match names exactly, so an unquoted
// name (folded to lower case) could read another table than the one listed.
std::string qualified(const std::optional<std::string>& schema, const std::string& table) {
  return sql::quote_identifier(schema.value_or("public"), sql::Dialect::postgresql) + "." +
         sql::quote_identifier(table, sql::Dialect::postgresql);
}

// Schemas the reference skips (spec §5.4).
bool is_system_schema(const std::string& schema) {
  return schema == "pg_toast" || schema == "pg_catalog" || schema == "information_schema";
}

}  // namespace

std::shared_ptr<const source::SourceDescriptor> PostgreSqlDataSource::descriptor_ptr() {
  static const auto descriptor = std::make_shared<const source::SourceDescriptor>(
      source::SourceDescriptor{kServiceType, "PostgreSQL",
                               source::DefaultConfiguration(sql::generic_fields({
                                   sql::ssl_enabled_field(9),
                                   sql::ssl_ca_field(10),
                               }))});
  return descriptor;
}

PostgreSqlDataSource::PostgreSqlDataSource(source::DataSourceConfiguration configuration,
                                           const source::SourceContext& context)
    : GenericDatabaseSource(descriptor_ptr(), std::move(configuration), context, "Postgresql"),
      username_(this->configuration().get_string("username")) {}

std::unique_ptr<sql::SqlConnection> PostgreSqlDataSource::make_connection() {
  postgresql::PgConnectionOptions options;
  options.host = host();
  options.port = static_cast<int>(configuration().get_int("port"));
  options.user = username_;
  options.password = configuration().get_string("password");
  options.database = database();
  options.ssl_enabled = configuration().get_bool("ssl_enabled");
  if (options.ssl_enabled) options.ssl_ca_file = sql::ca_file(configuration(), ssl_ca_file_);
  return std::make_unique<postgresql::PgConnection>(executor(), std::move(options));
}

asio::awaitable<void> PostgreSqlDataSource::validate_config() {
  co_await DataSource::validate_config();
  auto checking = check_configured_tables(
      "SELECT table_name FROM information_schema.tables WHERE table_catalog = " +
          literal(database()) +
          " AND table_schema NOT IN ('pg_toast', 'pg_catalog', 'information_schema')",
      "", username_);
  co_await std::move(checking);
}

asio::awaitable<void> PostgreSqlDataSource::get_docs(source::DocumentSink& sink,
                                                     const protocol::Filter& /*filter*/) {
  // No advanced rules for PostgreSQL in the reference: the filter is the framework's.
  auto listing = session().fetch_all("SELECT schema_name FROM information_schema.schemata");
  sql::QueryResult schemas = co_await std::move(listing);
  for (const auto& row : schemas.rows) {
    if (row.empty() || sql::is_null(row.front())) continue;
    std::string schema = sql::python_str(row.front());
    if (is_system_schema(schema)) continue;
    auto fetching = fetch_rows(sink, schema);
    co_await std::move(fetching);
  }
}

std::string PostgreSqlDataSource::ping_query() const {
  return "SELECT 1+1";
}

std::string PostgreSqlDataSource::all_tables_query(const std::optional<std::string>& schema) const {
  return "SELECT table_name FROM information_schema.tables WHERE table_catalog = " +
         literal(database()) + " and table_schema = " + literal(schema.value_or("public"));
}

std::string PostgreSqlDataSource::primary_key_query(const std::optional<std::string>& schema,
                                                    const std::string& table) const {
  return "SELECT c.column_name FROM information_schema.table_constraints tc "
         "JOIN information_schema.constraint_column_usage AS ccu USING (constraint_schema, "
         "constraint_name) "
         "JOIN information_schema.columns AS c ON c.table_schema = tc.constraint_schema AND "
         "tc.table_name = c.table_name AND ccu.column_name = c.column_name "
         "WHERE constraint_type = 'PRIMARY KEY' and tc.table_name = " +
         literal(table) + " and tc.constraint_schema = " + literal(schema.value_or("public"));
}

std::string PostgreSqlDataSource::table_data_query(const std::optional<std::string>& schema,
                                                   const std::string& table) const {
  return "SELECT * FROM " + qualified(schema, table);
}

std::string PostgreSqlDataSource::table_count_query(const std::optional<std::string>& schema,
                                                    const std::string& table) const {
  return "SELECT COUNT(*) FROM " + qualified(schema, table);
}

std::string PostgreSqlDataSource::last_update_query(const std::optional<std::string>& schema,
                                                    const std::string& table) const {
  return "SELECT MAX(pg_xact_commit_timestamp(xmin)) FROM " + qualified(schema, table);
}

}  // namespace ei::sources
