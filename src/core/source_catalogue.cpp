#include "core/source_catalogue.hpp"

#include <array>

namespace ei::core {

namespace {

constexpr std::array<CatalogueEntry, 13> kCatalogue{{
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

}  // namespace

std::span<const CatalogueEntry> source_catalogue() {
  return kCatalogue;
}

}  // namespace ei::core
