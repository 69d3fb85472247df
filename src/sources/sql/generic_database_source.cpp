#include "sources/sql/generic_database_source.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/logging.hpp"
#include "core/strings.hpp"
#include "source/errors.hpp"
#include "sources/sql/primary_key.hpp"
#include "sources/sql/sql_config.hpp"
#include "sources/sql/sql_error.hpp"

namespace ei::sources::sql {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

std::string prefix_of(const std::optional<std::string>& schema, const std::string& table) {
  return schema ? *schema + "_" + table + "_" : table + "_";
}

}  // namespace

GenericDatabaseSource::GenericDatabaseSource(
    std::shared_ptr<const source::SourceDescriptor> descriptor,
    source::DataSourceConfiguration configuration, const source::SourceContext& context,
    std::string dialect)
    : DataSource(std::move(descriptor), std::move(configuration)),
      executor_(context.executor),
      dialect_(std::move(dialect)),
      host_(this->configuration().get_string("host")),
      database_(this->configuration().get_string("database")),
      fetch_size_(static_cast<std::size_t>(
          std::max<std::int64_t>(1, this->configuration().get_int("fetch_size")))),
      session_([this] { return make_connection(); },
               static_cast<int>(this->configuration().get_int("retry_count"))) {}

asio::awaitable<void> GenericDatabaseSource::ping() {
  std::string failure;
  try {
    auto pinging = session_.fetch_all(ping_query());
    co_await std::move(pinging);
    co_return;
  } catch (const std::exception& error) {
    failure = error.what();
  }
  throw source::SourceError("Can't connect to " + dialect_ + " on " + host_ + ": " + failure);
}

asio::awaitable<void> GenericDatabaseSource::check_configured_tables(std::string listing_query,
                                                                     std::string where,
                                                                     std::string user) {
  std::string failure;
  std::set<std::string> existing;
  try {
    auto listing = session_.fetch_all(std::move(listing_query));
    QueryResult result = co_await std::move(listing);
    for (const auto& row : result.rows) {
      if (!row.empty()) existing.insert(python_str(row.front()));
    }
  } catch (const std::exception& error) {
    failure = error.what();
  }
  if (!failure.empty()) {
    throw source::ConfigurableFieldValueError("Can't connect to " + dialect_ + " on " + host_ +
                                              ": " + failure);
  }
  const std::vector<std::string> tables = configured_tables(configuration());
  if (is_wildcard(tables)) co_return;
  std::vector<std::string> missing;
  for (const auto& table : tables) {
    if (!resolve_table_name(table, existing)) missing.push_back(table);
  }
  if (!missing.empty()) {
    throw source::ConfigurableFieldValueError("The tables '" + core::join(missing, ", ") +
                                              "' are either not present" + where +
                                              " or not accessible for user '" + user + "'.");
  }
}

std::optional<std::string> GenericDatabaseSource::resolve_table_name(
    const std::string& configured, const std::set<std::string>& listed) const {
  if (listed.contains(configured)) return configured;
  if (!table_names_fold_case()) return std::nullopt;
  const std::string wanted = core::to_lower(configured);
  std::optional<std::string> found;
  for (const auto& name : listed) {
    if (core::to_lower(name) != wanted) continue;
    if (found) return std::nullopt;  // two names differ only in case: neither is meant
    found = name;
  }
  return found;
}

asio::awaitable<void> GenericDatabaseSource::close() {
  co_await session_.close();
}

asio::awaitable<std::vector<std::string>> GenericDatabaseSource::selected_tables(
    const std::optional<std::string>& schema) {
  std::vector<std::string> tables = configured_tables(configuration());
  if (is_wildcard(tables) || table_names_fold_case()) {
    auto listing = session_.fetch_all(all_tables_query(schema));
    QueryResult result = co_await std::move(listing);
    std::vector<std::string> listed;
    for (const auto& row : result.rows) {
      if (!row.empty() && !is_null(row.front())) listed.push_back(python_str(row.front()));
    }
    if (is_wildcard(tables)) {
      tables = std::move(listed);
    } else {
      // Each configured name as the database lists it; one it lacks stays as configured
      // (its queries then fail and the table is skipped with the server's reason).
      const std::set<std::string> existing(listed.begin(), listed.end());
      for (auto& table : tables) {
        if (auto resolved = resolve_table_name(table, existing)) table = std::move(*resolved);
      }
    }
  }
  const std::vector<std::string> skipped = skipped_tables();
  std::erase_if(tables, [&skipped](const std::string& table) {
    return std::find(skipped.begin(), skipped.end(), table) != skipped.end();
  });
  co_return tables;
}

asio::awaitable<void> GenericDatabaseSource::fetch_rows(source::DocumentSink& sink,
                                                        std::optional<std::string> schema) {
  auto selecting = selected_tables(schema);
  std::vector<std::string> tables = co_await std::move(selecting);
  core::log().debug("Found {} tables in {}", tables.size(), schema.value_or(database_));
  for (const std::string& table : tables) {
    auto fetching = fetch_documents(sink, table, schema);
    co_await std::move(fetching);
  }
}

asio::awaitable<void> GenericDatabaseSource::fetch_documents(source::DocumentSink& sink,
                                                             std::string table,
                                                             std::optional<std::string> schema) {
  try {
    auto emitting = emit_table(sink, table, schema);
    co_await std::move(emitting);
  } catch (const SqlError& error) {
    if (!error.programming()) throw;
    // Spec §4.4 step 6: a statement error abandons this table only.
    core::log().error("Skipping table {}: {}", prefix_of(schema, table), error.what());
  }
}

asio::awaitable<void> GenericDatabaseSource::emit_table(source::DocumentSink& sink,
                                                        const std::string& table,
                                                        const std::optional<std::string>& schema) {
  auto counting = session_.fetch_scalar(table_count_query(schema, table));
  const SqlValue count = co_await std::move(counting);
  if (!python_truthy(count)) {
    core::log().warn("No rows found for {}.", table);
    co_return;
  }

  auto keys_query = session_.fetch_all(primary_key_query(schema, table));
  QueryResult keys = co_await std::move(keys_query);
  const std::string column_prefix = core::to_lower(prefix_of(schema, table));
  std::vector<std::string> key_columns;
  for (const auto& row : keys.rows) {
    if (!row.empty())
      key_columns.push_back(column_prefix + core::to_lower(python_str(row.front())));
  }
  if (key_columns.empty()) {
    warn_no_primary_key(table, database_);
    co_return;
  }

  // Spec §4.4 step 3: any failure of the last-update query means "no timestamp".
  json::value timestamp;
  try {
    auto updating = session_.fetch_scalar(last_update_query(schema, table));
    SqlValue last_update = co_await std::move(updating);
    if (!is_null(last_update)) timestamp = to_json(last_update);
  } catch (const std::exception& error) {
    core::log().debug("No last update time for {}: {}", table, error.what());
  }
  if (timestamp.is_null()) timestamp = json::string(core::iso_utc_now());

  const std::string id_prefix = database_ + "_" + prefix_of(schema, table);
  std::vector<std::size_t> key_positions;
  bool positions_known = false;
  json::string table_value(table);
  std::optional<json::string> schema_value;
  if (schema) schema_value.emplace(*schema);

  SqlSession::BatchHandler on_batch = [&](const std::vector<std::string>& raw_columns,
                                          std::vector<SqlRow>& rows) -> asio::awaitable<void> {
    std::vector<std::string> columns;
    columns.reserve(raw_columns.size());
    for (const auto& column : raw_columns)
      columns.push_back(column_prefix + core::to_lower(column));
    if (!positions_known) {
      key_positions = sql::key_positions(columns, key_columns);
      positions_known = true;
    }
    for (auto& row : rows) {
      json::object document = row_document(columns, row, key_positions, id_prefix, timestamp);
      document["Database"] = database_;
      document["Table"] = table_value;
      if (schema_value) document["schema"] = *schema_value;
      source::SourceDocument emitted{std::move(document), {}};
      auto emitting = sink.emit(std::move(emitted));
      co_await std::move(emitting);
    }
  };
  auto streaming = session_.stream(table_data_query(schema, table), fetch_size_, on_batch);
  co_await std::move(streaming);
}

json::object GenericDatabaseSource::row_document(const std::vector<std::string>& columns,
                                                 const SqlRow& row,
                                                 const std::vector<std::size_t>& key_positions,
                                                 const std::string& id_prefix,
                                                 const json::value& timestamp) {
  json::object document;
  document.reserve(columns.size() + 5);
  for (std::size_t i = 0; i < columns.size() && i < row.size(); ++i) {
    document[columns[i]] = to_json(row[i]);
  }
  // Truthy key values only, each followed by `_` (spec §4.4 step 5).
  std::string id = id_prefix;
  for (std::size_t position : key_positions) {
    if (position < row.size() && python_truthy(row[position])) {
      id += python_str(row[position]);
      id += '_';
    }
  }
  document["_id"] = std::move(id);
  document["_timestamp"] = timestamp;
  return document;
}

}  // namespace ei::sources::sql
