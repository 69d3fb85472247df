#include "es/bulk_operation.hpp"

#include <boost/json.hpp>

namespace ei::es {

namespace json = boost::json;

std::string_view to_string(BulkOpType op) {
  switch (op) {
    case BulkOpType::index:
      return "index";
    case BulkOpType::create:
      return "create";
    case BulkOpType::update:
      return "update";
    case BulkOpType::delete_:
      return "delete";
  }
  return "index";
}

std::optional<BulkOpType> bulk_op_from_string(std::string_view name) {
  if (name == "index") return BulkOpType::index;
  if (name == "create") return BulkOpType::create;
  if (name == "update") return BulkOpType::update;
  if (name == "delete") return BulkOpType::delete_;
  return std::nullopt;
}

BulkOperation BulkOperation::update_doc(std::string index, std::string id, json::value doc,
                                        bool doc_as_upsert) {
  json::object body;
  body["doc"] = std::move(doc);
  if (doc_as_upsert) body["doc_as_upsert"] = true;
  return {BulkOpType::update, std::move(index), std::move(id), std::move(body), std::nullopt};
}

}  // namespace ei::es
