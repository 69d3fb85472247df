#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "source/data_source.hpp"
#include "source/source_context.hpp"
#include "sources/sql/sql_session.hpp"

namespace ei::sources::sql {

// The shared SQL layer of sources spec §4 (the reference's GenericBaseDataSource): tables of
// a schema, one document per row under prefixed lower-case column names, `_id` from the
// primary key, `_timestamp` from the table's last update. Subclasses give the dialect's
// queries and connections.
class GenericDatabaseSource : public source::DataSource {
 public:
  GenericDatabaseSource(std::shared_ptr<const source::SourceDescriptor> descriptor,
                        source::DataSourceConfiguration configuration,
                        const source::SourceContext& context, std::string dialect);

  // Spec §4.3: the ping query; failures become `Can't connect to <dialect> on <host>: <why>`.
  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<void> close() override;

  // Emits the documents of every selected table of `schema` (spec §4.5).
  boost::asio::awaitable<void> fetch_rows(source::DocumentSink& sink,
                                          std::optional<std::string> schema);

  // Emits the documents of one table (spec §4.4); statement errors abandon the table.
  boost::asio::awaitable<void> fetch_documents(source::DocumentSink& sink, std::string table,
                                               std::optional<std::string> schema);

  // The document of one row (spec §4.4 step 5), public for tests.
  static boost::json::object row_document(const std::vector<std::string>& columns,
                                          const SqlRow& row,
                                          const std::vector<std::size_t>& key_positions,
                                          const std::string& id_prefix,
                                          const boost::json::value& timestamp);

 protected:
  virtual std::unique_ptr<SqlConnection> make_connection() = 0;
  // Tables never synced in the configured database (spec §4.5; only MSSQL has some).
  virtual std::vector<std::string> skipped_tables() const { return {}; }
  // Whether configured table names match the listed ones regardless of case (Oracle, whose
  // dictionary stores unquoted names in upper case): each configured name becomes the listed
  // name it matches, exactly if one does, else the one that differs only in case.
  virtual bool table_names_fold_case() const { return false; }

  virtual std::string ping_query() const = 0;
  virtual std::string all_tables_query(const std::optional<std::string>& schema) const = 0;
  virtual std::string primary_key_query(const std::optional<std::string>& schema,
                                        const std::string& table) const = 0;
  virtual std::string table_data_query(const std::optional<std::string>& schema,
                                       const std::string& table) const = 0;
  virtual std::string table_count_query(const std::optional<std::string>& schema,
                                        const std::string& table) const = 0;
  virtual std::string last_update_query(const std::optional<std::string>& schema,
                                        const std::string& table) const = 0;

  // Validation beyond the reference (which checks nothing remotely): runs `listing_query`
  // (one table name per row) and names the configured tables it lacks. A failure to connect
  // is `Can't connect to <dialect> on <host>: <why>`; missing tables are "The tables '<t>'
  // are either not present<where> or not accessible for user '<user>'."
  boost::asio::awaitable<void> check_configured_tables(std::string listing_query, std::string where,
                                                       std::string user);

  SqlSession& session() { return session_; }
  const boost::asio::any_io_executor& executor() const { return executor_; }
  const std::string& host() const { return host_; }
  const std::string& database() const { return database_; }
  const std::string& dialect() const { return dialect_; }
  std::size_t fetch_size() const { return fetch_size_; }

 private:
  boost::asio::awaitable<std::vector<std::string>> selected_tables(
      const std::optional<std::string>& schema);
  boost::asio::awaitable<void> emit_table(source::DocumentSink& sink, const std::string& table,
                                          const std::optional<std::string>& schema);
  // The listed name a configured table name stands for (see table_names_fold_case).
  std::optional<std::string> resolve_table_name(const std::string& configured,
                                                const std::set<std::string>& listed) const;

  boost::asio::any_io_executor executor_;
  std::string dialect_;
  std::string host_;
  std::string database_;
  std::size_t fetch_size_;
  SqlSession session_;
};

}  // namespace ei::sources::sql
