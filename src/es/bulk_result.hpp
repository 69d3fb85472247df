#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "es/bulk_operation.hpp"

namespace ei::es {

// The outcome of one action of a bulk request.
struct BulkItemResult {
  BulkOpType op = BulkOpType::index;
  std::string index;
  std::string id;
  long status = 0;
  std::string result;  // "created", "updated", "deleted", "not_found", "noop"; empty on error
  std::optional<std::string> error_type;
  std::optional<std::string> error_reason;

  // An error object (mapping conflict, pipeline failure, per-item 429...). A delete of a
  // missing document is not a failure: status 404, result "not_found".
  bool failed() const { return error_type.has_value(); }
};

// A bulk response, items in request order. Partial failures are reported, never dropped:
// the caller decides what to do with them (a per-item 429 is not retried here).
struct BulkResult {
  bool errors = false;
  std::chrono::milliseconds took{0};
  std::vector<BulkItemResult> items;

  std::size_t failed_count() const;
  std::vector<const BulkItemResult*> failures() const;
};

// Parses a `_bulk` response body; throws core::Error when it is not one.
BulkResult parse_bulk_response(std::string_view body);

}  // namespace ei::es
