#include "service/preflight.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/logging.hpp"
#include "core/url_redaction.hpp"
#include "es/errors.hpp"

namespace ei::service {

namespace asio = boost::asio;

namespace {

asio::awaitable<void> sleep_for(std::chrono::milliseconds delay) {
  asio::steady_timer timer(co_await asio::this_coro::executor, delay);
  co_await timer.async_wait(asio::use_awaitable);
}

}  // namespace

asio::awaitable<bool> Preflight::run() {
  auto& log = core::log();
  log.info("Preflight checks...");
  if (!co_await wait_for_elasticsearch()) {
    log.critical("{} seem down. Bye!", core::redact_url(client_.options().host));
    co_return false;
  }
  co_return co_await check_indices();
}

asio::awaitable<bool> Preflight::wait_for_elasticsearch() {
  auto& log = core::log();
  auto start = std::chrono::steady_clock::now();
  auto delay = settings_.wait.initial;
  // Spec §5.3: ping, then sleep initial, initial*m, ... while the total stays under
  // max_wait_duration.
  while (std::chrono::steady_clock::now() - start < settings_.wait.max_wait) {
    auto so_far =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
    log.info("Waiting for {} (so far: {} secs)", core::redact_url(client_.options().host),
             so_far.count());
    if (co_await client_.ping()) co_return true;
    co_await sleep_for(delay);
    delay = std::chrono::milliseconds(
        static_cast<long long>(static_cast<double>(delay.count()) * settings_.wait.multiplier));
  }
  co_return false;
}

asio::awaitable<bool> Preflight::check_indices() {
  auto& log = core::log();
  for (int attempt = 0;; ++attempt) {
    std::string problem;
    try {
      for (const auto& index : settings_.required_indices) {
        if (!co_await client_.index_exists(index)) {
          problem = "Could not find index " + index;
          break;
        }
      }
      if (problem.empty()) co_return true;
    } catch (const core::Error& error) {
      problem = error.what();
    }
    if (attempt >= settings_.max_attempts) {
      log.critical("Could not perform preflight check after {} retries.", settings_.max_attempts);
      log.critical("{}", problem);
      co_return false;
    }
    log.warn("Attempt {}/{} failed. Retrying...", attempt + 1, settings_.max_attempts);
    log.warn("{}", problem);
    co_await sleep_for(settings_.idle);
  }
}

}  // namespace ei::service
