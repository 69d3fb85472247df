#include "bench_support.hpp"

#include <sys/resource.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <iostream>
#include <optional>

#include "es/es_client.hpp"
#include "es/es_request.hpp"
#include "sync/bulk_batch.hpp"
#include "sync/document_key.hpp"
#include "sync/document_preparation.hpp"
#include "sync/queued_operation.hpp"
#include "sync/sync_engine.hpp"
#include "sync/task_group.hpp"

namespace ei::bench {

namespace asio = boost::asio;
namespace json = boost::json;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& time) {
    return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

bool synced_all(const sync::SyncResult& result, std::size_t count) {
  if (!result.fetch_error && result.counters.indexed_document_count == count) return true;
  std::cerr << "sync failed: indexed " << result.counters.indexed_document_count << " of "
            << result.counters.seen << " seen, " << result.counters.rejected_items << " rejected"
            << (result.fetch_error ? ", " + *result.fetch_error : "") << "\n";
  if (!result.rejected.empty()) {
    std::cerr << "first rejected: " << result.rejected.front().type << ": "
              << result.rejected.front().reason << "\n";
  }
  return false;
}

asio::awaitable<void> wait_for_merges(es::EsClient& es, std::string index,
                                      std::chrono::seconds limit) {
  const auto deadline = Clock::now() + limit;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  int quiet = 0;  // consecutive readings without a running merge
  while (quiet < 2 && Clock::now() < deadline) {
    es::EsRequest request;
    request.path = es::make_path(index, "_stats", "merge");
    const json::value stats = co_await es.request(std::move(request));
    boost::system::error_code missing;
    const json::value* current = stats.find_pointer("/_all/total/merges/current", missing);
    const bool merging = current == nullptr || !current->is_int64() || current->get_int64() != 0;
    quiet = merging ? 0 : quiet + 1;
    timer.expires_after(std::chrono::milliseconds(250));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

RecordingSink::RecordingSink(std::string index, const std::filesystem::path& file)
    : index_(std::move(index)), out_(file) {}

asio::awaitable<void> RecordingSink::emit(source::SourceDocument emitted) {
  json::object document = std::move(emitted.document);
  const auto hash = [](std::string_view id) { return std::string(id); };
  sync::prepare_document(document, hash, sync::ControlFields{});
  std::string id = sync::id_text(document.at("_id"));
  json::value moved = document.at("_id");
  document.erase("_id");
  document["id"] = std::move(moved);
  if (emitted.download) {
    std::optional<std::string> timestamp(document.at("_timestamp").as_string());
    auto downloading = emitted.download(true, timestamp);
    std::optional<json::object> data = co_await std::move(downloading);
    if (data) {
      data->erase("_id");
      data->erase("_timestamp");
      for (auto& field : *data) document[field.key()] = std::move(field.value());
    }
  }
  out_ << sync::index_operation(index_, std::move(id), document).ndjson;
}

asio::awaitable<std::size_t> replay_bulk(es::EsClient& es, const core::BulkOptions& bulk,
                                         std::filesystem::path file) {
  std::ifstream in(file);
  sync::BulkBatch batch(bulk.chunk_size, bulk.chunk_max_mem_bytes());
  auto executor = co_await asio::this_coro::executor;
  sync::TaskGroup inflight(executor, bulk.max_concurrency, "raw bulk");
  std::size_t failed = 0;
  const auto send = [&es, &failed](std::string body) -> asio::awaitable<void> {
    auto sending = es.send_bulk(std::move(body), {});
    es::BulkResult result = co_await std::move(sending);
    failed += result.failed_count();
  };
  std::string action;
  std::string source_line;
  while (std::getline(in, action) && std::getline(in, source_line)) {
    sync::QueuedOperation operation;
    operation.ndjson = action + "\n" + source_line + "\n";
    batch.add(std::move(operation));
    if (batch.full()) {
      co_await inflight.acquire();
      inflight.spawn(send(batch.take().body));
    }
  }
  co_await inflight.wait_all();
  if (!batch.empty()) {
    auto last = send(batch.take().body);
    co_await std::move(last);
  }
  co_return failed;
}

}  // namespace ei::bench
