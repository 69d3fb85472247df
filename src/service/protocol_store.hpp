#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "es/document.hpp"
#include "protocol/connector.hpp"
#include "protocol/document_version.hpp"
#include "protocol/sync_job.hpp"

namespace ei::service {

// Reads and writes of the two protocol indices (spec §5.4). Elasticsearch in the service
// (EsProtocolStore); an in-memory store in the coordinators' unit tests. Documents are read
// tolerantly (Connector::read, SyncJob::read): a malformed field is a listed problem, never
// an exception here.
class ProtocolStore {
 public:
  virtual ~ProtocolStore() = default;

  // Nothing when the document does not exist.
  virtual boost::asio::awaitable<std::optional<protocol::Connector>> fetch_connector(
      std::string id) = 0;
  virtual boost::asio::awaitable<std::optional<protocol::SyncJob>> fetch_job(std::string id) = 0;

  // Every matching document (at most 10,000). No query means match_all.
  virtual boost::asio::awaitable<std::vector<protocol::Connector>> search_connectors(
      std::optional<boost::json::object> query) = 0;
  virtual boost::asio::awaitable<std::vector<protocol::SyncJob>> search_jobs(
      boost::json::object query, std::optional<boost::json::array> sort = std::nullopt) = 0;

  // Partial updates (objects merged, other values replaced); with a known `version` the
  // write is conditional and a stale version throws es::VersionConflictError. Without one,
  // conflicts with other writers are retried.
  virtual boost::asio::awaitable<es::WriteResult> update_connector(
      std::string id, boost::json::object doc, protocol::DocumentVersion version = {}) = 0;
  virtual boost::asio::awaitable<es::WriteResult> update_job(
      std::string id, boost::json::object doc, protocol::DocumentVersion version = {}) = 0;

  // A new job document; returns its generated id.
  virtual boost::asio::awaitable<std::string> create_job(boost::json::object document) = 0;
};

}  // namespace ei::service
