#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>

namespace ei::source {

// A document's deferred content download (spec §14.9, sources §0.5). Called with
// doit=false it returns nothing without doing any work; with doit=true it returns nothing
// or an object whose keys other than `_id`/`_timestamp` (normally `_attachment`) are merged
// into the document. `timestamp` is the document's `_timestamp`. It must not refer to the
// source object: the framework may call it after get_docs returned.
using LazyDownload = std::function<boost::asio::awaitable<std::optional<boost::json::object>>(
    bool doit, std::optional<std::string> timestamp)>;

// One document emitted by a source: an object with `_id` (and usually `_timestamp`) and
// an optional download.
struct SourceDocument {
  boost::json::object document;
  LazyDownload download;  // empty: no content to download
};

// Where get_docs puts documents. The sync engine implements it over a bounded channel, so
// emit() waits while the engine is behind (backpressure) and throws when the sync stops.
class DocumentSink {
 public:
  virtual ~DocumentSink() = default;
  virtual boost::asio::awaitable<void> emit(SourceDocument document) = 0;
  // A part of the source could not be read (a folder, a file, a table): its documents are
  // missing from this sync. `what` names it (a path), `why` says why. The sync engine
  // deletes nothing then and the job ends `error` naming the first few; the default
  // ignores it (sinks of tests and benchmarks).
  virtual void unreadable(std::string /*what*/, std::string /*why*/) {}
};

}  // namespace ei::source
