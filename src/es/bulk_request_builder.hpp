#pragma once

#include <cstddef>
#include <string>

#include "es/bulk_operation.hpp"

namespace ei::es {

// Accumulates bulk operations as one `_bulk` body (written by ndjson_writer.hpp), counting
// operations, lines and bytes.
class BulkRequestBuilder {
 public:
  void add(const BulkOperation& operation);

  std::size_t operations() const { return operations_; }
  std::size_t lines() const { return lines_; }
  std::size_t bytes() const { return body_.size(); }
  bool empty() const { return operations_ == 0; }
  const std::string& body() const { return body_; }

  // Hands the NDJSON over and starts a new, empty request.
  std::string take();

 private:
  std::string body_;
  std::size_t operations_ = 0;
  std::size_t lines_ = 0;
};

// The NDJSON body of the given operations.
template <class Range>
std::string build_bulk_body(const Range& operations) {
  BulkRequestBuilder builder;
  for (const BulkOperation& operation : operations) builder.add(operation);
  return builder.take();
}

}  // namespace ei::es
