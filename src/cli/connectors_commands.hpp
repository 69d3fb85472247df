#pragma once

// The `connectors` commands against Elasticsearch: each reads and writes the protocol
// documents the way Kibana does (spec §7, §8), prints the result, and returns the exit
// status. Bad input throws InputError (exit 2), an unknown id MissingDocumentError (exit 1).

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/connectors_request.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "protocol/connector.hpp"
#include "protocol/sync_job.hpp"

namespace ei::es {
class EsClient;
}

namespace ei::cli {

// A connector or job id that matches no document.
class MissingDocumentError : public core::Error {
 public:
  using core::Error::Error;
};

// Exit statuses of the `connectors` CLI.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // Elasticsearch errors, unknown ids, failed jobs
inline constexpr int kExitUsage = 2;    // bad arguments or input

// The simple configuration (spec §14.2) of the source `sources` maps `service_type` to, when
// this build can resolve it; nothing otherwise.
std::optional<boost::json::object> source_schema(const std::vector<core::SourceEntry>& sources,
                                                 std::string_view service_type);

class ConnectorsCommands {
 public:
  // `sources`: config.yml's `sources` (the service types a connector may have).
  ConnectorsCommands(es::EsClient& es, std::vector<core::SourceEntry> sources, std::ostream& out,
                     std::ostream& err);

  boost::asio::awaitable<int> run(const ConnectorsRequest& request);

 private:
  boost::asio::awaitable<int> create_connector(const ConnectorsRequest& request);
  boost::asio::awaitable<int> list_connectors(const ConnectorsRequest& request);
  boost::asio::awaitable<int> show_connector(const ConnectorsRequest& request);
  boost::asio::awaitable<int> set_config(const ConnectorsRequest& request);
  boost::asio::awaitable<int> set_rules(const ConnectorsRequest& request);
  boost::asio::awaitable<int> schedule(const ConnectorsRequest& request);
  boost::asio::awaitable<int> start_job(const ConnectorsRequest& request);
  boost::asio::awaitable<int> list_jobs(const ConnectorsRequest& request);
  boost::asio::awaitable<int> show_job(const ConnectorsRequest& request);
  boost::asio::awaitable<int> cancel_job(const ConnectorsRequest& request);

  // Reads; an unknown id (or a missing index) throws MissingDocumentError.
  boost::asio::awaitable<protocol::Connector> fetch_connector(std::string id);
  boost::asio::awaitable<protocol::SyncJob> fetch_job(std::string id);
  // Every connector (at most 10,000), sorted by name then id; none when the index is absent.
  boost::asio::awaitable<std::vector<protocol::Connector>> all_connectors();
  // A partial update of a connector, conditional on `connector`'s version.
  boost::asio::awaitable<void> update_connector(const protocol::Connector& connector,
                                                boost::json::object doc);
  // Creates the content index when absent, as Kibana does (spec §12.1: 8.8 never creates
  // it), with the language's analysis settings (no language: `en`).
  boost::asio::awaitable<void> ensure_content_index(std::optional<std::string> language,
                                                    std::string index);
  // Polls a job until it ends; returns its last state, or nothing on timeout.
  boost::asio::awaitable<std::optional<protocol::SyncJob>> wait_for_job(
      std::string id, const ConnectorsRequest& request);

  void print_connector(const protocol::Connector& connector, bool json);
  void print_job(const protocol::SyncJob& job, bool json);

  es::EsClient& es_;
  std::vector<core::SourceEntry> sources_;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace ei::cli
