#pragma once

// The Cloud Storage JSON API calls the source makes (buckets.list, objects.list, objects.get
// with alt=media) with an OAuth 2.0 access token from the service account's JWT-bearer grant,
// kept until a minute before it expires; all through the shared retrying HTTP layer.

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/time.hpp"
#include "http/retrying_sender.hpp"
#include "source/errors.hpp"
#include "sources/google_cloud_storage/service_account.hpp"

namespace ei::sources {

// An answer that is an error, with its status and Google's reason in the message.
class GcsError : public source::SourceError {
 public:
  GcsError(const std::string& message, long status)
      : source::SourceError(message), status_(status) {}
  long status() const { return status_; }

 private:
  long status_;
};

// One page of a listing: the resources of `items` and the token of the next page.
struct GcsPage {
  boost::json::array items;
  std::optional<std::string> next_page_token;
};

class GcsClient {
 public:
  static constexpr const char* kScope = "https://www.googleapis.com/auth/devstorage.read_only";
  // Resources per listing page (Google's default and maximum for objects.list).
  static constexpr int kPageSize = 1000;

  // `root`: "https://storage.googleapis.com", or an emulator's URL (no trailing slash).
  GcsClient(http::RetryingSender http, ServiceAccount account, std::string root);

  boost::asio::awaitable<GcsPage> list_buckets(std::string page_token,
                                               std::optional<int> max_results = {});
  boost::asio::awaitable<GcsPage> list_objects(std::string bucket, std::string page_token);
  boost::asio::awaitable<std::string> download(std::string bucket, std::string name);

  const ServiceAccount& account() const { return account_; }
  const std::string& root() const { return root_; }
  int token_requests() const { return token_requests_; }

 private:
  // A valid access token: the cached one, or a new one from the token_uri.
  boost::asio::awaitable<std::string> access_token();
  boost::asio::awaitable<std::string> get(std::string operation, std::string url);

  http::RetryingSender http_;
  ServiceAccount account_;
  std::string root_;
  std::string token_;
  core::TimePoint token_expiry_{};
  int token_requests_ = 0;
};

}  // namespace ei::sources
