#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "es/es_client.hpp"
#include "service/protocol_store.hpp"

namespace ei::service {

// The protocol store on Elasticsearch: every search is preceded by a refresh and pages by
// 100 within the result window; reads keep `_seq_no`/`_primary_term` for conditional writes
// (spec §5.5).
class EsProtocolStore final : public ProtocolStore {
 public:
  explicit EsProtocolStore(es::EsClient& es) : es_(es) {}

  boost::asio::awaitable<std::optional<protocol::Connector>> fetch_connector(
      std::string id) override;
  boost::asio::awaitable<std::optional<protocol::SyncJob>> fetch_job(std::string id) override;
  boost::asio::awaitable<std::vector<protocol::Connector>> search_connectors(
      std::optional<boost::json::object> query) override;
  boost::asio::awaitable<std::vector<protocol::SyncJob>> search_jobs(
      boost::json::object query, std::optional<boost::json::array> sort = std::nullopt) override;
  boost::asio::awaitable<es::WriteResult> update_connector(
      std::string id, boost::json::object doc, protocol::DocumentVersion version = {}) override;
  boost::asio::awaitable<es::WriteResult> update_job(
      std::string id, boost::json::object doc, protocol::DocumentVersion version = {}) override;
  boost::asio::awaitable<std::string> create_job(boost::json::object document) override;

 private:
  boost::asio::awaitable<es::WriteResult> update(std::string index, std::string id,
                                                 boost::json::object doc,
                                                 protocol::DocumentVersion version);
  boost::asio::awaitable<std::vector<es::Document>> search_all(std::string index,
                                                               boost::json::object body);

  es::EsClient& es_;
};

}  // namespace ei::service
