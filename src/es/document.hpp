#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace ei::es {

// A stored document with what a conditional write needs (spec §5.4, §5.5).
struct Document {
  std::string index;
  std::string id;
  std::int64_t seq_no = 0;
  std::int64_t primary_term = 0;
  boost::json::object source;
};

// What a single-document write answered.
struct WriteResult {
  std::string index;
  std::string id;
  std::string result;  // "created", "updated", "deleted", "noop", "not_found"
  std::int64_t seq_no = 0;
  std::int64_t primary_term = 0;
  std::int64_t version = 0;
};

// Options of index/update/delete of one document.
struct WriteOptions {
  // Optimistic concurrency: both or neither. A stale pair raises VersionConflictError.
  std::optional<std::int64_t> if_seq_no;
  std::optional<std::int64_t> if_primary_term;
  std::optional<std::string> refresh;  // "true", "false", "wait_for"
  bool create_only = false;            // index: op_type=create (409 when the id exists)
  bool doc_as_upsert = false;          // update: create the document when it is missing
};

}  // namespace ei::es
