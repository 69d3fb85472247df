#pragma once

// The full-sync engine of one job (spec §13, §11.2): source documents → sync rules →
// reconciliation against the index → lazy downloads → bulk requests. The job runner of the
// service (spec §11) owns one engine per job, reads its live counters for the progress
// reporter, and turns its result into the job's terminal state.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "protocol/filter.hpp"

namespace ei::es {
class BulkSink;
class IndexReader;
}  // namespace ei::es
namespace ei::source {
class DataSource;
}

namespace ei::sync {

struct SyncEngineOptions {
  std::string index;                                      // the job's index_name
  std::string pipeline = "ent-search-generic-ingestion";  // named in every _bulk request
  bool extract_binary_content = true;  // lazy downloads run only when true (spec §13.11)
  bool reduce_whitespace = true;
  bool run_ml_inference = true;
  bool sync_rules_enabled = false;  // apply the basic rules of `filter` (spec §15)
  protocol::Filter filter;          // the job's filter: its basic rules and advanced snippet
  core::BulkOptions bulk;           // after the source's tweak_bulk_options
  // Documents read before their ids were loaded from the index wait, up to this many
  // (approximate) bytes; past it the source waits for the next page of ids.
  std::size_t held_back_max_bytes = 16 * 1024 * 1024;
};

// Live counters; the reporter reads them while the engine runs (same thread).
struct SyncCounters {
  // Persisted on the job (spec §13.9): successful bulk items only.
  std::uint64_t indexed_document_count = 0;
  std::uint64_t indexed_document_volume_bytes = 0;  // the job stores round(bytes / MiB)
  std::uint64_t deleted_document_count = 0;
  // Fetcher decisions (logs, tests, benchmarks).
  std::uint64_t seen = 0;       // documents read from the source
  std::uint64_t created = 0;    // new ids
  std::uint64_t updated = 0;    // existing ids with a changed or missing _timestamp
  std::uint64_t unchanged = 0;  // existing ids with an equal _timestamp: not sent
  std::uint64_t filtered = 0;   // excluded by sync rules
  std::uint64_t deleted = 0;    // delete operations emitted for vanished ids
  std::uint64_t downloads = 0;  // lazy downloads that returned content
  std::uint64_t download_failures = 0;
  // Documents not indexed (never silently dropped): bulk items Elasticsearch refused, and
  // documents whose download failed or that could not be queued.
  std::uint64_t rejected_items = 0;
  std::uint64_t unreadable = 0;  // parts of the source it could not read (folders, files)
};

// One document that was not indexed (or deleted), as reported to the user.
struct RejectedItem {
  std::string id;
  std::string operation;  // "index" or "delete"
  // The engine's error type, e.g. "mapper_parsing_exception", or ours: "download_failed",
  // "queue_timeout", "bulk_request_failed", "missing_item".
  std::string type;
  std::string reason;
};

struct SyncResult {
  SyncCounters counters;
  // Set when the source, the rules, the existing-id scan or the queue failed (spec §13.10):
  // the job ends `error` with this text and nothing was deleted.
  std::optional<std::string> fetch_error;
  // The first rejected items (at most 20); counters.rejected_items has the total. A job with
  // rejections ends `error` with a message naming them: the reference dropped them silently.
  std::vector<RejectedItem> rejected;
  bool canceled = false;  // cancel() or a cancellation of the awaiting coroutine
};

// Runs once. Cancellation: call cancel(), or cancel the coroutine awaiting run() through its
// Asio cancellation slot; either stops promptly, drops queued operations and deletes nothing.
// Bulk requests already sent finish first and are counted, so the counts cover every
// document that reached the index.
class SyncEngine {
 public:
  // `index` reads the existing documents back; `sink` takes the bulk requests. In the
  // service both are the Elasticsearch client.
  SyncEngine(es::IndexReader& index, es::BulkSink& sink, source::DataSource& source,
             SyncEngineOptions options);
  ~SyncEngine();
  SyncEngine(const SyncEngine&) = delete;
  SyncEngine& operator=(const SyncEngine&) = delete;

  // The whole sync. Never throws for source or bulk failures (they are in the result); throws
  // std::logic_error on a second call.
  boost::asio::awaitable<SyncResult> run();

  const SyncCounters& counters() const;
  void cancel();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ei::sync
