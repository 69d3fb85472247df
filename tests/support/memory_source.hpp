#pragma once

// A source whose backend is a map in memory, for tests of the engine and of the source kit
// that need no server. Tests change the backend between syncs (edit, delete, add) and switch
// faults on: a source that fails after some documents, unreadable parts, failing downloads,
// and a hook before each emit (to cancel or stall a sync at a chosen document).

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "source/data_source.hpp"
#include "source/errors.hpp"
#include "source/source_descriptor.hpp"

namespace ei::testing {

struct MemoryBackend {
  std::map<std::string, std::string> documents;  // id → _timestamp
  std::set<std::string> with_content;            // ids whose document has a download
  std::set<std::string> failing_downloads;
  std::optional<std::size_t> fail_after;  // get_docs throws after emitting this many
  std::vector<std::pair<std::string, std::string>> unreadable;  // reported by get_docs
  // Awaited before the emit of the document at this position (0-based).
  std::function<boost::asio::awaitable<void>(std::size_t position)> before_emit;

  std::size_t emitted = 0;
  std::size_t downloads_run = 0;
  std::size_t downloads_skipped = 0;
  bool closed = false;

  // Documents id-<first>..id-<first+count-1>, all at `timestamp`.
  void put(std::size_t first, std::size_t count, const std::string& timestamp) {
    for (std::size_t n = first; n < first + count; ++n) documents[id(n)] = timestamp;
  }
  static std::string id(std::size_t n) { return "id-" + std::to_string(n); }
};

class MemorySource : public source::DataSource {
 public:
  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr(
      const std::string& service_type = "memory") {
    return std::make_shared<const source::SourceDescriptor>(source::SourceDescriptor{
        service_type,
        "Memory (tests)",
        {source::ConfigField{.key = "label", .label = "Label", .value = "test"}}});
  }

  MemorySource(std::shared_ptr<const source::SourceDescriptor> descriptor,
               source::DataSourceConfiguration configuration,
               std::shared_ptr<MemoryBackend> backend)
      : DataSource(std::move(descriptor), std::move(configuration)), backend_(std::move(backend)) {}

  boost::asio::awaitable<void> ping() override { co_return; }

  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& /*filter*/) override {
    for (const auto& [what, why] : backend_->unreadable) sink.unreadable(what, why);
    std::size_t position = 0;
    // A copy: a test may change the backend from a hook while this runs.
    const std::map<std::string, std::string> documents = backend_->documents;
    for (const auto& [id, timestamp] : documents) {
      if (backend_->fail_after && position >= *backend_->fail_after) {
        throw source::SourceError("the backend went away (a failure of the test)");
      }
      if (backend_->before_emit) co_await backend_->before_emit(position);
      source::SourceDocument document;
      document.document =
          boost::json::object{{"_id", id}, {"_timestamp", timestamp}, {"title", "Document " + id}};
      if (backend_->with_content.contains(id)) document.download = download_of(id);
      ++position;
      ++backend_->emitted;
      co_await sink.emit(std::move(document));
    }
  }

  boost::asio::awaitable<void> close() override {
    backend_->closed = true;
    co_return;
  }

 private:
  // Captures the backend, never the source: the engine may run it after get_docs ended.
  source::LazyDownload download_of(std::string id) const {
    return [backend = backend_, id = std::move(id)](bool doit, std::optional<std::string>)
               -> boost::asio::awaitable<std::optional<boost::json::object>> {
      if (!doit) {
        ++backend->downloads_skipped;
        co_return std::nullopt;
      }
      ++backend->downloads_run;
      if (backend->failing_downloads.contains(id)) {
        throw source::SourceError("download of " + id + " failed (a failure of the test)");
      }
      co_return boost::json::object{{"_attachment", "content of " + id}};
    };
  }

  std::shared_ptr<MemoryBackend> backend_;
};

}  // namespace ei::testing
