#include "sources/mysql/mysql_data_source.hpp"

#include <algorithm>
#include <tuple>

#include "core/logging.hpp"
#include "core/retry.hpp"
#include "core/strings.hpp"
#include "source/errors.hpp"
#include "sources/mysql/mysql_advanced_rules_validator.hpp"
#include "sources/mysql/mysql_connection.hpp"
#include "sources/sql/primary_key.hpp"
#include "sources/sql/sql_error.hpp"
#include "sources/sql/sql_quoting.hpp"

namespace ei::sources {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

auto datetime_key(const sql::SqlDateTime& value) {
  return std::make_tuple(value.date.year, value.date.month, value.date.day, value.hour,
                         value.minute, value.second, value.microsecond);
}

}  // namespace

std::shared_ptr<const source::SourceDescriptor> MySqlDataSource::descriptor_ptr() {
  static const auto descriptor =
      std::make_shared<const source::SourceDescriptor>(source::SourceDescriptor{
          kServiceType,
          "MySQL",
          {
              source::ConfigField{.key = "host", .label = "Host", .order = 1, .value = "127.0.0.1"},
              source::ConfigField{.key = "port",
                                  .label = "Port",
                                  .order = 2,
                                  .type = source::FieldType::kInt,
                                  .value = 3306,
                                  .display = "numeric"},
              source::ConfigField{.key = "user", .label = "Username", .order = 3, .value = "root"},
              source::ConfigField{.key = "password",
                                  .label = "Password",
                                  .order = 4,
                                  .value = "changeme",
                                  .sensitive = true},
              source::ConfigField{
                  .key = "database", .label = "Database", .order = 5, .value = "customerinfo"},
              sql::tables_field(6),
              source::ConfigField{.key = "ssl_enabled",
                                  .label = "Enable SSL",
                                  .order = 7,
                                  .type = source::FieldType::kBool,
                                  .value = false,
                                  .display = "toggle"},
              sql::ssl_ca_field(8),
              sql::fetch_size_field(9),
              sql::retry_count_field(10),
          }});
  return descriptor;
}

MySqlDataSource::MySqlDataSource(source::DataSourceConfiguration configuration,
                                 const source::SourceContext& context)
    : DataSource(descriptor_ptr(), std::move(configuration)),
      executor_(context.executor),
      host_(this->configuration().get_string("host")),
      user_(this->configuration().get_string("user")),
      database_(this->configuration().get_string("database")),
      fetch_size_(static_cast<std::size_t>(
          std::max<std::int64_t>(1, this->configuration().get_int("fetch_size")))),
      // The reference ignores retry_count (always 3 attempts); honoring it keeps the default.
      session_([this] { return make_connection(); },
               static_cast<int>(this->configuration().get_int("retry_count"))) {}

std::unique_ptr<sql::SqlConnection> MySqlDataSource::make_connection() {
  mysql::MySqlConnectionOptions options;
  options.host = host_;
  options.port = static_cast<unsigned int>(configuration().get_int("port"));
  options.user = user_;
  options.password = configuration().get_string("password");
  options.database = database_;
  options.ssl_enabled = configuration().get_bool("ssl_enabled");
  if (options.ssl_enabled) options.ssl_ca_file = sql::ca_file(configuration(), ssl_ca_file_);
  return std::make_unique<mysql::MySqlConnection>(executor_, std::move(options));
}

asio::awaitable<void> MySqlDataSource::ping() {
  co_await session_.ping();
}

namespace {

std::string literal(std::string_view text) {
  return sql::quote_literal(text, sql::Dialect::mysql);
}

std::string identifier(std::string_view name) {
  return sql::quote_identifier(name, sql::Dialect::mysql);
}

}  // namespace

asio::awaitable<void> MySqlDataSource::close() {
  co_await session_.close();
}

asio::awaitable<std::vector<std::string>> MySqlDataSource::all_table_names() {
  auto listing =
      session_.fetch_all("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = " +
                         literal(database_));
  sql::QueryResult result = co_await std::move(listing);
  std::vector<std::string> tables;
  for (const auto& row : result.rows) {
    if (!row.empty() && !sql::is_null(row.front())) tables.push_back(sql::python_str(row.front()));
  }
  co_return tables;
}

asio::awaitable<void> MySqlDataSource::validate_config() {
  co_await DataSource::validate_config();
  std::string failure;
  bool database_missing = false;
  try {
    auto using_database = session_.fetch_all("USE " + identifier(database_) + ";");
    co_await std::move(using_database);
  } catch (const sql::SqlError& error) {
    failure = error.what();
    database_missing = error.programming();  // unknown or forbidden database
  }
  if (database_missing) {
    throw source::ConfigurableFieldValueError("The database '" + database_ +
                                              "' is either not present or not accessible for the "
                                              "user '" +
                                              user_ + "'.");
  }
  if (!failure.empty()) throw source::ConfigurableFieldValueError(failure);
  std::vector<std::string> tables = sql::configured_tables(configuration());
  if (sql::is_wildcard(tables)) {
    auto listing = all_table_names();
    tables = co_await std::move(listing);
  }
  std::vector<std::string> missing;
  for (const auto& table : tables) {
    bool present = true;
    try {
      auto probing = session_.fetch_all("SELECT 1 FROM " + identifier(table) + " LIMIT 1;");
      co_await std::move(probing);
    } catch (const sql::SqlError& error) {
      core::log().debug("Table {} is not usable: {}", table, error.what());
      present = false;
    }
    if (!present) missing.push_back(table);
  }
  if (!missing.empty()) {
    throw source::ConfigurableFieldValueError("The tables '" + core::join(missing, ", ") +
                                              "' are either not present or not accessible for "
                                              "user '" +
                                              user_ + "'.");
  }
}

std::vector<std::shared_ptr<filtering::AdvancedRulesValidator>>
MySqlDataSource::advanced_rules_validators() {
  return {std::make_shared<MySqlAdvancedRulesValidator>(*this)};
}

asio::awaitable<std::vector<std::string>> MySqlDataSource::primary_keys(const std::string& table) {
  auto querying = session_.fetch_all(
      "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = " +
      literal(database_) + " AND TABLE_NAME = " + literal(table) + " AND COLUMN_KEY = 'PRI'");
  sql::QueryResult result = co_await std::move(querying);
  std::vector<std::string> keys;
  for (const auto& row : result.rows) {
    if (!row.empty() && !sql::is_null(row.front())) keys.push_back(sql::python_str(row.front()));
  }
  co_return keys;
}

asio::awaitable<std::optional<sql::SqlDateTime>> MySqlDataSource::last_update_time(
    const std::string& table) {
  auto querying = session_.fetch_all(
      "SELECT UPDATE_TIME, NOW() FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = " +
      literal(database_) + " AND TABLE_NAME = " + literal(table));
  const sql::QueryResult result = co_await std::move(querying);
  if (result.rows.empty() || result.rows.front().empty()) co_return std::nullopt;
  const sql::SqlRow& row = result.rows.front();
  const auto* updated = std::get_if<sql::SqlDateTime>(&row[0]);
  if (updated == nullptr) co_return std::nullopt;
  // UPDATE_TIME has whole seconds: a change later in the same second would leave it as it is,
  // and the rows would be skipped as unchanged until the table changes again. A table
  // changed within the last two seconds of the server's clock is stamped with the time of
  // the sync instead (its rows are sent now, and once more at the next sync).
  if (row.size() > 1) {
    if (const auto* now = std::get_if<sql::SqlDateTime>(&row[1])) {
      if (core::to_time_point(*now) - core::to_time_point(*updated) < std::chrono::seconds(2)) {
        co_return std::nullopt;
      }
    }
  }
  co_return *updated;
}

std::string MySqlDataSource::row_id(const std::string& id_prefix, const sql::SqlRow& row,
                                    const std::vector<std::size_t>& key_positions) {
  std::vector<std::string> values;
  for (std::size_t position : key_positions) {
    if (position < row.size() && !sql::is_null(row[position])) {
      values.push_back(sql::python_str(row[position]));
    }
  }
  return id_prefix + "_" + core::join(values, "_");
}

asio::awaitable<void> MySqlDataSource::emit_rows(source::DocumentSink& sink, std::string query,
                                                 const std::vector<std::string>& key_columns,
                                                 std::string id_prefix,
                                                 const json::value& table_value,
                                                 const json::value& timestamp) {
  std::vector<std::size_t> key_positions;
  bool positions_known = false;
  sql::SqlSession::BatchHandler on_batch =
      [&](const std::vector<std::string>& columns,
          std::vector<sql::SqlRow>& rows) -> asio::awaitable<void> {
    if (!positions_known) {
      // Key columns missing from a custom query's select list are skipped (spec §3.7).
      key_positions = sql::key_positions(columns, key_columns);
      positions_known = true;
    }
    for (auto& row : rows) {
      json::object document;
      document.reserve(columns.size() + 3);
      for (std::size_t i = 0; i < columns.size() && i < row.size(); ++i) {
        document[columns[i]] = sql::to_json(row[i]);
      }
      document["Table"] = table_value;
      document["_id"] = row_id(id_prefix, row, key_positions);
      document["_timestamp"] = timestamp;
      source::SourceDocument emitted{std::move(document), {}};
      auto emitting = sink.emit(std::move(emitted));
      co_await std::move(emitting);
    }
  };
  auto streaming = session_.stream(query, fetch_size_, on_batch);
  co_await std::move(streaming);
}

asio::awaitable<void> MySqlDataSource::emit_table(source::DocumentSink& sink,
                                                  const std::string& table) {
  auto keys_query = primary_keys(table);
  const std::vector<std::string> keys = co_await std::move(keys_query);
  if (keys.empty()) {
    sql::warn_no_primary_key(table, database_);
    co_return;
  }
  auto updating = last_update_time(table);
  const std::optional<sql::SqlDateTime> updated = co_await std::move(updating);
  const json::value timestamp(
      core::isoformat(updated.value_or(core::civil_utc(core::Clock::now(), false))));
  const json::value table_value(table);
  auto emitting =
      emit_rows(sink, "SELECT * FROM " + identifier(database_) + "." + identifier(table), keys,
                table, table_value, timestamp);
  co_await std::move(emitting);
}

asio::awaitable<void> MySqlDataSource::emit_rule(source::DocumentSink& sink,
                                                 const mysql::MySqlQueryRule& rule) {
  std::vector<std::string> keys;
  for (const auto& table : rule.tables) {
    auto keys_query = primary_keys(table);
    std::vector<std::string> table_keys = co_await std::move(keys_query);
    keys.insert(keys.end(), table_keys.begin(), table_keys.end());
  }
  std::sort(keys.begin(), keys.end());
  if (keys.empty()) {
    core::log().warn("Skipping query '{}': its tables have no primary key.", rule.query);
    co_return;
  }
  if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) {
    core::log().warn(
        "Skipping query '{}': primary key column names repeat across its tables; "
        "consider using AS to rename them.",
        rule.query);
    co_return;
  }
  std::optional<sql::SqlDateTime> latest;
  for (const auto& table : rule.tables) {
    auto updating = last_update_time(table);
    std::optional<sql::SqlDateTime> updated = co_await std::move(updating);
    if (updated && (!latest || datetime_key(*updated) > datetime_key(*latest))) latest = updated;
  }
  const json::value timestamp(
      core::isoformat(latest.value_or(core::civil_utc(core::Clock::now(), false))));
  std::vector<std::string> sorted_tables = rule.tables;
  std::sort(sorted_tables.begin(), sorted_tables.end());
  json::array table_list;
  for (const auto& table : rule.tables) table_list.emplace_back(table);
  const json::value table_value(std::move(table_list));
  auto emitting =
      emit_rows(sink, rule.query, keys, core::join(sorted_tables, "_"), table_value, timestamp);
  co_await std::move(emitting);
}

asio::awaitable<void> MySqlDataSource::get_docs(source::DocumentSink& sink,
                                                const protocol::Filter& filter) {
  if (filter.has_advanced_rules()) {
    for (const auto& rule : mysql::parse_mysql_rules(filter.advanced_rules())) {
      auto emitting = emit_rule(sink, rule);
      co_await std::move(emitting);
    }
    co_return;
  }
  std::vector<std::string> tables = sql::configured_tables(configuration());
  if (sql::is_wildcard(tables)) {
    auto listing = all_table_names();
    tables = co_await std::move(listing);
  }
  for (const auto& table : tables) {
    auto emitting = emit_table(sink, table);
    co_await std::move(emitting);
  }
}

}  // namespace ei::sources
