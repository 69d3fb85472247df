#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "source/data_source.hpp"
#include "source/source_context.hpp"
#include "sources/azure_blob_storage/azure_blob_client.hpp"

namespace ei::sources {

// `azure_blob_storage` / AzureBlobStorageDataSource (spec sources §9): every blob of every
// container of the account, listed page by page with its metadata, with a lazy Get Blob of
// the supported extensions; Shared Key authorization.
class AzureBlobStorageDataSource : public source::DataSource {
 public:
  static constexpr const char* kServiceType = "azure_blob_storage";

  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  AzureBlobStorageDataSource(source::DataSourceConfiguration configuration,
                             const source::SourceContext& context);

  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<void> validate_config() override;
  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;
  // Downloads run `concurrent_downloads` at a time (spec §9.2).
  void tweak_bulk_options(core::BulkOptions& options) const override;

  // The document of a blob (spec §9.3 table).
  static boost::json::object make_document(const AzureContainer& container, const AzureBlob& blob);

 private:
  // Made on first use: the constructor does no I/O. Throws source::ConfigurationError for an
  // endpoint that is not a URL.
  std::shared_ptr<AzureBlobClient> client();

  boost::asio::any_io_executor executor_;
  std::shared_ptr<AzureBlobClient> client_;
};

}  // namespace ei::sources
