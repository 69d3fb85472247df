#include "sources/s3/s3_client.hpp"

#include "core/error.hpp"
#include "core/time.hpp"

namespace ei::sources {

namespace asio = boost::asio;
using object_store::HeaderList;

namespace {

struct Endpoint {
  std::string scheme;  // "http" or "https"
  std::string host;    // host[:port]
  std::string prefix;  // a path the endpoint URL carries, without its trailing slash
};

Endpoint split_endpoint(const std::string& endpoint) {
  const std::size_t separator = endpoint.find("://");
  if (separator == std::string::npos) {
    throw core::Error("The S3 endpoint '" + endpoint + "' is not an http(s) URL");
  }
  Endpoint parts;
  parts.scheme = endpoint.substr(0, separator);
  if (parts.scheme != "http" && parts.scheme != "https") {
    throw core::Error("The S3 endpoint '" + endpoint + "' is not an http(s) URL");
  }
  const std::string rest = endpoint.substr(separator + 3);
  const std::size_t slash = rest.find('/');
  parts.host = rest.substr(0, slash);
  if (slash != std::string::npos) parts.prefix = rest.substr(slash);
  while (!parts.prefix.empty() && parts.prefix.back() == '/') parts.prefix.pop_back();
  if (parts.host.empty()) {
    throw core::Error("The S3 endpoint '" + endpoint + "' names no host");
  }
  return parts;
}

// Bucket names that can be a DNS label of a virtual-hosted URL over TLS (no dots).
bool virtual_host_compatible(std::string bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  for (char c : bucket) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return bucket.front() != '-' && bucket.back() != '-';
}

}  // namespace

S3Address s3_address(const S3ClientSettings& settings, std::string region, std::string bucket,
                     std::string key, const HeaderList& query) {
  S3Address address;
  std::string scheme;
  if (!settings.endpoint.empty()) {
    Endpoint endpoint = split_endpoint(settings.endpoint);
    scheme = endpoint.scheme;
    address.host = endpoint.host;
    address.path = endpoint.prefix + "/";
    if (!bucket.empty()) address.path += bucket + (key.empty() ? "" : "/" + key);
  } else {
    scheme = "https";
    const std::string regional =
        region.empty() ? "s3.amazonaws.com" : "s3." + region + ".amazonaws.com";
    if (!bucket.empty() && virtual_host_compatible(bucket)) {
      address.host = bucket + "." + regional;
      address.path = "/" + key;
    } else {
      address.host = regional;
      address.path = "/";
      if (!bucket.empty()) address.path += bucket + (key.empty() ? "" : "/" + key);
    }
  }
  address.url = scheme + "://" + address.host + object_store::aws_uri_encode(address.path, true);
  if (!query.empty()) address.url += "?" + object_store::aws_canonical_query(query);
  return address;
}

S3Client::S3Client(http::RetryingSender http, object_store::AwsCredentials credentials,
                   S3ClientSettings settings)
    : http_(std::move(http)),
      credentials_(std::move(credentials)),
      settings_(std::move(settings)) {}

asio::awaitable<std::string> S3Client::call(std::string operation, std::string region,
                                            std::string bucket, std::string key,
                                            HeaderList query) const {
  const std::string signing_region = region.empty() ? settings_.default_region : region;
  const S3Address address = s3_address(settings_, region, bucket, key, query);
  const auto make_request = [&] {
    object_store::AwsRequest signed_request;
    signed_request.host = address.host;
    signed_request.path = address.path;
    signed_request.query = query;
    http::Request request;
    request.url = address.url;
    request.timeout = settings_.timeout;
    request.headers = object_store::aws_sign_v4(signed_request, credentials_, signing_region, "s3",
                                                core::Clock::now());
    return request;
  };
  auto sending = http_.send(make_request);
  http::Response response = co_await std::move(sending);
  if (response.ok()) co_return std::move(response.body);
  std::string what = "S3 " + operation;
  if (!bucket.empty()) what += " of " + bucket + (key.empty() ? "" : "/" + key);
  what += " failed: HTTP " + std::to_string(response.status);
  std::string code;
  if (auto error = parse_error_document(response.body)) {
    code = error->code;
    what += " " + error->code + (error->message.empty() ? "" : ": " + error->message);
  }
  throw S3Error(what, response.status, code);
}

asio::awaitable<std::vector<std::string>> S3Client::list_buckets() const {
  std::vector<std::string> names;
  std::optional<std::string> token;
  do {
    HeaderList query;
    if (token) query.emplace_back("continuation-token", *token);
    auto calling = call("ListBuckets", "", "", "", std::move(query));
    const std::string body = co_await std::move(calling);
    S3BucketPage page = parse_bucket_page(body);
    for (auto& name : page.names) names.push_back(std::move(name));
    token = std::move(page.continuation_token);
  } while (token);
  co_return names;
}

asio::awaitable<std::string> S3Client::bucket_location(std::string bucket) const {
  auto calling = call("GetBucketLocation", "", bucket, "", HeaderList{{"location", ""}});
  const std::string body = co_await std::move(calling);
  co_return parse_bucket_location(body);
}

asio::awaitable<S3ObjectPage> S3Client::list_objects(std::string bucket, std::string region,
                                                     std::string marker, int max_keys) const {
  HeaderList query{{"encoding-type", "url"}, {"max-keys", std::to_string(max_keys)}};
  if (!marker.empty()) query.emplace_back("marker", marker);
  auto calling = call("ListObjects", region, bucket, "", std::move(query));
  const std::string body = co_await std::move(calling);
  co_return parse_object_page(body, true);
}

asio::awaitable<std::string> S3Client::get_object(std::string bucket, std::string region,
                                                  std::string key) const {
  auto calling = call("GetObject", region, bucket, key, {});
  co_return co_await std::move(calling);
}

}  // namespace ei::sources
