// bench/sync-dir N [folder]: our directory sync against a raw `_bulk` replay of the same
// documents (same batch size, same concurrency; four rounds each, in a balanced order), a no-op
// resync, and peak RSS.

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench_support.hpp"
#include "core/logging.hpp"
#include "core/run_to_completion.hpp"
#include "core/time.hpp"
#include "es/es_client.hpp"
#include "sources/directory/directory_data_source.hpp"
#include "sync/content_index.hpp"
#include "sync/existing_scan.hpp"
#include "sync/sync_engine.hpp"

namespace {

namespace asio = boost::asio;
namespace json = boost::json;
namespace fs = std::filesystem;
using namespace ei;
using ei::bench::Clock;
using ei::bench::cpu_seconds;
using ei::bench::peak_rss_mb;
using ei::bench::RecordingSink;
using ei::bench::replay_bulk;
using ei::bench::seconds_since;
using ei::bench::synced_all;
using ei::bench::wait_for_merges;

// N files of about 1 KB, 1000 per folder; kept for the next run with the same N.
void generate(const fs::path& root, std::size_t count) {
  const fs::path marker = root / ".complete";
  if (fs::exists(marker)) return;
  fs::remove_all(root);
  std::string filler;
  for (int i = 0; filler.size() < 1000; ++i)
    filler += "lorem ipsum dolor " + std::to_string(i) + " ";
  for (std::size_t n = 0; n < count; ++n) {
    const fs::path folder = root / ("d" + std::to_string(n / 1000));
    if (n % 1000 == 0) fs::create_directories(folder);
    std::ofstream(folder / ("doc-" + std::to_string(n) + ".txt")) << "document " << n << "\n"
                                                                  << filler.substr(0, 1000) << "\n";
  }
  std::ofstream(marker) << count;
}

struct Bench {
  asio::io_context io;
  asio::thread_pool pool{2};
  std::unique_ptr<es::EsClient> es;
  fs::path root;
  core::BulkOptions bulk;

  template <class T>
  T run(asio::awaitable<T> task) {
    return core::run_to_completion(io, std::move(task));
  }

  std::unique_ptr<sources::DirectoryDataSource> source() {
    const json::value configuration = json::object{
        {"directory", json::object{{"label", "Directory path"}, {"value", root.string()}}},
        {"pattern", json::object{{"label", "File glob-like pattern"}, {"value", "**/*.txt"}}}};
    return std::make_unique<sources::DirectoryDataSource>(
        source::DataSourceConfiguration(configuration),
        source::SourceContext{io.get_executor(), pool.get_executor()});
  }

  sync::SyncResult sync(const std::string& index) {
    auto directory = source();
    sync::SyncEngineOptions options;
    options.index = index;
    options.pipeline = "";
    options.bulk = bulk;
    sync::SyncEngine engine(*es, *es, *directory, options);
    return run(engine.run());
  }

  // Reads every id and `_timestamp` of the index the way a sync does (same page size and
  // fields) and nothing else: the floor of a no-op resync on this node. Returns the hits.
  std::size_t scan_existing(const std::string& index) {
    return run([](es::EsClient& client, std::string name) -> asio::awaitable<std::size_t> {
      auto choosing = sync::choose_existing_scan(client, name);
      const sync::ExistingScanKind kind = co_await std::move(choosing);
      const es::IdScanOptions options = sync::existing_scan_options(kind, true);
      es::IdScan scan = co_await client.scan(std::move(name), options);
      std::size_t hits = 0;
      while (std::optional<std::vector<es::ScanHit>> page = co_await scan.next_page()) {
        hits += page->size();
      }
      co_return hits;
    }(*es, index));
  }

  struct NoopTimes {
    double resync;  // median of the no-op resyncs
    double scan;    // median of the bare scans, timed in turn with them
  };

  // Five no-op resyncs of an index holding all `count` documents, each followed by a bare
  // scan of its ids and timestamps (the machine's noise moves both alike, so their ratio is
  // the steadier figure), once the index has settled and after one untimed round (a fresh
  // JVM compiles the scan's code during the first). Nothing when a resync sent anything.
  std::optional<NoopTimes> time_noop_resyncs(const std::string& index, std::size_t count) {
    run(es->refresh(index));
    run(wait_for_merges(*es, index, std::chrono::seconds(120)));
    std::vector<double> resyncs;
    std::vector<double> scans;
    for (int round = 0; round < 6; ++round) {
      auto start = Clock::now();
      sync::SyncResult noop = sync(index);
      const double resync_seconds = seconds_since(start);
      if (noop.counters.unchanged != count || noop.counters.indexed_document_count != 0) {
        std::cerr << "no-op resync sent documents: " << noop.counters.indexed_document_count
                  << "\n";
        return std::nullopt;
      }
      start = Clock::now();
      const std::size_t hits = scan_existing(index);
      const double scan_seconds = seconds_since(start);
      if (hits != count) {
        std::cerr << "the bare scan read " << hits << " of " << count << " documents\n";
        return std::nullopt;
      }
      if (round == 0) continue;
      resyncs.push_back(resync_seconds);
      scans.push_back(scan_seconds);
    }
    std::printf("no-op resyncs: %.2f s, %.2f s, %.2f s, %.2f s, %.2f s (in run order)\n",
                resyncs[0], resyncs[1], resyncs[2], resyncs[3], resyncs[4]);
    std::printf("bare scans:    %.2f s, %.2f s, %.2f s, %.2f s, %.2f s\n", scans[0], scans[1],
                scans[2], scans[3], scans[4]);
    std::sort(resyncs.begin(), resyncs.end());
    std::sort(scans.begin(), scans.end());
    return NoopTimes{resyncs[2], scans[2]};
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: sync_dir_bench N [folder]\n";
    return 2;
  }
  const std::size_t count = std::stoul(argv[1]);
  Bench bench;
  bench.root =
      argc > 2 ? fs::path(argv[2]) : fs::path("/tmp/ei-bench-sync-dir-" + std::to_string(count));
  core::LogOptions log_options;
  log_options.level =
      std::getenv("EI_BENCH_VERBOSE") != nullptr ? core::LogLevel::info : core::LogLevel::warning;
  core::configure_logging(log_options);

  const char* url = std::getenv("EI_ES_URL");
  es::EsOptions es_options;
  es_options.host = url != nullptr && *url != '\0' ? url : "http://127.0.0.1:9200";
  bench.es = std::make_unique<es::EsClient>(bench.io.get_executor(), es_options);
  const std::string ours = "ei-bench-sync-dir-ours";
  const std::string raw = "ei-bench-sync-dir-raw";

  try {
    std::cout << "generating " << count << " files in " << bench.root << "\n" << std::flush;
    generate(bench.root, count);

    // EI_BENCH_NOOP_ONLY: only the no-op resyncs, over the index a previous run left (for
    // profiling the no-op path; the first run builds it and keeps it).
    if (std::getenv("EI_BENCH_NOOP_ONLY") != nullptr) {
      if (!bench.run(bench.es->index_exists(ours)) || bench.run(bench.es->count(ours)) != count) {
        bench.run(bench.es->delete_index(ours));
        bench.run(sync::prepare_content_index(*bench.es, ours, "en"));
        bench.sync(ours);
      }
      const std::optional<Bench::NoopTimes> noop = bench.time_noop_resyncs(ours, count);
      if (!noop) return 1;
      std::printf(
          "sync-dir N=%zu: no-op resync %.2f s (median; bare scan %.2f s, x%.2f), peak RSS "
          "%.1f MB\n",
          count, noop->resync, noop->scan, noop->resync / noop->scan, peak_rss_mb());
      return 0;
    }

    // A fresh JVM is slower for its first minute (JIT, caches): an untimed replay of the same
    // documents first, so that neither timed run pays for the warm-up.
    const fs::path recorded =
        bench.root.parent_path() / (bench.root.filename().string() + ".ndjson");
    if (std::getenv("EI_BENCH_SKIP_RAW") == nullptr) {
      RecordingSink sink(raw, recorded);
      auto directory = bench.source();
      bench.run(directory->get_docs(sink, protocol::Filter()));
      bench.run(bench.es->delete_index(raw));
      bench.run(sync::prepare_content_index(*bench.es, raw, "en"));
      bench.run(replay_bulk(*bench.es, bench.bulk, recorded));
      bench.run(bench.es->delete_index(raw));
    }

    // One timed round of either side, each into a fresh index.
    struct Round {
      double seconds = 0;
      double cpu = 0;  // of this process: the engine, or the raw client
    };
    sync::SyncResult first;
    const auto sync_ours = [&](sync::SyncResult& result) -> Round {
      bench.run(bench.es->delete_index(ours));
      bench.run(sync::prepare_content_index(*bench.es, ours, "en"));
      const auto start = Clock::now();
      const double cpu_start = cpu_seconds();
      result = bench.sync(ours);
      return Round{seconds_since(start), cpu_seconds() - cpu_start};
    };
    std::vector<Round> ours_rounds{sync_ours(first)};
    if (!synced_all(first, count)) return 1;

    const std::optional<Bench::NoopTimes> noop = bench.time_noop_resyncs(ours, count);
    if (!noop) return 1;
    const double rss_mb = peak_rss_mb();

    if (std::getenv("EI_BENCH_SKIP_RAW") != nullptr) {  // memory runs: the sync phases only
      bench.run(bench.es->delete_index(ours));
      std::printf(
          "sync-dir N=%zu: ours %.0f docs/s (%.2f s), no-op resync %.2f s, peak RSS %.1f MB\n",
          count, static_cast<double>(count) / ours_rounds[0].seconds, ours_rounds[0].seconds,
          noop->resync, rss_mb);
      return 0;
    }

    std::size_t raw_failed = 0;
    const auto replay_raw = [&]() -> Round {
      bench.run(bench.es->delete_index(raw));
      bench.run(sync::prepare_content_index(*bench.es, raw, "en"));
      const auto start = Clock::now();
      const double cpu_start = cpu_seconds();
      raw_failed += bench.run(replay_bulk(*bench.es, bench.bulk, recorded));
      const Round round{seconds_since(start), cpu_seconds() - cpu_start};
      bench.run(bench.es->delete_index(raw));
      return round;
    };
    // Four rounds a side, in the order ours, raw, raw, ours, raw, ours, ours, raw (the first
    // is the sync above). The node speeds up during a run (JIT, caches, merges) and this
    // machine is noisy: both sides sit at the same mean position, so a steady drift cancels
    // out, and four rounds each average out much of the noise.
    constexpr std::string_view kOrder = "orroroor";  // o: ours, r: raw
    std::vector<Round> raw_rounds;
    for (const char side : kOrder.substr(1)) {
      if (side == 'r') {
        raw_rounds.push_back(replay_raw());
        continue;
      }
      sync::SyncResult again;
      ours_rounds.push_back(sync_ours(again));
      if (!synced_all(again, count)) return 1;
    }
    fs::remove(recorded);
    bench.run(bench.es->delete_index(ours));

    const auto rate = [count](const std::vector<Round>& rounds) {
      double seconds = 0;
      for (const Round& round : rounds) seconds += round.seconds;
      return static_cast<double>(count * rounds.size()) / seconds;
    };
    const auto list = [](const std::vector<Round>& rounds, double Round::*field) {
      std::string text;
      for (const Round& round : rounds) {
        text += (text.empty() ? "" : ", ") + fmt::format("{:.2f}", round.*field);
      }
      return text;
    };
    const double ours_rate = rate(ours_rounds);
    const double raw_rate = rate(raw_rounds);
    std::printf("sync-dir N=%zu (chunk_size=%zu lines, max_concurrency=%zu, queue %zu items)\n",
                count, bench.bulk.chunk_size, bench.bulk.max_concurrency,
                bench.bulk.queue_max_size);
    std::printf("ours:          %.0f docs/s (rounds %s s; %.1f MiB sent each; our CPU %s s)\n",
                ours_rate, list(ours_rounds, &Round::seconds).c_str(),
                static_cast<double>(first.counters.indexed_document_volume_bytes) / 1048576.0,
                list(ours_rounds, &Round::cpu).c_str());
    std::printf("raw _bulk:     %.0f docs/s (rounds %s s; %zu item failures; client CPU %s s)\n",
                raw_rate, list(raw_rounds, &Round::seconds).c_str(), raw_failed,
                list(raw_rounds, &Round::cpu).c_str());
    std::string order;
    for (const char side : kOrder)
      order += (order.empty() ? "" : ", ") + std::string(side == 'o' ? "ours" : "raw");
    std::printf("ratio:         %.3f (%zu rounds each: %s)\n", ours_rate / raw_rate,
                ours_rounds.size(), order.c_str());
    std::printf(
        "no-op resync:  %.2f s (median of five, on the settled index); bare scan of the ids "
        "and timestamps %.2f s: x%.2f\n",
        noop->resync, noop->scan, noop->resync / noop->scan);
    std::printf("peak RSS:      %.1f MB (after our first sync and the no-op resyncs)\n", rss_mb);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench failed: " << e.what() << "\n";
    return 1;
  }
}
