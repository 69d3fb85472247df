#pragma once

// What the sync benchmarks share: timing, peak RSS, recording the documents a sync would
// send, and replaying them as raw `_bulk` requests cut and paced like the engine's.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/config.hpp"
#include "source/source_document.hpp"

namespace ei::es {
class EsClient;
}

namespace ei::sync {
struct SyncResult;
}

namespace ei::bench {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start);

// Peak resident set size of this process, in MB.
double peak_rss_mb();

// CPU time (user + system) this process has used so far, in seconds. Elasticsearch shares
// the machine: every second of it is taken from the node, which is why the benches print it.
double cpu_seconds();

// True when the sync indexed all `count` documents; otherwise says on stderr what it did
// (indexed, seen, rejected, the fetch error and the first rejection) and returns false.
bool synced_all(const sync::SyncResult& result, std::size_t count);

// Waits (at most `limit`) until Elasticsearch runs no merge on the index. A no-op resync timed
// right after a large load otherwise races the merges of that load, which a real resync,
// minutes or hours later, does not meet.
boost::asio::awaitable<void> wait_for_merges(es::EsClient& es, std::string index,
                                             std::chrono::seconds limit);

// Writes what the engine would send for every document (prepared, id moved, downloads
// merged) as `index` NDJSON operations into a file.
class RecordingSink : public source::DocumentSink {
 public:
  RecordingSink(std::string index, const std::filesystem::path& file);
  boost::asio::awaitable<void> emit(source::SourceDocument emitted) override;

 private:
  std::string index_;
  std::ofstream out_;
};

// Replays a recorded file as raw `_bulk` requests: the same batch cuts (chunk_size lines,
// chunk_max_mem_size) and at most max_concurrency requests in flight. Returns the number of
// failed items.
boost::asio::awaitable<std::size_t> replay_bulk(es::EsClient& es, const core::BulkOptions& bulk,
                                                std::filesystem::path file);

}  // namespace ei::bench
