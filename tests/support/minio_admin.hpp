#pragma once

// The tests' and benchmarks' own S3 calls against the MinIO of tests/servers/minio (create buckets,
// put and delete objects), signed with SigV4 and sent many at a time: 10,001 objects load in
// seconds. It uses the signing code of the source, which unit tests check against AWS's published
// vectors and botocore; MinIO, which verifies every signature, is the independent judge.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/run_to_completion.hpp"
#include "core/time.hpp"
#include "http/client.hpp"
#include "sources/object_store/aws_sigv4.hpp"
#include "sources/s3/s3_listing.hpp"
#include "support/concurrent_requests.hpp"

namespace ei::s3_testing {

namespace asio = boost::asio;

struct Object {
  std::string key;
  std::string body;
};

class MinioAdmin {
 public:
  MinioAdmin(std::string host, sources::object_store::AwsCredentials credentials)
      : host_(std::move(host)),
        credentials_(std::move(credentials)),
        client_(io_.get_executor(), http::ClientOptions{}) {}

  void create_bucket(const std::string& bucket) {
    const http::Response response = run(send("PUT", bucket, "", ""));
    if (!response.ok()) {
      throw core::Error("create bucket " + bucket + ": " + std::to_string(response.status) + " " +
                        response.body);
    }
  }

  void put(const std::string& bucket, const std::vector<Object>& objects) {
    for_each(objects.size(),
             [&](std::size_t i) { return send("PUT", bucket, objects[i].key, objects[i].body); });
  }

  void remove(const std::string& bucket, const std::vector<std::string>& keys) {
    for_each(keys.size(), [&](std::size_t i) { return send("DELETE", bucket, keys[i], ""); });
  }

  // Deletes every object of the bucket, then the bucket (a missing bucket is fine).
  void drop_bucket(const std::string& bucket) {
    for (;;) {
      const http::Response listing = run(send("GET", bucket, "", "", {{"max-keys", "1000"}}));
      if (listing.status == 404) return;
      const sources::S3ObjectPage page = sources::parse_object_page(listing.body, false);
      if (page.objects.empty()) break;
      std::vector<std::string> keys;
      for (const auto& object : page.objects) keys.push_back(object.key);
      remove(bucket, keys);
    }
    run(send("DELETE", bucket, "", ""));
  }

 private:
  template <class T>
  T run(asio::awaitable<T> task) {
    return core::run_to_completion(io_, std::move(task));
  }

  asio::awaitable<http::Response> send(std::string method, std::string bucket, std::string key,
                                       std::string body,
                                       sources::object_store::HeaderList query = {}) {
    sources::object_store::AwsRequest request;
    request.method = method;
    request.host = host_;
    request.path = "/" + bucket + (key.empty() ? "" : "/" + key);
    request.query = query;
    request.payload_sha256 = core::sha256_hex(body);
    http::Request sent;
    sent.method = method;
    sent.url = "http://" + host_ + sources::object_store::aws_uri_encode(request.path, true);
    if (!query.empty()) sent.url += "?" + sources::object_store::aws_canonical_query(query);
    sent.headers = sources::object_store::aws_sign_v4(request, credentials_, "us-east-1", "s3",
                                                      core::Clock::now());
    if (method == "PUT") sent.headers.emplace_back("Content-Type", "text/plain");
    sent.body = std::move(body);
    co_return co_await client_.send(std::move(sent));
  }

  template <class Make>
  void for_each(std::size_t count, Make make) {
    testing::send_concurrently(io_, count, make);
  }

  asio::io_context io_;
  std::string host_;
  sources::object_store::AwsCredentials credentials_;
  http::Client client_;
};

}  // namespace ei::s3_testing
