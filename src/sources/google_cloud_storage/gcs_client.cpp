#include "sources/google_cloud_storage/gcs_client.hpp"

#include "core/logging.hpp"
#include "http/url.hpp"
#include "sources/object_store/service_account_jwt.hpp"

namespace ei::sources {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// A token is renewed this long before Google says it expires.
constexpr std::chrono::seconds kRenewBefore{60};

// Google's error answers: {"error": {"code", "message"}} from the API, {"error",
// "error_description"} from the token endpoint.
std::string reason_of(const std::string& body) {
  boost::system::error_code error;
  const json::value parsed = json::parse(body, error);
  if (error || !parsed.is_object()) return body.substr(0, 200);
  const json::object& answer = parsed.get_object();
  const json::value* detail = answer.if_contains("error");
  if (detail == nullptr) return body.substr(0, 200);
  if (detail->is_object()) {
    if (const json::value* message = detail->get_object().if_contains("message");
        message != nullptr && message->is_string()) {
      return std::string(message->get_string());
    }
  }
  std::string reason =
      detail->is_string() ? std::string(detail->get_string()) : json::serialize(*detail);
  if (const json::value* description = answer.if_contains("error_description");
      description != nullptr && description->is_string()) {
    reason += ": " + std::string(description->get_string());
  }
  return reason;
}

GcsPage page_of(const std::string& body, const std::string& what) {
  boost::system::error_code error;
  json::value parsed = json::parse(body, error);
  if (error || !parsed.is_object()) {
    throw GcsError("Google Cloud Storage " + what + ": the answer is not a JSON object", 200);
  }
  GcsPage page;
  json::object& answer = parsed.get_object();
  if (json::value* items = answer.if_contains("items"); items != nullptr && items->is_array()) {
    page.items = std::move(items->get_array());
  }
  if (const json::value* token = answer.if_contains("nextPageToken");
      token != nullptr && token->is_string() && !token->get_string().empty()) {
    page.next_page_token = std::string(token->get_string());
  }
  return page;
}

}  // namespace

GcsClient::GcsClient(http::RetryingSender http, ServiceAccount account, std::string root)
    : http_(std::move(http)), account_(std::move(account)), root_(std::move(root)) {}

asio::awaitable<std::string> GcsClient::access_token() {
  if (!token_.empty() && core::Clock::now() + kRenewBefore < token_expiry_) co_return token_;
  const std::string assertion = object_store::service_account_assertion(
      account_.client_email, account_.private_key, account_.token_uri, kScope, core::Clock::now());
  const auto make_request = [&] {
    http::Request request;
    request.method = "POST";
    request.url = account_.token_uri;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body =
        "grant_type=" + http::encode_component("urn:ietf:params:oauth:grant-type:jwt-bearer") +
        "&assertion=" + http::encode_component(assertion);
    return request;
  };
  ++token_requests_;
  auto sending = http_.send(make_request);
  const http::Response response = co_await std::move(sending);
  if (!response.ok()) {
    throw GcsError("Google OAuth token request to " + account_.token_uri + " for " +
                       account_.client_email + " failed: HTTP " + std::to_string(response.status) +
                       " " + reason_of(response.body),
                   response.status);
  }
  boost::system::error_code error;
  const json::value parsed = json::parse(response.body, error);
  const json::value* token =
      !error && parsed.is_object() ? parsed.get_object().if_contains("access_token") : nullptr;
  if (token == nullptr || !token->is_string() || token->get_string().empty()) {
    throw GcsError(
        "Google OAuth token request to " + account_.token_uri + " answered without an access_token",
        response.status);
  }
  std::int64_t lifetime = 3600;
  if (const json::value* expires = parsed.get_object().if_contains("expires_in");
      expires != nullptr && expires->is_int64()) {
    lifetime = expires->get_int64();
  }
  token_ = std::string(token->get_string());
  token_expiry_ = core::Clock::now() + std::chrono::seconds(lifetime);
  co_return token_;
}

asio::awaitable<std::string> GcsClient::get(std::string operation, std::string url) {
  auto getting_token = access_token();
  const std::string token = co_await std::move(getting_token);
  const auto make_request = [&] {
    http::Request request;
    request.url = url;
    request.headers = {{"Authorization", "Bearer " + token}};
    return request;
  };
  auto sending = http_.send(make_request);
  http::Response response = co_await std::move(sending);
  if (response.ok()) co_return std::move(response.body);
  if (response.status == 401) token_.clear();  // a revoked token: the next call asks again
  throw GcsError("Google Cloud Storage " + operation + " failed: HTTP " +
                     std::to_string(response.status) + " " + reason_of(response.body),
                 response.status);
}

asio::awaitable<GcsPage> GcsClient::list_buckets(std::string page_token,
                                                 std::optional<int> max_results) {
  http::QueryParams query{{"project", account_.project_id}, {"userProject", account_.project_id}};
  if (!page_token.empty()) query.emplace_back("pageToken", page_token);
  query.emplace_back("maxResults", std::to_string(max_results.value_or(kPageSize)));
  auto getting = get("buckets.list of project " + account_.project_id,
                     http::join(root_, "/storage/v1/b", query));
  const std::string body = co_await std::move(getting);
  co_return page_of(body, "buckets.list");
}

asio::awaitable<GcsPage> GcsClient::list_objects(std::string bucket, std::string page_token) {
  // Asked explicitly: Google's default is 1,000, but a server without a default (fake-gcs-server
  // answered 100,000 objects in one 70 MB page) must not decide how much memory a page takes.
  http::QueryParams query{{"userProject", account_.project_id},
                          {"maxResults", std::to_string(kPageSize)}};
  if (!page_token.empty()) query.emplace_back("pageToken", page_token);
  auto getting =
      get("objects.list of bucket " + bucket,
          http::join(root_, "/storage/v1/b/" + http::encode_component(bucket) + "/o", query));
  const std::string body = co_await std::move(getting);
  co_return page_of(body, "objects.list");
}

asio::awaitable<std::string> GcsClient::download(std::string bucket, std::string name) {
  auto getting = get("objects.get of " + bucket + "/" + name,
                     http::join(root_,
                                "/storage/v1/b/" + http::encode_component(bucket) + "/o/" +
                                    http::encode_component(name),
                                {{"alt", "media"}, {"userProject", account_.project_id}}));
  co_return co_await std::move(getting);
}

}  // namespace ei::sources
