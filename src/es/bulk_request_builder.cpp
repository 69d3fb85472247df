#include "es/bulk_request_builder.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"

namespace ei::es {

namespace json = boost::json;

void BulkRequestBuilder::add(const BulkOperation& operation) {
  if (operation.op != BulkOpType::index && operation.id.empty()) {
    throw core::Error(std::string("A bulk ") + std::string(to_string(operation.op)) +
                      " needs an _id (index " + operation.index + ")");
  }
  json::object meta;
  meta["_index"] = operation.index;
  if (!operation.id.empty()) meta["_id"] = operation.id;
  if (operation.pipeline && operation.op != BulkOpType::delete_) {
    meta["pipeline"] = *operation.pipeline;
  }
  json::object action;
  action[to_string(operation.op)] = std::move(meta);
  body_ += json::serialize(action);
  body_ += '\n';
  ++lines_;
  if (operation.op != BulkOpType::delete_) {
    body_ += operation.body.is_null() ? std::string("{}") : json::serialize(operation.body);
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
