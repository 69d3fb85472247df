#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "es/bulk_operation.hpp"
#include "es/bulk_result.hpp"
#include "es/bulk_sink.hpp"
#include "es/document.hpp"
#include "es/engine_info.hpp"
#include "es/errors.hpp"
#include "es/es_options.hpp"
#include "es/es_request.hpp"
#include "es/id_scan.hpp"
#include "es/index_reader.hpp"
#include "es/transport.hpp"

namespace ei::es {

struct DeleteByQueryOptions {
  // Use the scan + bulk delete path even where `_delete_by_query` exists (tests, or engines
  // where the reindex module is known to be missing).
  bool force_fallback = false;
  bool refresh = true;  // refresh the index afterwards so searches see the deletions
  std::size_t page_size = 1000;
};

struct DeleteByQueryResult {
  std::uint64_t deleted = 0;
  bool native = false;  // true: `_delete_by_query` did it; false: scan + bulk deletes
};

// The Elasticsearch client of the service (spec §5): one node, typed errors, retries in
// the transport, and one code path for Elasticsearch 7.10 → 9.x and OpenSearch 2 → 3. The
// engine is read from `GET /` on first need and the differences are handled here
// (point-in-time APIs, `_delete_by_query` availability). Use from the executor's thread.
class EsClient final : public IndexReader, public BulkSink {
 public:
  EsClient(boost::asio::any_io_executor executor, EsOptions options);

  // GET /: engine kind and version; remembered for the client's lifetime.
  boost::asio::awaitable<EngineInfo> info();
  // The engine from the last info(), if any.
  const std::optional<EngineInfo>& engine() const { return engine_; }
  // One attempt of GET /, no retries: true when the engine answered 2xx (preflight, §5.3).
  boost::asio::awaitable<bool> ping();

  // Indices.
  boost::asio::awaitable<bool> index_exists(std::string index) override;
  // body: {"settings": ..., "mappings": ..., "aliases": ...}
  boost::asio::awaitable<void> create_index(std::string index, boost::json::object body = {});
  // Returns false when the index did not exist and ignore_missing is set.
  boost::asio::awaitable<bool> delete_index(std::string index, bool ignore_missing = true);
  // The index's "mappings" object ({"properties": ...}).
  boost::asio::awaitable<boost::json::object> get_mapping(std::string index);
  boost::asio::awaitable<void> put_mapping(std::string index, boost::json::object mapping);
  // GET /<index>/_mapping/field/<field>, as returned: one entry per concrete index the name
  // resolves to, {"<index>": {"mappings": {"<field>": {"full_name", "mapping"}}}}, with
  // empty "mappings" for an index that does not map the field.
  boost::asio::awaitable<boost::json::object> get_field_mapping(std::string index,
                                                                std::string field) override;
  // The index's settings as the engine returns them ({"index": {"number_of_shards": "1"...}}).
  boost::asio::awaitable<boost::json::object> get_settings(std::string index);
  boost::asio::awaitable<void> refresh(std::string index, bool ignore_unavailable = false);

  // Documents.
  boost::asio::awaitable<std::optional<Document>> get_document(std::string index, std::string id);
  // No id: the engine generates one (POST /<index>/_doc).
  boost::asio::awaitable<WriteResult> index_document(std::string index,
                                                     std::optional<std::string> id,
                                                     boost::json::object document,
                                                     WriteOptions options = {});
  // Partial update (objects merge; spec §5.4).
  boost::asio::awaitable<WriteResult> update_document(std::string index, std::string id,
                                                      boost::json::object partial,
                                                      WriteOptions options = {});
  // Returns nothing when the document did not exist.
  boost::asio::awaitable<std::optional<WriteResult>> delete_document(std::string index,
                                                                     std::string id,
                                                                     WriteOptions options = {});

  // Search: the whole response body.
  boost::asio::awaitable<boost::json::object> search(std::string index, boost::json::object body,
                                                     QueryParams params = {});
  boost::asio::awaitable<std::uint64_t> count(std::string index,
                                              std::optional<boost::json::value> query = {},
                                              bool ignore_unavailable = false);

  // Bulk: per-item results in request order. A 429 of the whole request is retried by the
  // transport; per-item failures (429 included) are returned for the caller to decide.
  boost::asio::awaitable<BulkResult> bulk(const std::vector<BulkOperation>& operations,
                                          BulkOptions options = {});

  // Streaming scan of all matching documents (ids plus requested _source fields).
  boost::asio::awaitable<IdScan> scan(std::string index, IdScanOptions options = {});

  // The IndexReader and BulkSink of the sync engine. send_bulk is bulk() with a body already
  // written (ndjson_writer.hpp).
  boost::asio::awaitable<std::uint64_t> count_documents(std::string index) override;
  boost::asio::awaitable<std::unique_ptr<HitCursor>> open_scan(std::string index,
                                                               IdScanOptions options) override;
  boost::asio::awaitable<BulkResult> send_bulk(std::string ndjson, BulkOptions options) override;

  // Deletes the matching documents with `_delete_by_query` where the engine has it, else
  // (or when forced) with a scan and bulk deletes.
  boost::asio::awaitable<DeleteByQueryResult> delete_by_query(std::string index,
                                                              boost::json::value query,
                                                              DeleteByQueryOptions options = {});

  // Any other API: throws the typed errors for non-2xx, returns the parsed body.
  boost::asio::awaitable<boost::json::value> request(EsRequest request);

  const EsOptions& options() const { return transport_->options(); }
  const TransportStats& stats() const { return transport_->stats(); }

 private:
  boost::asio::awaitable<void> ensure_engine();
  boost::asio::awaitable<DeleteByQueryResult> delete_by_scan(std::string index,
                                                             boost::json::value query,
                                                             const DeleteByQueryOptions& options);

  std::shared_ptr<Transport> transport_;
  std::optional<EngineInfo> engine_;
  std::optional<bool> has_delete_by_query_;  // learnt from the first attempt
};

}  // namespace ei::es
