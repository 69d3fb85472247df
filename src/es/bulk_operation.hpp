#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ei::es {

enum class BulkOpType { index, create, update, delete_ };

std::string_view to_string(BulkOpType op);  // "index", "create", "update", "delete"
std::optional<BulkOpType> bulk_op_from_string(std::string_view name);

// One action of a `_bulk` request.
struct BulkOperation {
  BulkOpType op = BulkOpType::index;
  std::string index;
  std::string id;  // may be empty for index (the engine generates one)
  // index/create: the document; update: the update body ({"doc": ..., "doc_as_upsert": true});
  // delete: unused.
  boost::json::value body;
  std::optional<std::string> pipeline;  // per action; overrides the request's pipeline

  static BulkOperation index_doc(std::string index, std::string id, boost::json::value doc) {
    return {BulkOpType::index, std::move(index), std::move(id), std::move(doc), std::nullopt};
  }
  static BulkOperation create_doc(std::string index, std::string id, boost::json::value doc) {
    return {BulkOpType::create, std::move(index), std::move(id), std::move(doc), std::nullopt};
  }
  // A partial update merging `doc` into the stored document (created when absent if upsert).
  static BulkOperation update_doc(std::string index, std::string id, boost::json::value doc,
                                  bool doc_as_upsert = true);
  static BulkOperation delete_doc(std::string index, std::string id) {
    return {BulkOpType::delete_, std::move(index), std::move(id), nullptr, std::nullopt};
  }
};

}  // namespace ei::es
