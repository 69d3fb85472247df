#pragma once

// The fetcher's decision for one document (spec §13.3 steps 3-5, §15.6): excluded by the
// sync rules, new, changed, or unchanged; marks existing documents as seen, so that the ones
// left unseen at the end of the stream are the vanished ones (§13.5).

#include <boost/json/object.hpp>
#include <cstdint>

#include "sync/existing_documents.hpp"

namespace ei::filtering {
class BasicRuleEngine;
}

namespace ei::sync {

enum class Decision {
  filtered,   // the basic rules exclude it: not sent, and not seen (deleted if indexed)
  create,     // not in the index
  update,     // in the index with another or no `_timestamp`, or the new one has none
  unchanged,  // same `_timestamp` as in the index: not sent
  deferred,   // not among the documents loaded so far: decide again later
};

class Reconciler {
 public:
  // `rules` is null when sync rules are disabled.
  Reconciler(ExistingDocuments& existing, filtering::BasicRuleEngine* rules)
      : existing_(existing), rules_(rules) {}

  // `document` has its id in the field `id` (after the id move of §13.3 step 2); `key` is
  // id_key(id_text(document.id)). Throws what the rule engine throws (an invalid regex).
  // While the existing documents still load, an id not found yet is `deferred`.
  Decision decide(const boost::json::object& document, std::uint64_t key);

 private:
  ExistingDocuments& existing_;
  filtering::BasicRuleEngine* rules_;
};

}  // namespace ei::sync
