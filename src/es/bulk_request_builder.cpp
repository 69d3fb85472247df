#include "es/bulk_request_builder.hpp"

#include "core/error.hpp"
#include "es/ndjson_writer.hpp"

namespace ei::es {

void BulkRequestBuilder::add(const BulkOperation& operation) {
  if (operation.op != BulkOpType::index && operation.id.empty()) {
    throw core::Error(std::string("A bulk ") + std::string(to_string(operation.op)) +
                      " needs an _id (index " + operation.index + ")");
  }
  const std::optional<std::string_view> id =
      operation.id.empty() ? std::nullopt : std::optional<std::string_view>(operation.id);
  append_bulk_action(body_, operation.op, operation.index, id, operation.pipeline);
  ++lines_;
  if (operation.op != BulkOpType::delete_) {
    if (operation.body.is_null()) {
      body_ += "{}";
    } else {
      append_json(body_, operation.body);
    }
    body_ += '\n';
    ++lines_;
  }
  ++operations_;
}

std::string BulkRequestBuilder::take() {
  std::string out = std::move(body_);
  body_.clear();
  operations_ = 0;
  lines_ = 0;
  return out;
}

}  // namespace ei::es
