#include "sync/sync_engine.hpp"

#include <fmt/format.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <deque>
#include <exception>
#include <stdexcept>

#include "core/async_event.hpp"
#include "core/bounded_channel.hpp"
#include "core/error.hpp"
#include "core/logging.hpp"
#include "core/time.hpp"
#include "es/bulk_sink.hpp"
#include "es/index_reader.hpp"
#include "filtering/basic_rule_engine.hpp"
#include "source/data_source.hpp"
#include "sync/bulk_batch.hpp"
#include "sync/document_key.hpp"
#include "sync/document_preparation.hpp"
#include "sync/existing_documents.hpp"
#include "sync/existing_scan.hpp"
#include "sync/queued_operation.hpp"
#include "sync/reconciler.hpp"
#include "sync/task_group.hpp"

namespace ei::sync {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxRejectedDetails = 20;
constexpr std::size_t kMaxUnreadableDetails = 5;
constexpr std::uint64_t kYieldEvery = 64;  // documents between yields to the event loop
// A document emitted before its fate was known.
struct HeldBack {
  json::object document;
  std::string id;
  std::uint64_t key = 0;
  source::LazyDownload download;  // set only when the download is to run or be skipped
  std::size_t bytes = 0;          // approximate_bytes(document)
};

// A cheap estimate of a document's heap footprint (no serialization).
std::size_t approximate_bytes(const json::value& value) {
  switch (value.kind()) {
    case json::kind::string:
      return 32 + value.get_string().size();
    case json::kind::array: {
      std::size_t total = 32;
      for (const json::value& item : value.get_array()) total += approximate_bytes(item);
      return total;
    }
    case json::kind::object: {
      std::size_t total = 32;
      for (const auto& field : value.get_object()) {
        total += 32 + field.key().size() + approximate_bytes(field.value());
      }
      return total;
    }
    default:
      return 16;
  }
}

std::string describe(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown error";
  }
}

std::optional<std::string> timestamp_text(const json::object& document) {
  const json::value* timestamp = document.if_contains("_timestamp");
  if (timestamp == nullptr || timestamp->is_null()) return std::nullopt;
  return id_text(*timestamp);
}

}  // namespace

struct SyncEngine::State final : source::DocumentSink {
  State(es::IndexReader& index_reader, es::BulkSink& bulk_sink, source::DataSource& data_source,
        SyncEngineOptions engine_options)
      : reader(index_reader),
        sink(bulk_sink),
        source(data_source),
        options(std::move(engine_options)) {}

  es::IndexReader& reader;
  es::BulkSink& sink;
  source::DataSource& source;
  SyncEngineOptions options;
  SyncResult result;
  SyncCounters& counters = result.counters;

  bool started = false;
  bool canceled = false;
  bool fetcher_done = false;
  bool bulker_done = false;
  bool loader_done = false;
  bool loader_stopped = false;  // asked to stop because the fetcher ended first
  std::exception_ptr load_failure;
  std::uint64_t pages_loaded = 0;   // existing-documents pages added so far
  std::uint64_t pages_checked = 0;  // ... when the held-back documents were last decided
  std::size_t bulk_tasks_sent = 0;

  asio::any_io_executor executor;
  std::optional<filtering::BasicRuleEngine> rules;
  ExistingDocuments existing;
  ExistingScanKind scan_kind = ExistingScanKind::source;  // chosen when loading starts
  std::optional<Reconciler> reconciler;
  std::unique_ptr<core::BoundedChannel<QueuedOperation>> queue;
  std::unique_ptr<TaskGroup> downloads;
  std::unique_ptr<TaskGroup> bulks;
  std::unique_ptr<core::AsyncEvent> done;  // notified when a task ends
  // Notified when a page of existing documents is in and when loading ends.
  std::unique_ptr<core::AsyncEvent> loading;
  asio::cancellation_signal fetcher_signal;
  asio::cancellation_signal bulker_signal;
  asio::cancellation_signal loader_signal;
  // The first parts of the source that could not be read (counters.unreadable has all).
  std::vector<std::string> unreadable_details;
  // Documents whose id was not among the existing documents loaded so far (see
  // existing_documents.hpp), in emission order, bounded by held_back_max_bytes.
  std::deque<HeldBack> held_back;
  std::size_t held_back_bytes = 0;

  asio::awaitable<void> emit(source::SourceDocument emitted) override;
  void unreadable(std::string what, std::string why) override;
  asio::awaitable<void> apply(Decision decision, HeldBack document);
  asio::awaitable<void> hold_back(HeldBack document);
  asio::awaitable<void> decide_held_back();
  asio::awaitable<void> wait_for_loading();
  asio::awaitable<void> fetch();
  asio::awaitable<void> load_existing();
  asio::awaitable<void> emit_deletions();
  asio::awaitable<void> enqueue(QueuedOperation operation);
  asio::awaitable<void> deferred_index(json::object document, std::string id,
                                       source::LazyDownload download);
  asio::awaitable<void> bulk();
  asio::awaitable<void> send_batch(SealedBatch batch, std::size_t number);
  void account(const SealedBatch& batch, const es::BulkResult& response);
  void reject(const BatchItem& item, std::string type, std::string reason);
  void cancel();
  void log_progress() const;
};

// --- Fetcher -----------------------------------------------------------------------------

asio::awaitable<void> SyncEngine::State::fetch() {
  std::exception_ptr failure;
  try {
    if (canceled) throw core::Error("The sync was canceled before it started");
    if (options.sync_rules_enabled) {
      rules.emplace(filtering::BasicRuleEngine::from_json(options.filter.basic_rules()));
    }
    // The existing documents load meanwhile (run() started the loader): documents found
    // in them are decided at once, the others are held back (§13.2, §13.3).
    reconciler.emplace(existing, rules ? &*rules : nullptr);
    co_await source.get_docs(*this, options.filter);
    co_await wait_for_loading();
    co_await decide_held_back();
    if (const std::uint64_t parts = counters.unreadable; parts > 0) {
      // Their documents were not seen: deleting them would be data loss.
      std::string first;
      for (const std::string& detail : unreadable_details) {
        first += (first.empty() ? "" : "; ") + detail;
      }
      throw core::Error(fmt::format(
          "{} part{} of the source could not be read, so nothing was deleted: {}{}", parts,
          parts == 1 ? "" : "s", first, parts > unreadable_details.size() ? "; ..." : ""));
    }
  } catch (...) {
    failure = std::current_exception();
  }
  // Deferred downloads refer to this state: wait for them, also after a failure (§13.4).
  if (!canceled) {
    try {
      co_await downloads->wait_all();
    } catch (...) {
      if (!failure) failure = std::current_exception();
    }
  }
  if (!failure && !canceled) {
    try {
      co_await emit_deletions();
    } catch (...) {
      failure = std::current_exception();
    }
  }
  if (canceled) {
    core::log().info("Task is canceled, stop Fetcher...");
    core::log().info("Fetcher is stopped.");
  } else if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      core::log_exception(core::log(), spdlog::level::critical, "The document fetcher failed", e);
    } catch (...) {
      core::log().critical("The document fetcher failed");
    }
    result.fetch_error = describe(failure);
  }
  queue->close();  // the end (or error) marker: the bulker sends what it holds and stops
}

// The loader task: every (id, _timestamp) of the index into `existing`, page by page. A
// failure here fails the fetch (spec §13.2 note): no deletions follow.
asio::awaitable<void> SyncEngine::State::load_existing() {
  const auto started = std::chrono::steady_clock::now();
  const bool exists = co_await reader.index_exists(options.index);
  if (exists) {
    const std::uint64_t count = co_await reader.count_documents(options.index);
    existing.reserve(count + count / 64 + 16);  // documents indexed meanwhile
    auto choosing = choose_existing_scan(reader, options.index);
    scan_kind = co_await std::move(choosing);
    const es::IdScanOptions scan_options = existing_scan_options(scan_kind, true);
    std::unique_ptr<es::HitCursor> scan = co_await reader.open_scan(options.index, scan_options);
    while (std::optional<std::vector<es::ScanHit>> page = co_await scan->next_page()) {
      for (const es::ScanHit& hit : *page) {
        existing.add(existing_id_key(hit, scan_kind), existing_timestamp_key(hit, scan_kind));
      }
      ++pages_loaded;
      loading->notify_all();  // the fetcher may be waiting for held-back documents' ids
      if (loader_stopped) break;
    }
    co_await scan->close();
    if (loader_stopped) co_return;
  }
  existing.seal();
  core::log().info(
      "Found {} docs in {} in {:.2f}s ({} bytes of id and timestamp hashes; read from {})",
      existing.size(), options.index,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
      existing.memory_bytes(),
      scan_kind == ExistingScanKind::doc_values ? "doc values" : "_source");
}

// Until the loader has ended; rethrows its failure.
asio::awaitable<void> SyncEngine::State::wait_for_loading() {
  while (!loader_done) {
    co_await loading->wait();
  }
  if (load_failure) std::rethrow_exception(load_failure);
  if (!existing.complete()) throw core::Error("The existing documents were not all loaded");
}

// Decides the held-back documents whose ids have been loaded since the last look (all of
// them once loading is complete), in emission order.
asio::awaitable<void> SyncEngine::State::decide_held_back() {
  if (loader_done && load_failure) std::rethrow_exception(load_failure);
  pages_checked = pages_loaded;
  std::deque<HeldBack> undecided;
  while (!held_back.empty()) {
    HeldBack next = std::move(held_back.front());
    held_back.pop_front();
    held_back_bytes -= next.bytes;
    const Decision decision = reconciler->decide(next.document, next.key);
    if (decision == Decision::deferred) {
      held_back_bytes += next.bytes;
      undecided.push_back(std::move(next));
      continue;
    }
    auto applying = apply(decision, std::move(next));
    co_await std::move(applying);
  }
  held_back = std::move(undecided);
}

// Holds a document back; when too much is held, waits for more existing documents (or the
// end of loading) and decides what it can.
asio::awaitable<void> SyncEngine::State::hold_back(HeldBack document) {
  held_back_bytes += document.bytes;
  held_back.push_back(std::move(document));
  while (held_back_bytes > options.held_back_max_bytes) {
    if (pages_loaded == pages_checked && !loader_done) {
      co_await loading->wait();
      if (canceled) throw core::Error("The sync was canceled");
      continue;
    }
    co_await decide_held_back();
  }
}

void SyncEngine::State::log_progress() const {
  core::log().info("Fetcher <create: {} |update: {} |delete: {}>", counters.created,
                   counters.updated, counters.deleted);
}

// The per-document procedure (spec §11.2, §13.3), run inside the source's get_docs.
asio::awaitable<void> SyncEngine::State::emit(source::SourceDocument emitted) {
  if (canceled) throw core::Error("The sync was canceled");
  if (load_failure) std::rethrow_exception(load_failure);
  ++counters.seen;
  if (options.bulk.display_every > 0 && counters.seen % options.bulk.display_every == 0) {
    log_progress();
  }
  if (counters.seen % kYieldEvery == 0) co_await asio::post(executor, asio::use_awaitable);

  json::object document = std::move(emitted.document);
  const ControlFields fields{options.extract_binary_content, options.reduce_whitespace,
                             options.run_ml_inference};
  const auto hash_id = [this](std::string_view id) { return source.hash_id(id); };
  if (!prepare_document(document, hash_id, fields)) co_return;

  // The id moves from `_id` to `id` (§13.3 step 2), keeping its JSON type.
  std::string id;
  if (json::value* source_id = document.if_contains("_id")) {
    id = id_text(*source_id);
    json::value moved = std::move(*source_id);
    document.erase("_id");
    document["id"] = std::move(moved);
  }

  const bool download = options.extract_binary_content && static_cast<bool>(emitted.download);
  HeldBack decided{std::move(document), std::move(id), 0,
                   download ? std::move(emitted.download) : source::LazyDownload{}, 0};
  decided.key = id_key(decided.id);
  // Ids loaded since the last look may settle documents held back before this one.
  if (!held_back.empty() && (pages_loaded != pages_checked || loader_done)) {
    co_await decide_held_back();
  }
  const Decision decision = reconciler->decide(decided.document, decided.key);
  if (decision == Decision::deferred) {
    decided.bytes = approximate_bytes(decided.document);
    auto holding = hold_back(std::move(decided));
    co_await std::move(holding);
    co_return;
  }
  auto applying = apply(decision, std::move(decided));
  co_await std::move(applying);
}

void SyncEngine::State::unreadable(std::string what, std::string why) {
  ++counters.unreadable;
  core::log().warn("Cannot read {}: {}", what, why);
  if (unreadable_details.size() < kMaxUnreadableDetails) {
    unreadable_details.push_back(what + ": " + why);
  }
}

// What a decision does (spec §13.3 steps 3-6).
asio::awaitable<void> SyncEngine::State::apply(Decision decision, HeldBack decided) {
  json::object& document = decided.document;
  const bool download = static_cast<bool>(decided.download);
  switch (decision) {
    case Decision::filtered:
      ++counters.filtered;
      co_return;
    case Decision::deferred:
      throw std::logic_error("a deferred document cannot be applied");
    case Decision::unchanged: {
      ++counters.unchanged;
      if (download) {
        auto skipping = decided.download(false, timestamp_text(document));
        co_await std::move(skipping);
      }
      co_return;
    }
    case Decision::update:
      ++counters.updated;
      break;
    case Decision::create:
      ++counters.created;
      if (!document.contains("_timestamp")) document["_timestamp"] = core::iso_utc_now();
      break;
  }

  if (download) {
    co_await downloads->acquire();
    downloads->spawn(
        deferred_index(std::move(document), std::move(decided.id), std::move(decided.download)));
  } else {
    QueuedOperation operation = index_operation(options.index, std::move(decided.id), document);
    co_await enqueue(std::move(operation));
  }
}

asio::awaitable<void> SyncEngine::State::deferred_index(json::object document, std::string id,
                                                        source::LazyDownload download) {
  // Spawned just as the sync was canceled (the fetcher was between acquire and spawn).
  if (canceled) co_return;
  // A document that is not sent is never dropped in silence (the reference only logged
  // it, and the job ended `completed`): it is a rejected item, so the job ends `error`
  // naming it, and it is not deleted since it was seen.
  try {
    auto downloading = download(true, timestamp_text(document));
    std::optional<json::object> data = co_await std::move(downloading);
    if (data) {
      ++counters.downloads;
      data->erase("_id");
      data->erase("_timestamp");
      document.reserve(document.size() + data->size());  // one growth, not a rehash per field
      for (auto& field : *data) document[field.key()] = std::move(field.value());
    }
  } catch (const std::exception& e) {
    if (canceled) co_return;
    ++counters.download_failures;
    core::log().error("Exception found for task download of {}: {}", id, e.what());
    reject(BatchItem{es::BulkOpType::index, std::move(id), 0}, "download_failed", e.what());
    co_return;
  }
  std::string kept_id = id;
  try {
    QueuedOperation operation = index_operation(options.index, std::move(id), document);
    co_await enqueue(std::move(operation));
  } catch (const std::exception& e) {
    if (canceled) co_return;
    core::log().error("Document {} could not be queued for indexing: {}", kept_id, e.what());
    reject(BatchItem{es::BulkOpType::index, std::move(kept_id), 0}, "queue_timeout", e.what());
  }
}

// Deletes what the index held and the source did not yield (§13.5). The ids themselves are
// not in memory: the index is read again and every unseen key is deleted by its `_id`.
// Documents indexed by this sync are not in `existing`, so they are never deleted.
asio::awaitable<void> SyncEngine::State::emit_deletions() {
  const std::size_t vanished = existing.unseen();
  if (vanished == 0) co_return;
  core::log().debug("Delete {} docs from Elasticsearch", vanished);
  // Keys as the load made them: the same kind of scan.
  const es::IdScanOptions scan_options = existing_scan_options(scan_kind, false);
  std::unique_ptr<es::HitCursor> scan = co_await reader.open_scan(options.index, scan_options);
  while (std::optional<std::vector<es::ScanHit>> page = co_await scan->next_page()) {
    for (es::ScanHit& hit : *page) {
      const std::optional<std::size_t> position = existing.find(existing_id_key(hit, scan_kind));
      if (!position || existing.seen(*position)) continue;
      existing.mark_seen(*position);
      ++counters.deleted;
      QueuedOperation operation = delete_operation(options.index, std::move(hit.id));
      co_await enqueue(std::move(operation));
    }
    if (existing.unseen() == 0) break;
  }
  co_await scan->close();
}

asio::awaitable<void> SyncEngine::State::enqueue(QueuedOperation operation) {
  const std::size_t bytes = operation.bytes();
  if (queue->try_send(operation, bytes)) co_return;
  const auto timeout =
      std::chrono::duration_cast<std::chrono::milliseconds>(options.bulk.queue_refresh_timeout);
  const auto deadline = core::BoundedChannel<QueuedOperation>::Clock::now() + timeout;
  auto sending = queue->send_until(std::move(operation), bytes, deadline);
  if (!co_await std::move(sending)) {
    if (canceled) throw core::Error("The sync was canceled");
    const auto seconds = fmt::format("{:g}s", options.bulk.queue_refresh_timeout.count());
    throw core::Error("MemQueue has been full for " + seconds + ". while timeout is " + seconds +
                      ".");
  }
}

// --- Bulker ------------------------------------------------------------------------------

asio::awaitable<void> SyncEngine::State::bulk() {
  BulkBatch batch(options.bulk.chunk_size, options.bulk.chunk_max_mem_bytes());
  try {
    for (;;) {
      std::optional<QueuedOperation> operation = co_await queue->receive();
      if (!operation || canceled) break;
      if (batch.must_go_alone(*operation)) {
        co_await bulks->acquire();
        SealedBatch sealed = batch.take();
        bulks->spawn(send_batch(std::move(sealed), ++bulk_tasks_sent));
      }
      batch.add(std::move(*operation));
      if (batch.full()) {
        co_await bulks->acquire();
        SealedBatch sealed = batch.take();
        bulks->spawn(send_batch(std::move(sealed), ++bulk_tasks_sent));
      }
    }
    co_await bulks->wait_all();
    if (!canceled && !batch.empty()) {
      SealedBatch sealed = batch.take();
      co_await send_batch(std::move(sealed), ++bulk_tasks_sent);
    }
  } catch (const std::exception& e) {
    if (!canceled) {
      // What it held is lost: the job must not end `completed`.
      core::log().error("The bulker failed: {}", e.what());
      if (!result.fetch_error) result.fetch_error = std::string("The bulker failed: ") + e.what();
      queue->close();  // a fetcher waiting on the full queue stops now, not after the timeout
    }
  }
  if (canceled) {
    core::log().info("Task is canceled, stop Bulker...");
    core::log().info("Bulker is stopped.");
  }
}

asio::awaitable<void> SyncEngine::State::send_batch(SealedBatch batch, std::size_t number) {
  core::log().debug("Task {} - Sending a batch of {} ops -- {:.2f}MiB", number, batch.items.size(),
                    static_cast<double>(batch.body.size()) / (1024.0 * 1024.0));
  es::BulkOptions bulk_options;
  if (!options.pipeline.empty()) bulk_options.pipeline = options.pipeline;
  es::BulkResult response;
  std::string failure;
  bool answered = false;
  try {
    std::string body = std::move(batch.body);
    auto sending = sink.send_bulk(std::move(body), bulk_options);
    response = co_await std::move(sending);
    answered = true;
  } catch (const std::exception& e) {
    failure = e.what();
  }
  // Also after a cancel: a request that was sent may have been applied, and the job's
  // counts must cover it (§13.10 drops what is in flight; then the index held documents
  // the job never counted).
  if (!answered) {
    core::log().error("Task {} - the bulk request of {} ops failed: {}", number, batch.items.size(),
                      failure);
    for (const BatchItem& item : batch.items) reject(item, "bulk_request_failed", failure);
    co_return;
  }
  account(batch, response);
}

// Per-item outcome (§13.8, §13.9): successes count, failures are rejected items.
void SyncEngine::State::account(const SealedBatch& batch, const es::BulkResult& response) {
  for (std::size_t i = 0; i < batch.items.size(); ++i) {
    const BatchItem& item = batch.items[i];
    if (i >= response.items.size()) {
      reject(item, "missing_item", "the bulk response has no item for this operation");
      continue;
    }
    const es::BulkItemResult& outcome = response.items[i];
    if (outcome.failed()) {
      if (counters.rejected_items < kMaxRejectedDetails) {
        core::log().error("operation {} failed, {}: {}", es::to_string(outcome.op),
                          *outcome.error_type, outcome.error_reason.value_or(""));
      }
      reject(item, *outcome.error_type, outcome.error_reason.value_or(""));
      continue;
    }
    if (outcome.result.empty()) continue;  // no result: not counted (§13.8)
    if (item.op == es::BulkOpType::delete_) {
      ++counters.deleted_document_count;  // `not_found` included
    } else {
      ++counters.indexed_document_count;
      counters.indexed_document_volume_bytes += item.document_bytes;
    }
  }
}

void SyncEngine::State::reject(const BatchItem& item, std::string type, std::string reason) {
  ++counters.rejected_items;
  if (result.rejected.size() < kMaxRejectedDetails) {
    result.rejected.push_back(RejectedItem{item.id, std::string(es::to_string(item.op)),
                                           std::move(type), std::move(reason)});
  }
}

// --- Control -----------------------------------------------------------------------------

void SyncEngine::State::cancel() {
  if (canceled || (fetcher_done && bulker_done && loader_done)) return;
  canceled = true;
  result.canceled = true;
  if (queue) queue->close();
  fetcher_signal.emit(asio::cancellation_type::terminal);
  bulker_signal.emit(asio::cancellation_type::terminal);
  loader_signal.emit(asio::cancellation_type::terminal);
  if (downloads) downloads->cancel_all();
  // Bulk requests in flight are not abandoned: they finish and are accounted for.
}

SyncEngine::SyncEngine(es::IndexReader& index, es::BulkSink& sink, source::DataSource& source,
                       SyncEngineOptions options)
    : state_(std::make_unique<State>(index, sink, source, std::move(options))) {}

SyncEngine::~SyncEngine() = default;

const SyncCounters& SyncEngine::counters() const {
  return state_->counters;
}

void SyncEngine::cancel() {
  state_->cancel();
}

asio::awaitable<SyncResult> SyncEngine::run() {
  State& state = *state_;
  if (state.started) throw std::logic_error("Async bulk task has already started.");
  state.started = true;
  // The waits below must finish even after a cancellation: the tasks refer to the state.
  co_await asio::this_coro::throw_if_cancelled(false);
  state.executor = co_await asio::this_coro::executor;
  const core::BulkOptions& bulk = state.options.bulk;
  state.queue = std::make_unique<core::BoundedChannel<QueuedOperation>>(
      state.executor, bulk.queue_max_size, bulk.queue_max_mem_bytes());
  state.downloads =
      std::make_unique<TaskGroup>(state.executor, bulk.concurrent_downloads, "download");
  state.bulks = std::make_unique<TaskGroup>(state.executor, bulk.max_concurrency, "bulk");
  state.done = std::make_unique<core::AsyncEvent>(state.executor);
  state.loading = std::make_unique<core::AsyncEvent>(state.executor);
  if (state.canceled) state.queue->close();

  // The existing documents load while the source is read (see existing_documents.hpp).
  asio::co_spawn(
      state.executor, state.load_existing(),
      asio::bind_cancellation_slot(state.loader_signal.slot(), [&state](std::exception_ptr error) {
        state.loader_done = true;
        state.load_failure = error;
        state.loading->notify_all();
        state.done->notify_all();
      }));

  asio::co_spawn(
      state.executor, state.fetch(),
      asio::bind_cancellation_slot(state.fetcher_signal.slot(), [&state](std::exception_ptr) {
        state.fetcher_done = true;
        state.done->notify_all();
      }));
  asio::co_spawn(
      state.executor, state.bulk(),
      asio::bind_cancellation_slot(state.bulker_signal.slot(), [&state](std::exception_ptr) {
        state.bulker_done = true;
        state.done->notify_all();
      }));

  for (;;) {
    const asio::cancellation_state cancellation = co_await asio::this_coro::cancellation_state;
    if (cancellation.cancelled() != asio::cancellation_type::none) state.cancel();
    // A fetcher that ended early (an error) needs the rest of the existing documents no more.
    if (state.fetcher_done && !state.loader_done) state.loader_stopped = true;
    if (state.fetcher_done && state.bulker_done && state.loader_done) break;
    co_await state.done->wait();
  }
  co_await state.downloads->wait_all();
  co_await state.bulks->wait_all();

  const SyncCounters& counters = state.counters;
  if (counters.rejected_items > 0) {
    core::log().error("{} documents were not indexed; the first: {} {}: {}",
                      counters.rejected_items, state.result.rejected.front().id,
                      state.result.rejected.front().type, state.result.rejected.front().reason);
  }
  core::log().info(
      "Sync engine done: {} seen, {} created, {} updated, {} unchanged, {} filtered, {} deleted; "
      "{} indexed, {} deleted by Elasticsearch{}",
      counters.seen, counters.created, counters.updated, counters.unchanged, counters.filtered,
      counters.deleted, counters.indexed_document_count, counters.deleted_document_count,
      state.canceled ? " (canceled)" : "");
  co_return state.result;
}

}  // namespace ei::sync
