#pragma once

#include <cstdint>

namespace ei::protocol {

// The counters a sync reports on its job (spec §8.2 "Counter semantics"):
// `indexed_document_volume` is already in integer MiB.
struct JobCounters {
  std::int64_t indexed_document_count = 0;
  std::int64_t indexed_document_volume = 0;
  std::int64_t deleted_document_count = 0;

  friend bool operator==(const JobCounters&, const JobCounters&) = default;
};

}  // namespace ei::protocol
