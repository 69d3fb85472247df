#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "es/es_client.hpp"
#include "protocol/connector.hpp"
#include "protocol/document_version.hpp"
#include "protocol/sync_job.hpp"

namespace ei::service {

// Reads and writes of the two protocol indices (spec §5.4): every search is preceded by a
// refresh; reads keep `_seq_no`/`_primary_term` for conditional writes (spec §5.5).
// Documents are read tolerantly (Connector::read, SyncJob::read): a malformed field is a
// listed problem, never an exception here.
class ProtocolStore {
 public:
  explicit ProtocolStore(es::EsClient& es) : es_(es) {}

  es::EsClient& es() { return es_; }

  // Nothing when the document does not exist.
  boost::asio::awaitable<std::optional<protocol::Connector>> fetch_connector(std::string id);
  boost::asio::awaitable<std::optional<protocol::SyncJob>> fetch_job(std::string id);

  // Every matching document (pages of 100; at most 10,000, the engine's result window).
  // No query means match_all.
  boost::asio::awaitable<std::vector<protocol::Connector>> search_connectors(
      std::optional<boost::json::object> query);
  boost::asio::awaitable<std::vector<protocol::SyncJob>> search_jobs(
      boost::json::object query, std::optional<boost::json::array> sort = std::nullopt);

  // Partial updates; with a known `version` the write is conditional and a stale version
  // throws es::VersionConflictError. Without one, the engine's own conflicts are retried.
  boost::asio::awaitable<es::WriteResult> update_connector(std::string id, boost::json::object doc,
                                                           protocol::DocumentVersion version = {});
  boost::asio::awaitable<es::WriteResult> update_job(std::string id, boost::json::object doc,
                                                     protocol::DocumentVersion version = {});

  // A new job document; returns its generated id.
  boost::asio::awaitable<std::string> create_job(boost::json::object document);

 private:
  boost::asio::awaitable<es::WriteResult> update(std::string index, std::string id,
                                                 boost::json::object doc,
                                                 protocol::DocumentVersion version);
  boost::asio::awaitable<std::vector<es::Document>> search_all(std::string index,
                                                               boost::json::object body);

  es::EsClient& es_;
};

}  // namespace ei::service
