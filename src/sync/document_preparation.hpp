#pragma once

// Between the source and the fetcher (spec §11.2): over-long ids are replaced by the
// source's hash, and the pipeline control fields of §13.11 are set.

#include <boost/json/object.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace ei::sync {

inline constexpr std::size_t kMaxIdBytes = 512;  // Elasticsearch's limit on `_id`

struct ControlFields {
  bool extract_binary_content = true;
  bool reduce_whitespace = true;
  bool run_ml_inference = true;
};

// Prepares `document` in place. False when it must be dropped (its hashed id is still too
// long; logged at ERROR). `hash_id` is the source's DataSource::hash_id.
bool prepare_document(boost::json::object& document,
                      const std::function<std::string(std::string_view)>& hash_id,
                      const ControlFields& fields);

}  // namespace ei::sync
