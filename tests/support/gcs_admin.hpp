#pragma once

// The tests' and benchmarks' own calls to fake-gcs-server (which checks no credentials):
// buckets, media uploads and deletes, many at a time.

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/run_to_completion.hpp"
#include "http/client.hpp"
#include "http/url.hpp"
#include "support/concurrent_requests.hpp"

namespace ei::gcs_testing {

namespace json = boost::json;

struct Object {
  std::string name;
  std::string body;
};

inline http::Request request(std::string method, std::string url, std::string body = "") {
  http::Request made;
  made.method = std::move(method);
  made.url = std::move(url);
  if (!body.empty()) made.headers = {{"Content-Type", "text/plain"}};
  made.body = std::move(body);
  return made;
}

class GcsAdmin {
 public:
  explicit GcsAdmin(std::string emulator = "http://127.0.0.1:4443")
      : emulator_(std::move(emulator)), client_(io_.get_executor(), http::ClientOptions{}) {}

 public:
  void create_bucket(const std::string& bucket) {
    http::Request create = request("POST", emulator_ + "/storage/v1/b?project=ei-test-project",
                                   json::serialize(json::object{{"name", bucket}}));
    create.headers = {{"Content-Type", "application/json"}};
    const http::Response response = run(client_.send(std::move(create)));
    if (!response.ok()) {
      throw core::Error("create bucket " + bucket + ": " + std::to_string(response.status) + " " +
                        response.body);
    }
  }
  void put(const std::string& bucket, const std::vector<Object>& objects) {
    testing::send_concurrently(io_, objects.size(), [&](std::size_t i) {
      http::Request upload = request(
          "POST",
          http::join(emulator_, "/upload/storage/v1/b/" + http::encode_component(bucket) + "/o",
                     {{"uploadType", "media"}, {"name", objects[i].name}}),
          objects[i].body);
      upload.headers = {{"Content-Type", "text/plain"}};  // also for an empty object
      return client_.send(std::move(upload));
    });
  }
  void remove(const std::string& bucket, const std::vector<std::string>& names) {
    testing::send_concurrently(io_, names.size(), [&](std::size_t i) {
      return client_.send(request("DELETE", emulator_ + "/storage/v1/b/" +
                                                http::encode_component(bucket) + "/o/" +
                                                http::encode_component(names[i])));
    });
  }
  // Every object, then the bucket.
  void drop_bucket(const std::string& bucket) {
    for (;;) {
      const http::Response listing = run(client_.send(
          request("GET", emulator_ + "/storage/v1/b/" + http::encode_component(bucket) + "/o")));
      if (!listing.ok()) break;
      const json::value parsed = json::parse(listing.body);
      const json::value* items = parsed.as_object().if_contains("items");
      if (items == nullptr || items->as_array().empty()) break;
      std::vector<std::string> names;
      for (const auto& item : items->as_array()) names.emplace_back(item.at("name").as_string());
      remove(bucket, names);
    }
    run(client_.send(
        request("DELETE", emulator_ + "/storage/v1/b/" + http::encode_component(bucket))));
  }

 private:
  template <class T>
  T run(boost::asio::awaitable<T> task) {
    return core::run_to_completion(io_, std::move(task));
  }
  std::string emulator_;
  boost::asio::io_context io_;
  http::Client client_;
};

}  // namespace ei::gcs_testing
