#include "sources/azure_blob_storage/azure_blob_storage_data_source.hpp"

#include "core/logging.hpp"
#include "core/time.hpp"
#include "source/attachment.hpp"
#include "source/download_eligibility.hpp"
#include "source/errors.hpp"
#include "source/python_value.hpp"

namespace ei::sources {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr const char* kAzuriteKey =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
constexpr std::int64_t kMaxConcurrentDownloads = 100;

source::ConfigField advanced_int(std::string key, std::string label, std::int64_t order,
                                 std::int64_t value,
                                 std::vector<source::FieldValidation> validations = {}) {
  return source::ConfigField{.key = std::move(key),
                             .label = std::move(label),
                             .order = order,
                             .type = source::FieldType::kInt,
                             .value = value,
                             .display = "numeric",
                             .required = false,
                             .validations = std::move(validations),
                             .default_value = value,
                             .ui_restrictions = {"advanced"}};
}

// An RFC 1123 time of the listing as Python's isoformat of the aware UTC value.
json::value iso_time(const std::string& listed) {
  if (listed.empty()) return nullptr;
  const std::optional<core::TimePoint> parsed = core::parse_http_date(listed);
  if (!parsed) return json::value(listed);
  return json::value(core::isoformat(core::civil_utc(*parsed, true)));
}

// The reference's text of a metadata map: Python's dict repr.
std::string metadata_text(const AzureMetadata& metadata) {
  json::object map;
  for (const auto& [key, value] : metadata) map[key] = value;
  return source::python_repr(map);
}

json::value optional_value(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

asio::awaitable<std::optional<json::object>> download(std::shared_ptr<AzureBlobClient> client,
                                                      std::string container, std::string blob,
                                                      std::string id, std::uint64_t size,
                                                      bool archived,
                                                      std::optional<std::string> timestamp) {
  const source::DownloadVerdict verdict = source::download_verdict(blob, size);
  if (verdict == source::DownloadVerdict::empty) co_return std::nullopt;
  if (verdict != source::DownloadVerdict::download) {
    core::log().warn("{}", source::describe_skip(verdict, blob, size));
    co_return std::nullopt;
  }
  if (archived) {
    core::log().warn("{}/{} is in the Archive tier and cannot be downloaded", container, blob);
    co_return std::nullopt;
  }
  auto getting = client->get_blob(container, blob);
  const std::string body = co_await std::move(getting);
  co_return source::attachment(id, timestamp, body);
}

}  // namespace

std::shared_ptr<const source::SourceDescriptor> AzureBlobStorageDataSource::descriptor_ptr() {
  static const auto descriptor =
      std::make_shared<const source::SourceDescriptor>(source::SourceDescriptor{
          kServiceType,
          "Azure Blob Storage",
          {
              source::ConfigField{.key = "account_name",
                                  .label = "Azure Blob Storage account name",
                                  .order = 1,
                                  .value = "devstoreaccount1"},
              // Marked sensitive, unlike the reference: it is a secret.
              source::ConfigField{.key = "account_key",
                                  .label = "Azure Blob Storage account key",
                                  .order = 2,
                                  .value = kAzuriteKey,
                                  .sensitive = true},
              source::ConfigField{.key = "blob_endpoint",
                                  .label = "Azure Blob Storage blob endpoint",
                                  .order = 3,
                                  .value = "http://127.0.0.1:10000/devstoreaccount1"},
              advanced_int("retry_count", "Retries per request", 4, 3),
              advanced_int("concurrent_downloads", "Maximum concurrent downloads", 5, 100,
                           {source::FieldValidation{"less_than", kMaxConcurrentDownloads + 1}}),
          }});
  return descriptor;
}

AzureBlobStorageDataSource::AzureBlobStorageDataSource(
    source::DataSourceConfiguration configuration, const source::SourceContext& context)
    : DataSource(descriptor_ptr(), std::move(configuration)), executor_(context.executor) {}

std::shared_ptr<AzureBlobClient> AzureBlobStorageDataSource::client() {
  if (client_) return client_;
  const auto& config = configuration();
  http::RetrySettings retry;
  retry.retries = static_cast<int>(std::max<std::int64_t>(0, config.get_int("retry_count")));
  http::ClientOptions options;
  options.max_response_bytes = std::size_t{64} * 1024 * 1024;
  options.max_connections_per_host = static_cast<int>(
      std::clamp<std::int64_t>(config.get_int("concurrent_downloads"), 1, kMaxConcurrentDownloads));
  try {
    client_ = std::make_shared<AzureBlobClient>(
        http::RetryingSender(std::make_shared<http::Client>(executor_, options), retry,
                             "Azure Blob Storage"),
        AzureAccount{config.get_string("account_name"), config.get_string("account_key"),
                     config.get_string("blob_endpoint")});
  } catch (const core::Error& error) {
    throw source::ConfigurationError(error.what());
  }
  return client_;
}

asio::awaitable<void> AzureBlobStorageDataSource::validate_config() {
  co_await DataSource::validate_config();
  client();  // names a malformed endpoint now
}

asio::awaitable<void> AzureBlobStorageDataSource::ping() {
  auto asking = client()->account_information();
  co_await std::move(asking);
}

void AzureBlobStorageDataSource::tweak_bulk_options(core::BulkOptions& options) const {
  options.concurrent_downloads = static_cast<std::size_t>(std::clamp<std::int64_t>(
      configuration().get_int("concurrent_downloads"), 1, kMaxConcurrentDownloads));
}

asio::awaitable<void> AzureBlobStorageDataSource::get_docs(source::DocumentSink& sink,
                                                           const protocol::Filter& /*filter*/) {
  const std::shared_ptr<AzureBlobClient> azure = client();
  std::string container_marker;
  for (;;) {
    auto listing_containers = azure->list_containers(container_marker);
    AzurePage<AzureContainer> containers = co_await std::move(listing_containers);
    for (const AzureContainer& container : containers.items) {
      std::string marker;
      for (;;) {
        AzurePage<AzureBlob> blobs;
        try {
          auto listing = azure->list_blobs(container.name, marker);
          blobs = co_await std::move(listing);
        } catch (const AzureError& error) {
          // Gone since the container listing, or not readable: its blobs are not deleted.
          sink.unreadable("azure://" + container.name, error.what());
          break;
        }
        for (const AzureBlob& blob : blobs.items) {
          json::object document = make_document(container, blob);
          std::string id(document.at("_id").get_string());
          const bool archived = blob.access_tier == "Archive";
          source::SourceDocument emitted{
              std::move(document),
              [azure, name = container.name, blob_name = blob.name, id = std::move(id),
               size = blob.size, archived](bool doit, std::optional<std::string> timestamp) {
                if (!doit) return source::no_download();
                return download(azure, name, blob_name, id, size, archived, std::move(timestamp));
              }};
          auto emitting = sink.emit(std::move(emitted));
          co_await std::move(emitting);
        }
        if (!blobs.next_marker) break;
        marker = std::move(*blobs.next_marker);
      }
    }
    if (!containers.next_marker) break;
    container_marker = std::move(*containers.next_marker);
  }
}

json::object AzureBlobStorageDataSource::make_document(const AzureContainer& container,
                                                       const AzureBlob& blob) {
  json::object lease;
  lease["status"] = blob.lease_status;
  lease["state"] = blob.lease_state;
  lease["duration"] = optional_value(blob.lease_duration);
  constexpr std::size_t kCapacity = 16;
  return json::object(
      {
          {"_id", container.name + "/" + blob.name},
          {"_timestamp", iso_time(blob.last_modified)},
          {"created at", iso_time(blob.creation_time)},
          {"content type", blob.content_type},
          {"container metadata", metadata_text(container.metadata)},
          {"metadata", metadata_text(blob.metadata)},
          {"leasedata", source::python_repr(lease)},
          {"title", blob.name},
          {"tier", optional_value(blob.access_tier)},
          {"size", blob.size},
          {"container", container.name},
      },
      kCapacity);
}

}  // namespace ei::sources
