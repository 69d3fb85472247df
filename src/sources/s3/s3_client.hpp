#pragma once

// The four S3 calls the source makes, signed with SigV4 and sent through the shared retrying
// HTTP layer: ListBuckets, GetBucketLocation, ListObjects (v1, marker paging) and GetObject.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "http/retrying_sender.hpp"
#include "source/errors.hpp"
#include "sources/object_store/aws_sigv4.hpp"
#include "sources/s3/s3_listing.hpp"

namespace ei::sources {

// An S3 call got an answer that is an error: the operation, the HTTP status and S3's code
// ("NoSuchBucket", "SignatureDoesNotMatch", "InvalidObjectState") in the message.
class S3Error : public source::SourceError {
 public:
  S3Error(const std::string& message, long status, std::string code)
      : source::SourceError(message), status_(status), code_(std::move(code)) {}
  long status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  long status_;
  std::string code_;
};

// Where requests go. An endpoint URL ("http://127.0.0.1:9000", a MinIO or Ceph) is used for
// every region with path-style addressing (`<endpoint>/<bucket>/<key>`); without one, AWS's
// regional endpoints with virtual-host addressing (`https://<bucket>.s3.<region>.amazonaws.com/`)
// for DNS-compatible bucket names, path style for the others (names with dots).
struct S3Address {
  std::string url;   // scheme://host[:port]/encoded-path[?query]
  std::string host;  // the Host header: host[:port]
  std::string path;  // decoded, for signing
};

struct S3ClientSettings {
  std::string endpoint;  // "" for AWS
  std::string default_region = "us-east-1";
  std::chrono::milliseconds timeout{std::chrono::seconds(90)};
};

// Throws core::Error when `endpoint` is not an http(s) URL.
S3Address s3_address(const S3ClientSettings& settings, std::string region, std::string bucket,
                     std::string key, const object_store::HeaderList& query);

class S3Client {
 public:
  S3Client(http::RetryingSender http, object_store::AwsCredentials credentials,
           S3ClientSettings settings);

  // Every bucket of the account (following ListBuckets' continuation token).
  boost::asio::awaitable<std::vector<std::string>> list_buckets() const;
  // The bucket's region ("" when S3 says us-east-1).
  boost::asio::awaitable<std::string> bucket_location(std::string bucket) const;
  // One page of the bucket's objects in key order, after `marker` ("" for the first).
  boost::asio::awaitable<S3ObjectPage> list_objects(std::string bucket, std::string region,
                                                    std::string marker, int max_keys) const;
  // The whole object.
  boost::asio::awaitable<std::string> get_object(std::string bucket, std::string region,
                                                 std::string key) const;

  const S3ClientSettings& settings() const { return settings_; }

 private:
  // Sends the signed request; a non-2xx answer becomes an S3Error naming `operation`.
  boost::asio::awaitable<std::string> call(std::string operation, std::string region,
                                           std::string bucket, std::string key,
                                           object_store::HeaderList query) const;

  http::RetryingSender http_;
  object_store::AwsCredentials credentials_;
  S3ClientSettings settings_;
};

}  // namespace ei::sources
