#include "sync/document_preparation.hpp"

#include "core/logging.hpp"
#include "core/strings.hpp"
#include "core/utf8.hpp"
#include "sync/document_key.hpp"

namespace ei::sync {

bool prepare_document(boost::json::object& document,
                      const std::function<std::string(std::string_view)>& hash_id,
                      const ControlFields& fields) {
  if (const boost::json::value* id = document.if_contains("_id")) {
    const std::string text = id_text(*id);
    // An id that is not UTF-8 cannot be an Elasticsearch _id; its hash is stable across
    // syncs and as unique as the bytes (replacing the bad bytes would merge ids).
    const bool valid = core::is_valid_utf8(text);
    if (text.size() > kMaxIdBytes || !valid) {
      if (valid) {
        core::log().debug("Id '{}' is too long: {} of maximum {} bytes, hashing",
                          core::truncate_id(text), text.size(), kMaxIdBytes);
      } else {
        core::log().warn("Id '{}' is not valid UTF-8, hashing",
                         core::truncate_id(core::to_valid_utf8(text)));
      }
      std::string hashed = hash_id(text);
      if (hashed.size() > kMaxIdBytes) {
        core::log().error(
            "Hashed document id '{}' has a size of {} bytes, above the limit of {} bytes. Dropping "
            "the document.",
            core::truncate_id(hashed), hashed.size(), kMaxIdBytes);
        return false;
      }
      document["_id"] = std::move(hashed);
    }
  }
  document.reserve(document.size() + 3);  // one growth at most, not one per field
  document["_extract_binary_content"] = fields.extract_binary_content;
  document["_reduce_whitespace"] = fields.reduce_whitespace;
  document["_run_ml_inference"] = fields.run_ml_inference;
  return true;
}

}  // namespace ei::sync
