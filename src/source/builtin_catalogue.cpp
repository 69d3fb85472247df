#include "source/builtin_catalogue.hpp"

#include <array>

namespace ei::source {

namespace {

constexpr std::array<BuiltinSource, 13> kBuiltins{{
    {"mongodb", "connectors.sources.mongo:MongoDataSource", "MongoDB"},
    {"s3", "connectors.sources.s3:S3DataSource", "Amazon S3"},
    {"dir", "connectors.sources.directory:DirectoryDataSource", "System Directory"},
    {"mysql", "connectors.sources.mysql:MySqlDataSource", "MySQL"},
    {"network_drive", "connectors.sources.network_drive:NASDataSource", "Network Drive"},
    {"google_cloud_storage", "connectors.sources.google_cloud_storage:GoogleCloudStorageDataSource",
     "Google Cloud Storage"},
    {"azure_blob_storage", "connectors.sources.azure_blob_storage:AzureBlobStorageDataSource",
     "Azure Blob Storage"},
    {"postgresql", "connectors.sources.postgresql:PostgreSQLDataSource", "PostgreSQL"},
    {"oracle", "connectors.sources.oracle:OracleDataSource", "Oracle Database"},
    {"sharepoint", "connectors.sources.sharepoint:SharepointDataSource", "SharePoint"},
    {"mssql", "connectors.sources.mssql:MSSQLDataSource", "Microsoft SQL Server"},
    {"jira", "connectors.sources.jira:JiraDataSource", "Jira"},
    {"confluence", "connectors.sources.confluence:ConfluenceDataSource", "Confluence"},
}};

std::string_view class_name_of(std::string_view spec) {
  auto colon = spec.rfind(':');
  return colon == std::string_view::npos ? spec : spec.substr(colon + 1);
}

}  // namespace

std::span<const BuiltinSource> builtin_sources() {
  return kBuiltins;
}

std::optional<BuiltinSource> find_builtin_by_class(std::string_view spec) {
  for (const auto& builtin : kBuiltins) {
    if (spec == builtin.class_spec) return builtin;
  }
  // A bare class name, or the class under another module path (the reference moved some
  // modules between versions, e.g. connectors.sources.aws:S3DataSource).
  if (is_plugin_spec(spec)) return std::nullopt;
  auto wanted = class_name_of(spec);
  for (const auto& builtin : kBuiltins) {
    if (wanted == class_name_of(builtin.class_spec)) return builtin;
  }
  return std::nullopt;
}

bool is_plugin_spec(std::string_view spec) {
  auto colon = spec.rfind(':');
  if (colon == std::string_view::npos) return false;
  auto path = spec.substr(0, colon);
  return path.ends_with(".so") || path.find(".so.") != std::string_view::npos;
}

}  // namespace ei::source
