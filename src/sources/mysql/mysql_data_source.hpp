#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "source/data_source.hpp"
#include "source/source_context.hpp"
#include "sources/mysql/mysql_advanced_rules.hpp"
#include "sources/sql/sql_config.hpp"
#include "sources/sql/sql_session.hpp"

namespace ei::sources {

// `mysql` / MySqlDataSource (sources spec §3): one document per row of the selected tables
// (or of the advanced rules' custom queries), over MariaDB Connector/C's non-blocking API.
class MySqlDataSource : public source::DataSource {
 public:
  static constexpr const char* kServiceType = "mysql";

  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  MySqlDataSource(source::DataSourceConfiguration configuration,
                  const source::SourceContext& context);

  // COM_PING on a (recycled) connection; connection errors propagate with their cause.
  boost::asio::awaitable<void> ping() override;

  // Schema check, then the database and the configured tables must be reachable
  // (spec §3.3); each failure is a ConfigurableFieldValueError naming what is missing.
  boost::asio::awaitable<void> validate_config() override;

  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;

  std::vector<std::shared_ptr<filtering::AdvancedRulesValidator>> advanced_rules_validators()
      override;

  boost::asio::awaitable<void> close() override;

  // Every table of the configured database, in server order (retried).
  boost::asio::awaitable<std::vector<std::string>> all_table_names();

  // Spec §3.5 `_id`: `<table>_<pk values, NULLs skipped, joined by _>`.
  static std::string row_id(const std::string& id_prefix, const sql::SqlRow& row,
                            const std::vector<std::size_t>& key_positions);

 protected:
  // A new connection to the configured server (a test substitutes a fake one).
  virtual std::unique_ptr<sql::SqlConnection> make_connection();

 private:
  boost::asio::awaitable<void> emit_table(source::DocumentSink& sink, const std::string& table);
  boost::asio::awaitable<void> emit_rule(source::DocumentSink& sink,
                                         const mysql::MySqlQueryRule& rule);
  boost::asio::awaitable<std::vector<std::string>> primary_keys(const std::string& table);
  boost::asio::awaitable<std::optional<sql::SqlDateTime>> last_update_time(
      const std::string& table);
  // Streams `query` and emits one document per row.
  boost::asio::awaitable<void> emit_rows(source::DocumentSink& sink, std::string query,
                                         const std::vector<std::string>& key_columns,
                                         std::string id_prefix,
                                         const boost::json::value& table_value,
                                         const boost::json::value& timestamp);

  boost::asio::any_io_executor executor_;
  std::string host_;
  std::string user_;
  std::string database_;
  std::size_t fetch_size_;
  sql::TemporaryFile ssl_ca_file_;
  sql::SqlSession session_;
};

}  // namespace ei::sources
