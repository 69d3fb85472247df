#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "source/data_source.hpp"
#include "source/source_context.hpp"
#include "sources/s3/aws_credentials.hpp"
#include "sources/s3/s3_client.hpp"

namespace ei::sources {

// `s3` / S3DataSource (spec sources §8): every object of the configured buckets (`*`: all
// of the account) as a document, listed page by page (ListObjects, marker paging), with a lazy
// GetObject of the supported extensions. Credentials and the endpoint come from the AWS chain
// (environment, shared credentials file, AWS_ENDPOINT_URL + AWS_PORT) unless the connector's
// own optional fields `endpoint`, `access_key_id`, `secret_access_key` (ours) set them.
class S3DataSource : public source::DataSource {
 public:
  static constexpr const char* kServiceType = "s3";

  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  S3DataSource(source::DataSourceConfiguration configuration, const source::SourceContext& context);
  // For tests: the environment the AWS chain reads.
  S3DataSource(source::DataSourceConfiguration configuration, const source::SourceContext& context,
               EnvironmentLookup environment);

  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<void> validate_config() override;
  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;

  // The document of an object (spec §8.4 table).
  static boost::json::object make_document(const std::string& bucket, const S3Object& object);

  // The endpoint requests go to ("" for AWS) and the region of region-less calls.
  const S3ClientSettings& client_settings() const { return settings_; }

 private:
  // The client, made on first use (the constructor does no I/O, not even reading the
  // credentials file). Throws source::SourceError when no credentials are found.
  std::shared_ptr<S3Client> client();

  boost::asio::any_io_executor executor_;
  EnvironmentLookup environment_;
  S3ClientSettings settings_;
  http::RetrySettings retry_;
  int page_size_ = 100;
  std::shared_ptr<S3Client> client_;
};

}  // namespace ei::sources
