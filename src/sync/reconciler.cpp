#include "sync/reconciler.hpp"

#include "filtering/basic_rule_engine.hpp"
#include "sync/document_key.hpp"

namespace ei::sync {

Decision Reconciler::decide(const boost::json::object& document, std::uint64_t key) {
  if (rules_ != nullptr && !rules_->should_ingest(document)) return Decision::filtered;
  const std::optional<std::size_t> position = existing_.find(key);
  if (!position) return existing_.complete() ? Decision::create : Decision::deferred;
  existing_.mark_seen(*position);
  const std::uint64_t timestamp = timestamp_key(document);
  // No `_timestamp` on the new version: always re-sent (§13.3 notes).
  if (timestamp != 0 && timestamp == existing_.timestamp_key(*position)) {
    return Decision::unchanged;
  }
  return Decision::update;
}

}  // namespace ei::sync
