#pragma once

// The content side of a job (spec §12, §13): the index a sync writes, prepared before it,
// its ingest pipeline, the engine's reader and sink, and the count written on the job at the
// end. Elasticsearch in the service (EsSyncTarget); an in-memory index in the job runner's
// unit tests.

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>

#include "es/bulk_sink.hpp"
#include "es/index_reader.hpp"
#include "sync/ingest_pipeline.hpp"

namespace ei::service {

class SyncTarget {
 public:
  virtual ~SyncTarget() = default;

  // Creates or completes the content index (sync::prepare_content_index).
  virtual boost::asio::awaitable<void> prepare_index(std::string index, std::string language) = 0;
  // Makes sure the pipeline exists (sync::ensure_ingest_pipeline).
  virtual boost::asio::awaitable<sync::PipelineAvailability> ensure_pipeline(std::string name) = 0;
  // The documents of the index once what was written is visible.
  virtual boost::asio::awaitable<std::uint64_t> count_after_refresh(std::string index) = 0;

  virtual es::IndexReader& reader() = 0;
  virtual es::BulkSink& sink() = 0;
};

}  // namespace ei::service
