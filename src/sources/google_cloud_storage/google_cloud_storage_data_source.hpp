#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "source/data_source.hpp"
#include "source/source_context.hpp"
#include "sources/google_cloud_storage/gcs_client.hpp"
#include "sources/object_store/environment_lookup.hpp"

namespace ei::sources {

// `google_cloud_storage` / GoogleCloudStorageDataSource (spec sources §10): every object of
// every bucket of the service account's project (or of the buckets of our `buckets` field),
// listed page by page through the JSON API,
// with a lazy alt=media download of the supported extensions. STORAGE_EMULATOR_HOST (as
// Google's client libraries read it) sends every call to an emulator instead.
class GoogleCloudStorageDataSource : public source::DataSource {
 public:
  static constexpr const char* kServiceType = "google_cloud_storage";

  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  GoogleCloudStorageDataSource(source::DataSourceConfiguration configuration,
                               const source::SourceContext& context);
  GoogleCloudStorageDataSource(source::DataSourceConfiguration configuration,
                               const source::SourceContext& context,
                               const object_store::EnvironmentLookup& environment);

  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<void> validate_config() override;
  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;

  // The document of an object resource (spec §10.4 table).
  static boost::json::object make_document(const boost::json::object& resource,
                                           const std::string& project_id);

  // The client, made on first use; for tests (token requests).
  std::shared_ptr<GcsClient> client();

 private:
  // The `buckets` field: empty for `*` (every bucket of the project).
  std::vector<std::string> configured_buckets() const;
  boost::asio::awaitable<void> sync_bucket(source::DocumentSink& sink,
                                           std::shared_ptr<GcsClient> gcs, std::string bucket);

  boost::asio::any_io_executor executor_;
  std::string root_;
  std::shared_ptr<GcsClient> client_;
};

}  // namespace ei::sources
