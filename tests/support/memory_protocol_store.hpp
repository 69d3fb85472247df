#pragma once

// The two protocol indices in memory, behind service::ProtocolStore, for the coordinators'
// unit tests: documents by id with a `_seq_no` that every write increments, conditional
// writes refused with es::VersionConflictError as Elasticsearch refuses them, and partial
// updates merged the way Elasticsearch merges them (objects recursively, anything else
// replaced). A test can make chosen writes fail, as a node that went away would.

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "es/errors.hpp"
#include "protocol/index_names.hpp"
#include "service/protocol_store.hpp"

namespace ei::testing {

class MemoryProtocolStore final : public service::ProtocolStore {
 public:
  struct Stored {
    boost::json::object source;
    std::int64_t seq_no = 0;
  };

  std::map<std::string, Stored> connectors;
  std::map<std::string, Stored> jobs;
  // Called before every update with (index, id, doc); true makes that write fail with a
  // transport error, leaving the document as it was.
  std::function<bool(std::string_view index, const std::string& id, const boost::json::object& doc)>
      fail_write;
  std::size_t failed_writes = 0;

  void put_connector(const std::string& id, boost::json::object source) {
    connectors[id] = Stored{std::move(source), next_seq_no_++};
  }
  void put_job(const std::string& id, boost::json::object source) {
    jobs[id] = Stored{std::move(source), next_seq_no_++};
  }
  const boost::json::object& job(const std::string& id) const { return jobs.at(id).source; }
  const boost::json::object& connector(const std::string& id) const {
    return connectors.at(id).source;
  }

  boost::asio::awaitable<std::optional<protocol::Connector>> fetch_connector(
      std::string id) override {
    const auto found = connectors.find(id);
    if (found == connectors.end()) co_return std::nullopt;
    co_return protocol::Connector::read(id, found->second.source, version_of(found->second));
  }

  boost::asio::awaitable<std::optional<protocol::SyncJob>> fetch_job(std::string id) override {
    const auto found = jobs.find(id);
    if (found == jobs.end()) co_return std::nullopt;
    co_return protocol::SyncJob::read(id, found->second.source, version_of(found->second));
  }

  // The coordinators under test fetch by id; their searches are tested against Elasticsearch.
  boost::asio::awaitable<std::vector<protocol::Connector>> search_connectors(
      std::optional<boost::json::object>) override {
    throw std::logic_error("MemoryProtocolStore does not evaluate queries");
    co_return std::vector<protocol::Connector>{};
  }
  boost::asio::awaitable<std::vector<protocol::SyncJob>> search_jobs(
      boost::json::object, std::optional<boost::json::array>) override {
    throw std::logic_error("MemoryProtocolStore does not evaluate queries");
    co_return std::vector<protocol::SyncJob>{};
  }

  boost::asio::awaitable<es::WriteResult> update_connector(
      std::string id, boost::json::object doc, protocol::DocumentVersion version = {}) override {
    co_return update(protocol::kConnectorsIndex, connectors, id, doc, version);
  }
  boost::asio::awaitable<es::WriteResult> update_job(
      std::string id, boost::json::object doc, protocol::DocumentVersion version = {}) override {
    co_return update(protocol::kJobsIndex, jobs, id, doc, version);
  }

  boost::asio::awaitable<std::string> create_job(boost::json::object document) override {
    const std::string id = "job-" + std::to_string(next_seq_no_);
    put_job(id, std::move(document));
    co_return id;
  }

 private:
  static constexpr std::int64_t kPrimaryTerm = 1;

  static protocol::DocumentVersion version_of(const Stored& stored) {
    return {stored.seq_no, kPrimaryTerm};
  }

  static void merge(boost::json::object& into, const boost::json::object& doc) {
    for (const auto& [key, value] : doc) {
      boost::json::value* existing = into.if_contains(key);
      if (existing != nullptr && existing->is_object() && value.is_object()) {
        merge(existing->get_object(), value.get_object());
      } else {
        into[key] = value;
      }
    }
  }

  es::WriteResult update(std::string_view index, std::map<std::string, Stored>& documents,
                         const std::string& id, const boost::json::object& doc,
                         const protocol::DocumentVersion& version) {
    if (fail_write && fail_write(index, id, doc)) {
      ++failed_writes;
      throw core::Error("connection refused (a write failure of the test)");
    }
    const auto found = documents.find(id);
    if (found == documents.end()) {
      throw es::NotFoundError(404, "document_missing_exception", "[" + id + "]: document missing",
                              "POST", std::string(index) + "/_update/" + id);
    }
    if (version.known() && version.seq_no != found->second.seq_no) {
      throw es::VersionConflictError(409, "version_conflict_engine_exception",
                                     "[" + id + "]: version conflict", "POST",
                                     std::string(index) + "/_update/" + id);
    }
    merge(found->second.source, doc);
    found->second.seq_no = next_seq_no_++;
    es::WriteResult result;
    result.index = std::string(index);
    result.id = id;
    result.result = "updated";
    result.seq_no = found->second.seq_no;
    result.primary_term = kPrimaryTerm;
    return result;
  }

  std::int64_t next_seq_no_ = 1;
};

}  // namespace ei::testing
