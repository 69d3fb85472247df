#include "http/retrying_sender.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <charconv>
#include <exception>

#include "core/logging.hpp"
#include "core/time.hpp"
#include "core/url_redaction.hpp"

namespace ei::http {

namespace asio = boost::asio;

bool retryable_status(long status) {
  return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
         status == 504;
}

std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  long long seconds = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error == std::errc() && end == value.data() + value.size()) {
    if (seconds < 0) return std::nullopt;
    return std::chrono::seconds(seconds);
  }
  const std::optional<core::TimePoint> when = core::parse_http_date(value);
  if (!when) return std::nullopt;
  const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*when - now);
  return wait.count() > 0 ? wait : std::chrono::milliseconds(0);
}

std::chrono::milliseconds backoff_delay(const RetrySettings& settings, int failures) {
  std::chrono::milliseconds delay = settings.first_delay;
  for (int i = 1; i < failures && delay < settings.max_delay; ++i) delay *= 2;
  return std::min(delay, settings.max_delay);
}

RetryingSender::RetryingSender(std::shared_ptr<http::Client> client, RetrySettings settings,
                               std::string service)
    : client_(std::move(client)), settings_(settings), service_(std::move(service)) {}

asio::awaitable<http::Response> RetryingSender::send(
    std::function<http::Request()> make_request) const {
  const int attempts = 1 + std::max(0, settings_.retries);
  for (int attempt = 1;; ++attempt) {
    http::Request request = make_request();
    const std::string method = request.method;
    const std::string url = core::redact_url(request.url);
    std::string failure;
    std::chrono::milliseconds delay = backoff_delay(settings_, attempt);
    try {
      auto sending = client_->send(std::move(request));
      http::Response response = co_await std::move(sending);
      if (!retryable_status(response.status) || attempt >= attempts) co_return response;
      failure = method + " " + url + " answered HTTP " + std::to_string(response.status);
      if (const auto header = response.header("Retry-After")) {
        if (const auto asked = parse_retry_after(*header, std::chrono::system_clock::now())) {
          delay = std::min(*asked, settings_.max_retry_after);
          failure += " with Retry-After: " + *header;
        }
      }
    } catch (const http::TransportError& error) {
      if (!error.retryable() || attempt >= attempts) throw;
      failure = error.what();  // names the method and the URL
    }
    core::log().warn("{}: {} (attempt {} of {}); retrying in {} ms", service_, failure, attempt,
                     attempts, delay.count());
    asio::steady_timer timer(co_await asio::this_coro::executor, delay);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

}  // namespace ei::http
