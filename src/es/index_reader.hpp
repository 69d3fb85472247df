#pragma once

// What a sync reads from its index (spec §13.2): whether it exists, how many documents it
// holds, one field's mapping, and every document's id and chosen fields, page by page.
// Elasticsearch (EsClient) in the service; an in-memory index in the engine's unit tests.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "es/scan_hit.hpp"

namespace ei::es {

// The pages of one scan of an index.
class HitCursor {
 public:
  virtual ~HitCursor() = default;
  // The next page, or nothing when the scan is complete.
  virtual boost::asio::awaitable<std::optional<std::vector<ScanHit>>> next_page() = 0;
  // Releases what the scan holds on the server; idempotent, never throws.
  virtual boost::asio::awaitable<void> close() = 0;
};

class IndexReader {
 public:
  virtual ~IndexReader() = default;

  virtual boost::asio::awaitable<bool> index_exists(std::string index) = 0;
  virtual boost::asio::awaitable<std::uint64_t> count_documents(std::string index) = 0;
  // GET <index>/_mapping/field/<field>: the answer, keyed by concrete index.
  virtual boost::asio::awaitable<boost::json::object> get_field_mapping(std::string index,
                                                                        std::string field) = 0;
  virtual boost::asio::awaitable<std::unique_ptr<HitCursor>> open_scan(std::string index,
                                                                       IdScanOptions options) = 0;
};

}  // namespace ei::es
