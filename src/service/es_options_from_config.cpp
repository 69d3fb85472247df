#include "service/es_options_from_config.hpp"

namespace ei::service {

namespace {

std::chrono::milliseconds to_ms(core::Seconds seconds) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(seconds);
}

}  // namespace

es::EsOptions es_options_from_config(const core::ElasticsearchConfig& config) {
  es::EsOptions options;
  options.host = config.host;
  options.username = config.username;
  options.password = config.password;
  // Basic auth wins (spec §5.1); the loader already rejects both together.
  if (!config.username) options.api_key = config.api_key;
  options.ssl = config.ssl;
  if (config.ssl) options.ca_certs = config.ca_certs;
  for (const auto& [name, value] : config.headers) options.headers.emplace_back(name, value);
  options.request_timeout = to_ms(config.request_timeout);
  options.retry_on_timeout = config.retry_on_timeout;
  options.backoff = config.backoff_policy();
  options.max_response_bytes = static_cast<std::size_t>(config.max_response_size * 1024.0 * 1024.0);
  return options;
}

}  // namespace ei::service
