#pragma once

// The bulker's current request (spec §13.7): operations appended as NDJSON, cut when it
// holds `chunk_size` lines or more than `chunk_max_mem_size` bytes.

#include <cstddef>
#include <string>
#include <vector>

#include "es/bulk_operation.hpp"
#include "sync/queued_operation.hpp"

namespace ei::sync {

// What a sent request needs to account for its response, item by item.
struct BatchItem {
  es::BulkOpType op;
  std::string id;
  std::size_t document_bytes;
};

struct SealedBatch {
  std::string body;
  std::vector<BatchItem> items;
};

class BulkBatch {
 public:
  BulkBatch(std::size_t max_lines, std::size_t max_bytes)
      : max_lines_(max_lines), max_bytes_(max_bytes) {}

  void add(QueuedOperation operation);
  // An operation larger than the byte limit is sent alone: added to a batch that holds
  // others, a request Elasticsearch refuses as too large (413) would fail them all.
  bool must_go_alone(const QueuedOperation& operation) const {
    return !items_.empty() && operation.bytes() > max_bytes_;
  }
  // Time to send: the line count reached chunk_size or the bytes exceed chunk_max_mem_size.
  bool full() const { return lines_ >= max_lines_ || body_.size() > max_bytes_; }
  bool empty() const { return items_.empty(); }
  std::size_t lines() const { return lines_; }
  std::size_t bytes() const { return body_.size(); }
  std::size_t operations() const { return items_.size(); }

  // Hands the request over and starts an empty one.
  SealedBatch take();

 private:
  std::size_t max_lines_;
  std::size_t max_bytes_;
  std::string body_;
  std::vector<BatchItem> items_;
  std::size_t lines_ = 0;
};

}  // namespace ei::sync
