#pragma once

// One bulk operation between the fetcher and the bulker (spec §13.6-13.9), serialized once
// when it is made: its NDJSON lines are what the bulk body carries, and their byte length is
// its size in the queue and in the batch.

#include <boost/json/object.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "es/bulk_operation.hpp"

namespace ei::sync {

struct QueuedOperation {
  es::BulkOpType op = es::BulkOpType::index;
  std::string id;
  std::string ndjson;              // the action line and, for index, the source line
  std::size_t document_bytes = 0;  // the source line without its newline; 0 for deletes

  std::size_t bytes() const { return ndjson.size(); }
  std::size_t lines() const { return op == es::BulkOpType::delete_ ? 1 : 2; }
};

// `{"index":{"_index":<index>,"_id":<id>}}` and the document.
QueuedOperation index_operation(std::string_view index, std::string id,
                                const boost::json::object& document);
// `{"delete":{"_index":<index>,"_id":<id>}}`.
QueuedOperation delete_operation(std::string_view index, std::string id);

}  // namespace ei::sync
