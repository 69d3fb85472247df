// bench/sync-rest jira|confluence|sharepoint N: about N documents from the Jira, Confluence or
// SharePoint test server (tests/servers/<kind>, started by the script with the counts that give
// N; Jira and Confluence: 10 projects or spaces, the issues or pages and blog posts, an
// attachment on every tenth; SharePoint: sites, lists, libraries, items and files), whose
// attachments and files are downloaded. Prints our sync rate against
// a raw `_bulk` replay of the same documents, the share of the sync the test server spent
// answering (its CPU time over the sync's wall time: the server is Python and shares the 2
// cores), the no-op resync time and the peak RSS.

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "core/logging.hpp"
#include "core/run_to_completion.hpp"
#include "es/es_client.hpp"
#include "sources/confluence/confluence_data_source.hpp"
#include "sources/jira/jira_data_source.hpp"
#include "sources/sharepoint/sharepoint_data_source.hpp"
#include "sync/sync_engine.hpp"

namespace {

namespace asio = boost::asio;
namespace json = boost::json;
namespace fs = std::filesystem;
using namespace ei;
using ei::bench::Clock;
using ei::bench::peak_rss_mb;
using ei::bench::RecordingSink;
using ei::bench::replay_bulk;
using ei::bench::seconds_since;

// CPU seconds the process `pid` has used (utime + stime of /proc/<pid>/stat).
double process_cpu_seconds(long pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string content((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const std::size_t end = content.rfind(')');
  if (end == std::string::npos) return 0;
  std::istringstream fields(content.substr(end + 2));
  std::string field;
  unsigned long long utime = 0;
  unsigned long long stime = 0;
  for (int i = 3; fields >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) {
      stime = std::stoull(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

struct Bench {
  asio::io_context io;
  std::unique_ptr<es::EsClient> es;
  core::BulkOptions bulk;
  long server_pid = 0;
  std::string kind;

  template <class T>
  T run(asio::awaitable<T> task) {
    return core::run_to_completion(io, std::move(task));
  }

  std::unique_ptr<source::DataSource> source() {
    const source::SourceContext context{io.get_executor(), io.get_executor()};
    if (kind == "sharepoint") {
      return std::make_unique<sources::SharepointDataSource>(
          configured(sources::SharepointDataSource::descriptor_ptr(),
                     {{"host_url", "http://127.0.0.1:18491"},
                      {"username", "eisp"},
                      {"password", "ei-sharepoint-Secret1"}}),
          context);
    }
    if (kind == "confluence") {
      return std::make_unique<sources::ConfluenceDataSource>(
          configured(sources::ConfluenceDataSource::descriptor_ptr(),
                     {{"confluence_url", "http://127.0.0.1:18090"},
                      {"username", "admin"},
                      {"password", "ei-confluence-Secret1"}}),
          context);
    }
    return std::make_unique<sources::JiraDataSource>(
        configured(sources::JiraDataSource::descriptor_ptr(),
                   {{"jira_url", "http://127.0.0.1:18080"},
                    {"account_email", "me@example.com"},
                    {"api_token", "ei-jira-api-token"}}),
        context);
  }

  static source::DataSourceConfiguration configured(
      const std::shared_ptr<const source::SourceDescriptor>& descriptor,
      const json::object& values) {
    json::object configuration = descriptor->default_configuration.to_json();
    for (const auto& [key, value] : values) configuration[key].as_object()["value"] = value;
    return source::DataSourceConfiguration(json::value(configuration));
  }

  sync::SyncResult sync(const std::string& index) {
    auto rest = source();
    sync::SyncEngineOptions options;
    options.index = index;
    options.pipeline = "";
    options.extract_binary_content = true;
    options.bulk = bulk;
    rest->tweak_bulk_options(options.bulk);
    sync::SyncEngine engine(*es, *es, *rest, options);
    sync::SyncResult result = run(engine.run());
    run(rest->close());
    return result;
  }
};

}  // namespace

int main(int argc, char** argv) {
  const std::string kind = argc >= 4 ? argv[1] : "";
  if (kind != "jira" && kind != "confluence" && kind != "sharepoint") {
    std::cerr << "usage: sync_rest_bench jira|confluence|sharepoint N SERVER_PID\n";
    return 2;
  }
  const std::size_t count = std::stoul(argv[2]);
  Bench bench;
  bench.kind = kind;
  bench.server_pid = std::stol(argv[3]);
  core::LogOptions log_options;
  log_options.level = core::LogLevel::warning;
  core::configure_logging(log_options);
  const char* url = std::getenv("EI_ES_URL");
  es::EsOptions es_options;
  es_options.host = url != nullptr && *url != '\0' ? url : "http://127.0.0.1:9200";
  bench.es = std::make_unique<es::EsClient>(bench.io.get_executor(), es_options);
  const std::string ours = "ei-bench-sync-rest-ours";
  const std::string raw = "ei-bench-sync-rest-raw";
  try {
    bench.run(bench.es->delete_index(ours));
    bench.run(bench.es->create_index(ours));
    auto start = Clock::now();
    const double cpu_before = bench::cpu_seconds();
    const double server_before = process_cpu_seconds(bench.server_pid);
    const sync::SyncResult first = bench.sync(ours);
    const double sync_seconds = seconds_since(start);
    const double sync_cpu = bench::cpu_seconds() - cpu_before;
    const double server_cpu = process_cpu_seconds(bench.server_pid) - server_before;
    const double rss_mb = peak_rss_mb();
    if (!bench::synced_all(first, count)) return 1;
    bench.run(bench.es->refresh(ours));
    bench.run(bench::wait_for_merges(*bench.es, ours, std::chrono::seconds(60)));
    start = Clock::now();
    const sync::SyncResult again = bench.sync(ours);
    const double noop_seconds = seconds_since(start);
    const double noop_rss_mb = peak_rss_mb();

    const fs::path recorded = fs::temp_directory_path() / ("ei-bench-rest-" + kind + ".ndjson");
    start = Clock::now();
    {
      RecordingSink sink(raw, recorded);
      auto rest = bench.source();
      bench.run(rest->get_docs(sink, protocol::Filter()));
      bench.run(rest->close());
    }
    const double source_seconds = seconds_since(start);
    bench.run(bench.es->delete_index(raw));
    bench.run(bench.es->create_index(raw));
    start = Clock::now();
    const std::size_t raw_failed = bench.run(replay_bulk(*bench.es, bench.bulk, recorded));
    const double raw_seconds = seconds_since(start);
    fs::remove(recorded);
    bench.run(bench.es->delete_index(raw));
    bench.run(bench.es->delete_index(ours));

    const double ours_rate = static_cast<double>(count) / sync_seconds;
    const double raw_rate = static_cast<double>(count) / raw_seconds;
    std::printf("sync-rest %s N=%zu (an attachment on every tenth item, downloaded)\n",
                kind.c_str(), count);
    std::printf("ours:       %.0f docs/s (%.2f s, %llu downloads; our CPU %.2f s)\n", ours_rate,
                sync_seconds, static_cast<unsigned long long>(first.counters.downloads), sync_cpu);
    std::printf("server:     %.2f s of CPU answering, %.0f%% of the sync's time\n", server_cpu,
                100.0 * server_cpu / sync_seconds);
    std::printf("raw _bulk:  %.0f docs/s (%.2f s, %zu item failures)\n", raw_rate, raw_seconds,
                raw_failed);
    std::printf("ratio:      %.3f\n", ours_rate / raw_rate);
    std::printf("no-op:      %.2f s (%llu unchanged, %llu indexed)\n", noop_seconds,
                static_cast<unsigned long long>(again.counters.unchanged),
                static_cast<unsigned long long>(again.counters.indexed_document_count));
    std::printf("source only (the REST reads to NDJSON, downloads inline): %.0f docs/s\n",
                static_cast<double>(count) / source_seconds);
    std::printf("peak RSS:   %.1f MB after the sync, %.1f MB after the no-op\n", rss_mb,
                noop_rss_mb);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench failed: " << e.what() << "\n";
    return 1;
  }
}
