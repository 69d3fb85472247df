#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>

#include "core/backoff.hpp"
#include "es/es_client.hpp"

namespace ei::service {

struct PreflightSettings {
  core::BackoffPolicy wait;  // elasticsearch.initial_backoff_duration, ... max_wait_duration
  int max_attempts = 10;     // service.preflight_max_attempts
  std::chrono::milliseconds idle{std::chrono::seconds(30)};  // service.preflight_idle
  // The protocol indices (aliases count) that must exist before the services start.
  std::vector<std::string> required_indices{".elastic-connectors", ".elastic-connectors-sync-jobs"};
};

// Spec §6: wait for Elasticsearch with backoff, then check the protocol indices with a
// bounded number of retries. Cancel the awaiting coroutine (SIGINT/SIGTERM) to stop it;
// a canceled preflight fails.
class Preflight {
 public:
  Preflight(es::EsClient& client, PreflightSettings settings)
      : client_(client), settings_(std::move(settings)) {}

  // True when the services may start. Logs each step and the reason of a failure.
  boost::asio::awaitable<bool> run();

 private:
  boost::asio::awaitable<bool> wait_for_elasticsearch();
  boost::asio::awaitable<bool> check_indices();

  es::EsClient& client_;
  PreflightSettings settings_;
};

}  // namespace ei::service
