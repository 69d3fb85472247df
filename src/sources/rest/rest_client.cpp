#include "sources/rest/rest_client.hpp"

#include "core/pem_repair.hpp"
#include "core/url_redaction.hpp"

namespace ei::sources::rest {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

std::shared_ptr<http::Client> make_client(asio::any_io_executor executor,
                                          const RestClientSettings& settings) {
  http::ClientOptions options;
  // The references sent no overall timeout; a stalled answer must still end a sync.
  options.request_timeout = std::chrono::minutes(5);
  options.max_connections_per_host = std::max(1, settings.max_connections);
  options.max_response_bytes = settings.max_response_bytes;
  if (settings.ca_pem && !settings.ca_pem->empty()) {
    options.ca_pem = core::repaired_pem(*settings.ca_pem);
  }
  return std::make_shared<http::Client>(std::move(executor), std::move(options));
}

http::RetrySettings retry_settings(const RestClientSettings& settings) {
  http::RetrySettings retry;
  retry.retries = std::max(0, settings.retries);
  retry.first_delay = settings.first_delay;
  return retry;
}

std::string trimmed_base(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

// What a status means for the user, beyond its number.
std::string status_hint(long status) {
  switch (status) {
    case 401:
      return " (the credentials were refused)";
    case 403:
      return " (the account may not read this)";
    case 404:
      return " (not found)";
    case 429:
      return " (rate limited; retries spent)";
    default:
      return "";
  }
}

}  // namespace

RestClient::RestClient(asio::any_io_executor executor, RestClientSettings settings,
                       Authorization authorization)
    : settings_([&] {
        settings.base_url = trimmed_base(std::move(settings.base_url));
        return std::move(settings);
      }()),
      authorization_(std::move(authorization)),
      sender_(make_client(std::move(executor), settings_), retry_settings(settings_),
              settings_.service) {}

std::string RestClient::url(std::string_view target) const {
  if (target.starts_with("http://") || target.starts_with("https://")) return std::string(target);
  while (!target.empty() && target.front() == '/') target.remove_prefix(1);
  return settings_.base_url + "/" + std::string(target);
}

std::string RestClient::server() const {
  return settings_.service + " at " + core::redact_url(settings_.base_url);
}

asio::awaitable<http::Response> RestClient::call(Call call) {
  std::optional<std::string> authorization;
  if (call.authorize) {
    try {
      auto asking = authorization_.header();
      authorization = co_await std::move(asking);
    } catch (const source::SourceError& error) {
      throw RestError(server() + ": no access token: " + error.what(), 0);
    }
  }
  http::Response response;
  try {
    auto sending = sender_.send([&call, &authorization] {
      http::Request request;
      request.method = call.method;
      request.url = call.url;
      request.headers.emplace_back("Accept", call.accept);
      if (authorization) request.headers.emplace_back("Authorization", *authorization);
      if (!call.content_type.empty()) {
        request.headers.emplace_back("Content-Type", call.content_type);
      }
      request.body = call.body;
      return request;
    });
    response = co_await std::move(sending);
  } catch (const http::TransportError& error) {
    throw RestError(server() + ": " + error.what(), 0);
  }
  if (!response.ok()) {
    std::string message = server() + ": " + call.method + " " + core::redact_url(call.url) +
                          " answered HTTP " + std::to_string(response.status) +
                          status_hint(response.status);
    const std::string explained = vendor_message(response.body);
    if (!explained.empty()) message += ": " + explained;
    throw RestError(message, response.status);
  }
  co_return response;
}

json::value RestClient::parse(const http::Response& response, const std::string& method,
                              const std::string& absolute) const {
  boost::system::error_code error;
  json::value parsed = json::parse(response.body, error);
  if (error) {
    throw RestError(server() + ": " + method + " " + core::redact_url(absolute) +
                        " answered something that is not JSON (" + error.message() + ")",
                    response.status);
  }
  return parsed;
}

asio::awaitable<json::value> RestClient::get_json(std::string target) {
  Call get{.url = url(target), .accept = "application/json"};
  const std::string absolute = get.url;
  auto getting = call(std::move(get));
  const http::Response response = co_await std::move(getting);
  co_return parse(response, "GET", absolute);
}

asio::awaitable<std::string> RestClient::get_bytes(std::string target) {
  auto getting = call(Call{.url = url(target), .accept = "*/*"});
  http::Response response = co_await std::move(getting);
  co_return std::move(response.body);
}

asio::awaitable<json::value> RestClient::post_form(std::string target, std::string form) {
  Call post{.method = "POST",
            .url = url(target),
            .accept = "application/json",
            .body = std::move(form),
            .content_type = "application/x-www-form-urlencoded",
            .authorize = false};
  const std::string absolute = post.url;
  auto posting = call(std::move(post));
  const http::Response response = co_await std::move(posting);
  co_return parse(response, "POST", absolute);
}

}  // namespace ei::sources::rest
