#include "sync/bulk_batch.hpp"

#include <utility>

namespace ei::sync {

void BulkBatch::add(QueuedOperation operation) {
  lines_ += operation.lines();
  if (body_.empty()) {
    body_ = std::move(operation.ndjson);  // the first operation's buffer becomes the body
  } else {
    body_ += operation.ndjson;
  }
  items_.push_back(BatchItem{operation.op, std::move(operation.id), operation.document_bytes});
}

SealedBatch BulkBatch::take() {
  SealedBatch sealed{std::exchange(body_, {}), std::exchange(items_, {})};
  lines_ = 0;
  return sealed;
}

}  // namespace ei::sync
