#pragma once

// How a sync reads the index's documents back (spec §13.2): the ids and timestamps before
// deciding, the ids again for the deletions. Two ways, chosen once per sync:
// - from `_source` (the spec's scan, for any index): Elasticsearch parses every document to
//   filter its `_source` down to `id` and `_timestamp`, which bounds a no-op resync;
// - from doc values, when every index behind the name maps `_timestamp.exact` (our
//   `timestamp_exact` template): nothing is parsed, and a scan is about three times faster.
//   Documents are keyed by their `_id`, which is exactly the id the engine writes them under
//   (`_id` = the text of the document's id), so a document and its next version always meet.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "es/index_reader.hpp"
#include "es/scan_hit.hpp"

namespace ei::sync {

enum class ExistingScanKind {
  source,      // `_source` [`id`, `_timestamp`]; key `_source.id`, else `_id`
  doc_values,  // `_id` and the doc values of `_timestamp.exact`; no `_source`
};

// Pages of the scans: fewer round trips than the reference's 1000 (a no-op resync of 100,000
// documents is dominated by them), within the default result window; a page is a few MB.
inline constexpr std::size_t kExistingScanPageSize = 10000;

// True when a GET _mapping/field/_timestamp.exact answer maps it, in every index it names,
// as a keyword with doc values.
bool maps_exact_timestamps(const boost::json::object& field_mapping);

// Asks the index's mapping (one small request).
boost::asio::awaitable<ExistingScanKind> choose_existing_scan(es::IndexReader& index_reader,
                                                              std::string index);

// The scan that loads ids and timestamps (`with_timestamps`), or only the ids.
es::IdScanOptions existing_scan_options(ExistingScanKind kind, bool with_timestamps);

// The key of a scanned document (document_key.hpp).
std::uint64_t existing_id_key(const es::ScanHit& hit, ExistingScanKind kind);

// The key of its `_timestamp` (0: none, or, from doc values, not one single value, which
// only makes the document be sent again).
std::uint64_t existing_timestamp_key(const es::ScanHit& hit, ExistingScanKind kind);

}  // namespace ei::sync
