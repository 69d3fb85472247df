#pragma once

#include <cstdint>
#include <optional>

namespace ei::protocol {

// `_seq_no` and `_primary_term` of the read a document came from: what a conditional
// update (`if_seq_no`/`if_primary_term`, spec §5.5) needs. Absent for documents that were
// not read from the engine (e.g. built in a test).
struct DocumentVersion {
  std::optional<std::int64_t> seq_no;
  std::optional<std::int64_t> primary_term;

  bool known() const { return seq_no.has_value() && primary_term.has_value(); }
  friend bool operator==(const DocumentVersion&, const DocumentVersion&) = default;
};

}  // namespace ei::protocol
