#include "sources/oracle/oracle_data_source.hpp"

#include <filesystem>

#include "core/strings.hpp"
#include "source/errors.hpp"
#include "sources/oracle/oracle_connection.hpp"
#include "sources/sql/sql_config.hpp"
#include "sources/sql/sql_error.hpp"
#include "sources/sql/sql_quoting.hpp"

namespace ei::sources {

namespace asio = boost::asio;

namespace {

std::string literal(std::string_view text) {
  return sql::quote_literal(text, sql::Dialect::oracle);
}

std::string identifier(std::string_view name) {
  return sql::quote_identifier(name, sql::Dialect::oracle);
}

source::ConfigField path_field(std::string key, std::string label, std::int64_t order) {
  return source::ConfigField{.key = std::move(key),
                             .label = std::move(label),
                             .order = order,
                             .value = "",
                             .required = false,
                             .default_value = ""};
}

}  // namespace

std::shared_ptr<const source::SourceDescriptor> OracleDataSource::descriptor_ptr() {
  static const auto descriptor =
      std::make_shared<const source::SourceDescriptor>(source::SourceDescriptor{
          kServiceType, "Oracle Database",
          source::DefaultConfiguration(sql::generic_fields({
              source::ConfigField{.key = "oracle_protocol",
                                  .label = "Oracle connection protocol",
                                  .order = 9,
                                  .value = "TCP",
                                  .display = "dropdown",
                                  .options = {source::FieldOption{"TCP", "TCP"},
                                              source::FieldOption{"TCPS", "TCPS"}}},
              path_field("oracle_home", "Path of Oracle Service", 10),
              path_field("wallet_configuration_path", "Path of Oracle Service configuration files",
                         11),
          }))});
  return descriptor;
}

OracleDataSource::OracleDataSource(source::DataSourceConfiguration configuration,
                                   const source::SourceContext& context)
    : GenericDatabaseSource(descriptor_ptr(), std::move(configuration), context, "Oracle"),
      username_(this->configuration().get_string("username")),
      owner_(core::to_upper(username_)),
      protocol_(core::to_upper(core::trim(this->configuration().get_string("oracle_protocol")))) {}

std::optional<std::string> OracleDataSource::unsupported_setting() const {
  if (!core::trim(configuration().get_string("oracle_home")).empty()) {
    return "Oracle's thick mode (oracle_home set) is not supported: this connector speaks Oracle "
           "Net itself and needs no Oracle client software; leave 'Path of Oracle Service' "
           "empty";
  }
  if (protocol_ != "TCP" && protocol_ != "TCPS") {
    return "'" + configuration().get_string("oracle_protocol") +
           "' is not an Oracle connection protocol: use TCP or TCPS";
  }
  return std::nullopt;
}

std::unique_ptr<sql::SqlConnection> OracleDataSource::make_connection() {
  if (auto why = unsupported_setting()) {
    throw sql::SqlError(sql::SqlError::Kind::programming, *why);
  }
  tns::ConnectOptions options;
  options.host = host();
  options.port = static_cast<int>(configuration().get_int("port"));
  options.sid = database();
  options.user = username_;
  options.password = configuration().get_string("password");
  options.tcps = protocol_ == "TCPS";
  if (options.tcps) {
    // python-oracledb's thin mode reads a wallet directory's ewallet.pem for its authorities.
    const std::string wallet(core::trim(configuration().get_string("wallet_configuration_path")));
    const auto pem = std::filesystem::path(wallet) / "ewallet.pem";
    std::error_code error;
    if (!wallet.empty() && std::filesystem::is_regular_file(pem, error))
      options.ca_file = pem.string();
  }
  return std::make_unique<oracle::OracleConnection>(executor(), std::move(options));
}

asio::awaitable<void> OracleDataSource::validate_config() {
  co_await DataSource::validate_config();
  if (auto why = unsupported_setting()) throw source::ConfigurableFieldValueError(*why);
  auto checking = check_configured_tables(all_tables_query(std::nullopt),
                                          " in database '" + database() + "'", username_);
  co_await std::move(checking);
}

asio::awaitable<void> OracleDataSource::get_docs(source::DocumentSink& sink,
                                                 const protocol::Filter& /*filter*/) {
  // No schema concept (spec §7.4): the user's tables; no advanced rules.
  auto fetching = fetch_rows(sink, std::nullopt);
  co_await std::move(fetching);
}

std::string OracleDataSource::ping_query() const {
  return "SELECT 1+1 FROM DUAL";
}

std::string OracleDataSource::all_tables_query(const std::optional<std::string>& /*schema*/) const {
  return "SELECT TABLE_NAME FROM all_tables where OWNER = " + literal(owner_);
}

std::string OracleDataSource::primary_key_query(const std::optional<std::string>& /*schema*/,
                                                const std::string& table) const {
  return "SELECT cols.column_name FROM all_constraints cons, all_cons_columns cols WHERE "
         "cols.table_name = " +
         literal(table) +
         " AND cons.constraint_type = 'P' AND cons.constraint_name = cols.constraint_name AND "
         "cons.owner = " +
         literal(owner_) + " AND cons.owner = cols.owner ORDER BY cols.table_name, cols.position";
}

std::string OracleDataSource::table_data_query(const std::optional<std::string>& /*schema*/,
                                               const std::string& table) const {
  return "SELECT * FROM " + identifier(table);
}

std::string OracleDataSource::table_count_query(const std::optional<std::string>& /*schema*/,
                                                const std::string& table) const {
  return "SELECT COUNT(*) FROM " + identifier(table);
}

std::string OracleDataSource::last_update_query(const std::optional<std::string>& /*schema*/,
                                                const std::string& table) const {
  return "SELECT SCN_TO_TIMESTAMP(MAX(ora_rowscn)) from " + identifier(table);
}

}  // namespace ei::sources
