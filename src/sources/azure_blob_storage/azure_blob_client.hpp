#pragma once

// The Azure Blob Storage calls the source makes, authorized with Shared Key and sent through
// the shared retrying HTTP layer: Get Account Information, List Containers, List Blobs (marker
// paging) and Get Blob.

#include <boost/asio/awaitable.hpp>
#include <string>

#include "http/retrying_sender.hpp"
#include "source/errors.hpp"
#include "sources/azure_blob_storage/azure_listing.hpp"
#include "sources/object_store/aws_sigv4.hpp"

namespace ei::sources {

// An answer that is an error: the operation, the HTTP status and Azure's error code.
class AzureError : public source::SourceError {
 public:
  AzureError(const std::string& message, long status, std::string code)
      : source::SourceError(message), status_(status), code_(std::move(code)) {}
  long status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  long status_;
  std::string code_;
};

struct AzureAccount {
  std::string name;
  std::string key;       // base64, as the portal shows it
  std::string endpoint;  // "https://<account>.blob.core.windows.net" or Azurite's path style
};

class AzureBlobClient {
 public:
  // Throws core::Error when the endpoint is not an http(s) URL.
  AzureBlobClient(http::RetryingSender http, AzureAccount account);

  boost::asio::awaitable<void> account_information() const;
  boost::asio::awaitable<AzurePage<AzureContainer>> list_containers(std::string marker) const;
  boost::asio::awaitable<AzurePage<AzureBlob>> list_blobs(std::string container,
                                                          std::string marker) const;
  boost::asio::awaitable<std::string> get_blob(std::string container, std::string blob) const;

 private:
  boost::asio::awaitable<std::string> call(std::string operation, std::string path,
                                           object_store::HeaderList query) const;

  http::RetryingSender http_;
  AzureAccount account_;
  std::string origin_;       // scheme://host[:port]
  std::string path_prefix_;  // the endpoint's path ("/devstoreaccount1" on Azurite), encoded
};

}  // namespace ei::sources
