#pragma once

#include <memory>
#include <optional>
#include <string>

#include "sources/sql/generic_database_source.hpp"
#include "sources/sql/sql_config.hpp"

namespace ei::sources {

// `postgresql` / PostgreSQLDataSource (sources spec §5): every table of every non-system
// schema of the database, one document per row, over libpq's non-blocking API.
class PostgreSqlDataSource : public sql::GenericDatabaseSource {
 public:
  static constexpr const char* kServiceType = "postgresql";

  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  PostgreSqlDataSource(source::DataSourceConfiguration configuration,
                       const source::SourceContext& context);

  // The schema check, then (beyond the reference, which checks nothing remotely) a
  // connection and the existence of the configured tables, each failure a clear message.
  boost::asio::awaitable<void> validate_config() override;

  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;

 protected:
  std::unique_ptr<sql::SqlConnection> make_connection() override;
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
  std::string username_;
  sql::TemporaryFile ssl_ca_file_;
};

}  // namespace ei::sources
