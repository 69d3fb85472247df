#pragma once

// Where a sync's bulk requests go. Elasticsearch's `_bulk` (EsClient) in the service; an
// in-memory index in the engine's unit tests.

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "es/bulk_result.hpp"

namespace ei::es {

struct BulkOptions {
  std::optional<std::string> pipeline;  // default ingest pipeline of the request
  std::optional<std::string> refresh;   // "true", "false", "wait_for"
};

class BulkSink {
 public:
  virtual ~BulkSink() = default;

  // Sends one NDJSON bulk body (ndjson_writer.hpp); per-item results in request order.
  // Throws when the request as a whole fails (after the transport's retries).
  virtual boost::asio::awaitable<BulkResult> send_bulk(std::string ndjson, BulkOptions options) = 0;
};

}  // namespace ei::es
