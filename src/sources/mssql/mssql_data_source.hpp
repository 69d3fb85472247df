#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sources/sql/generic_database_source.hpp"
#include "sources/sql/sql_config.hpp"

namespace ei::sources {

// `mssql` / MSSQLDataSource (sources spec §6): every table of one schema of a SQL Server
// database, one document per row, over FreeTDS's DB-Library on the blocking pool.
class MsSqlDataSource : public sql::GenericDatabaseSource {
 public:
  static constexpr const char* kServiceType = "mssql";

  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  MsSqlDataSource(source::DataSourceConfiguration configuration,
                  const source::SourceContext& context);

  // The schema check, then (beyond the reference, which checks nothing remotely) a login and
  // the existence of the configured tables in the schema, each failure a clear message.
  boost::asio::awaitable<void> validate_config() override;

  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;

 protected:
  std::unique_ptr<sql::SqlConnection> make_connection() override;
  std::vector<std::string> skipped_tables() const override;
  std::string ping_query() const override;
  std::string all_tables_query(const std::optional<std::string>& schema) const override;
  std::string primary_key_query(const std::optional<std::string>& schema,
                                const std::string& table) const override;
  std::string table_data_query(const std::optional<std::string>& schema,
                               const std::string& table) const override;
  std::string table_count_query(const std::optional<std::string>& schema,
                                const std::string& table) const override;
  std::string last_update_query(const std::optional<std::string>& schema,
                                const std::string& table) const override;

 private:
  boost::asio::any_io_executor blocking_;
  std::string username_;
  std::string schema_;
  sql::TemporaryFile ssl_ca_file_;
};

}  // namespace ei::sources
