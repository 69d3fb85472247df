#include "sources/azure_blob_storage/azure_blob_client.hpp"

#include "core/error.hpp"
#include "core/time.hpp"
#include "sources/object_store/azure_shared_key.hpp"

namespace ei::sources {

namespace asio = boost::asio;
using object_store::HeaderList;

namespace {

// The REST version asked for (Azurite and Azure both serve it).
constexpr const char* kApiVersion = "2021-12-02";

std::string http_date_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[64];
  std::strftime(text, sizeof(text), "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text;
}

}  // namespace

AzureBlobClient::AzureBlobClient(http::RetryingSender http, AzureAccount account)
    : http_(std::move(http)), account_(std::move(account)) {
  std::string endpoint = account_.endpoint;
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  const std::size_t separator = endpoint.find("://");
  if (separator == std::string::npos || (endpoint.compare(0, separator, "http") != 0 &&
                                         endpoint.compare(0, separator, "https") != 0)) {
    throw core::Error("The blob endpoint '" + account_.endpoint + "' is not an http(s) URL");
  }
  const std::size_t slash = endpoint.find('/', separator + 3);
  origin_ = endpoint.substr(0, slash);
  if (slash != std::string::npos) path_prefix_ = endpoint.substr(slash);
  if (origin_.size() <= separator + 3) {
    throw core::Error("The blob endpoint '" + account_.endpoint + "' names no host");
  }
}

asio::awaitable<std::string> AzureBlobClient::call(std::string operation, std::string path,
                                                   HeaderList query) const {
  const std::string encoded_path = path_prefix_ + path;
  std::string url = origin_ + encoded_path;
  for (std::size_t i = 0; i < query.size(); ++i) {
    url += (i == 0 ? "?" : "&") + object_store::aws_uri_encode(query[i].first, false) + "=" +
           object_store::aws_uri_encode(query[i].second, false);
  }
  const auto make_request = [&] {
    object_store::AzureRequest signed_request;
    signed_request.encoded_path = encoded_path;
    signed_request.query = query;
    signed_request.headers = {{"x-ms-date", http_date_now()}, {"x-ms-version", kApiVersion}};
    http::Request request;
    request.url = url;
    request.headers = signed_request.headers;
    request.headers.emplace_back("Authorization", object_store::azure_shared_key_authorization(
                                                      signed_request, account_.name, account_.key));
    return request;
  };
  auto sending = http_.send(make_request);
  http::Response response = co_await std::move(sending);
  if (response.ok()) co_return std::move(response.body);
  std::string what =
      "Azure Blob Storage " + operation + " failed: HTTP " + std::to_string(response.status);
  std::string code = response.header("x-ms-error-code").value_or("");
  if (auto error = parse_azure_error(response.body)) {
    code = error->first;
    what += " " + error->first + ": " + error->second;
  } else if (!code.empty()) {
    what += " " + code;
  }
  throw AzureError(what, response.status, code);
}

asio::awaitable<void> AzureBlobClient::account_information() const {
  auto calling = call("Get Account Information", "/",
                      HeaderList{{"restype", "account"}, {"comp", "properties"}});
  co_await std::move(calling);
}

asio::awaitable<AzurePage<AzureContainer>> AzureBlobClient::list_containers(
    std::string marker) const {
  HeaderList query{{"comp", "list"}, {"include", "metadata"}};
  if (!marker.empty()) query.emplace_back("marker", marker);
  auto calling = call("List Containers", "/", std::move(query));
  const std::string body = co_await std::move(calling);
  co_return parse_container_page(body);
}

asio::awaitable<AzurePage<AzureBlob>> AzureBlobClient::list_blobs(std::string container,
                                                                  std::string marker) const {
  HeaderList query{{"restype", "container"}, {"comp", "list"}, {"include", "metadata"}};
  if (!marker.empty()) query.emplace_back("marker", marker);
  auto calling = call("List Blobs of " + container,
                      "/" + object_store::aws_uri_encode(container, false), std::move(query));
  const std::string body = co_await std::move(calling);
  co_return parse_blob_page(body);
}

asio::awaitable<std::string> AzureBlobClient::get_blob(std::string container,
                                                       std::string blob) const {
  auto calling = call("Get Blob " + container + "/" + blob,
                      "/" + object_store::aws_uri_encode(container, false) + "/" +
                          object_store::aws_uri_encode(blob, true),
                      {});
  co_return co_await std::move(calling);
}

}  // namespace ei::sources
