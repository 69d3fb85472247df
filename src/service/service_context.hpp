#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "es/es_client.hpp"
#include "service/protocol_queries.hpp"
#include "source/source_registry.hpp"

namespace ei::service {

// What every service of one process shares: the configuration, the engine client, the
// resolved `sources:` entries and the executors. Owned by the process; outlives services.
struct ServiceContext {
  const core::Config& config;
  es::EsClient& es;
  std::vector<source::ResolvedSource> sources;  // config.yml order
  // `sources:` entries that could not be resolved: service type → reason.
  std::vector<std::pair<std::string, std::string>> source_failures;
  boost::asio::any_io_executor executor;  // the event loop
  boost::asio::any_io_executor blocking;  // thread pool for sources' blocking calls
  std::string hostname;                   // worker_hostname of claimed jobs

  const source::ResolvedSource* find_source(std::string_view service_type) const {
    for (const auto& entry : sources) {
      if (entry.service_type == service_type) return &entry;
    }
    return nullptr;
  }

  const std::string* source_failure(std::string_view service_type) const {
    for (const auto& [type, reason] : source_failures) {
      if (type == service_type) return &reason;
    }
    return nullptr;
  }

  ConnectorSelection selection() const {
    return {config.native_service_types, config.connector_id};
  }
};

}  // namespace ei::service
