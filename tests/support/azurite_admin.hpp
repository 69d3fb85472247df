#pragma once

// The tests' and benchmarks' own Blob Storage calls against the Azurite of tests/servers/azurite
// (containers, block blobs with metadata, deletes), authorized with Shared Key and sent many at a
// time. Azurite checks every signature, so it is the judge of the signing code both sides use.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/run_to_completion.hpp"
#include "http/client.hpp"
#include "sources/object_store/aws_sigv4.hpp"
#include "sources/object_store/azure_shared_key.hpp"
#include "support/concurrent_requests.hpp"

namespace ei::azure_testing {

namespace asio = boost::asio;
using sources::object_store::HeaderList;

constexpr const char* kAccount = "devstoreaccount1";
constexpr const char* kKey =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
constexpr const char* kEndpoint = "http://127.0.0.1:10000/devstoreaccount1";

struct Blob {
  std::string name;
  std::string body;
  HeaderList metadata = {};
};

class AzuriteAdmin {
 public:
  AzuriteAdmin() : client_(io_.get_executor(), http::ClientOptions{}) {}

  void create_container(const std::string& container, const HeaderList& metadata = {}) {
    const http::Response response =
        run(send("PUT", "/" + container, {{"restype", "container"}}, "", metadata, false));
    if (response.status != 201) {
      throw core::Error("create container " + container + ": " + std::to_string(response.status) +
                        " " + response.body);
    }
  }

  void delete_container(const std::string& container) {
    run(send("DELETE", "/" + container, {{"restype", "container"}}, "", {}, false));
  }

  void put(const std::string& container, const std::vector<Blob>& blobs) {
    for_each(blobs.size(), [&](std::size_t i) {
      return send("PUT", path(container, blobs[i].name), {}, blobs[i].body, blobs[i].metadata,
                  true);
    });
  }

  void remove(const std::string& container, const std::vector<std::string>& names) {
    for_each(names.size(), [&](std::size_t i) {
      return send("DELETE", path(container, names[i]), {}, "", {}, false);
    });
  }

 private:
  static std::string path(const std::string& container, const std::string& name) {
    return "/" + container + "/" + sources::object_store::aws_uri_encode(name, true);
  }

  template <class T>
  T run(asio::awaitable<T> task) {
    return core::run_to_completion(io_, std::move(task));
  }

  asio::awaitable<http::Response> send(std::string method, std::string encoded_path,
                                       HeaderList query, std::string body, HeaderList metadata,
                                       bool block_blob) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char date[64];
    std::strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &utc);
    sources::object_store::AzureRequest request;
    request.method = method;
    request.encoded_path = "/" + std::string(kAccount) + encoded_path;
    request.query = query;
    request.headers = {{"x-ms-date", date}, {"x-ms-version", "2021-12-02"}};
    if (method == "PUT") {
      request.headers.emplace_back("Content-Length", std::to_string(body.size()));
      request.headers.emplace_back("Content-Type", "text/plain");
    }
    if (block_blob) request.headers.emplace_back("x-ms-blob-type", "BlockBlob");
    for (const auto& [name, value] : metadata)
      request.headers.emplace_back("x-ms-meta-" + name, value);
    http::Request sent;
    sent.method = method;
    sent.url = std::string("http://127.0.0.1:10000") + request.encoded_path;
    for (std::size_t i = 0; i < query.size(); ++i) {
      sent.url += (i == 0 ? "?" : "&") + query[i].first + "=" + query[i].second;
    }
    for (const auto& header : request.headers) {
      if (header.first != "Content-Length") sent.headers.push_back(header);
    }
    sent.headers.emplace_back(
        "Authorization",
        sources::object_store::azure_shared_key_authorization(request, kAccount, kKey));
    sent.body = std::move(body);
    co_return co_await client_.send(std::move(sent));
  }

  template <class Make>
  void for_each(std::size_t count, Make make) {
    testing::send_concurrently(io_, count, make);
  }

  asio::io_context io_;
  http::Client client_;
};

}  // namespace ei::azure_testing
