// bench/sync-mongodb N and bench/sync-smb N: the two sources on blocking drivers (libmongoc,
// libsmbclient), which run on the thread pool. N documents of about 1 KB loaded into the test
// server (FerretDB; Samba, half of the files `.txt` with content to download), synced through
// the SyncEngine, against a raw `_bulk` replay of the same documents (same batch cuts and
// concurrency); then a no-op resync, and the peak RSS.
#include <fcntl.h>
#include <libsmbclient.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
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
#include "sources/mongodb/bson_json.hpp"
#include "sources/mongodb/mongo_data_source.hpp"
#include "sources/network_drive/network_drive_data_source.hpp"
#include "support/samba_share.hpp"
#include "sync/sync_engine.hpp"

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace ei;
using ei::bench::Clock;
using ei::bench::peak_rss_mb;
using ei::bench::RecordingSink;
using ei::bench::replay_bulk;
using ei::bench::seconds_since;

constexpr const char* kMongoUri = "mongodb://ei:ei_secret@127.0.0.1:27018/?authSource=admin";
constexpr const char* kDatabase = "ei_bench";
constexpr const char* kFolder = "ei-bench";

const std::string& body() {
  static const std::string text = [] {
    std::string made;
    while (made.size() < 960) made += "lorem ipsum dolor sit amet ";
    return made;
  }();
  return text;
}

void load_mongodb(std::size_t count) {
  mongoc_init();
  mongoc_client_t* client = mongoc_client_new(kMongoUri);
  mongoc_database_t* database = mongoc_client_get_database(client, kDatabase);
  mongoc_database_drop(database, nullptr);
  mongoc_database_destroy(database);
  mongoc_collection_t* collection = mongoc_client_get_collection(client, kDatabase, "items");
  for (std::size_t start = 0; start < count; start += 1000) {
    mongoc_bulk_operation_t* bulk =
        mongoc_collection_create_bulk_operation_with_opts(collection, nullptr);
    for (std::size_t i = start; i < std::min(count, start + 1000); ++i) {
      const std::string title = "document " + std::to_string(i);
      sources::mongodb::BsonPtr document(BCON_NEW("title", BCON_UTF8(title.c_str()), "n",
                                                  BCON_INT64(static_cast<std::int64_t>(i)), "body",
                                                  BCON_UTF8(body().c_str())));
      mongoc_bulk_operation_insert(bulk, document.get());
    }
    bson_error_t error;
    const bool ok = mongoc_bulk_operation_execute(bulk, nullptr, &error) != 0;
    mongoc_bulk_operation_destroy(bulk);
    if (!ok) throw std::runtime_error(std::string("mongodb insert: ") + error.message);
  }
  mongoc_collection_destroy(collection);
  mongoc_client_destroy(client);
}

// N entries: folders of 1,000 files (each folder is a document too), half of the files `.txt`.
void load_smb(std::size_t count) {
  const fs::path root = smb_testing::samba_share_dir() / kFolder;
  fs::remove_all(root);
  std::size_t made = 0;
  for (std::size_t folder = 0; made < count; ++folder) {
    const fs::path dir = root / ("folder " + std::to_string(folder));
    fs::create_directories(dir);
    ++made;
    for (std::size_t i = 0; i < 1000 && made < count; ++i, ++made) {
      std::ofstream(dir / ("file " + std::to_string(made) + (made % 2 == 0 ? ".txt" : ".bin")))
          << "file " << made << " " << body();
    }
  }
}

// The driver alone, one call at a time, no Elasticsearch: a plain libmongoc cursor over the
// collection, or libsmbclient opening, reading and closing every `.txt` file that the sync
// downloads. No sync through this server can beat it on this machine: it says where the time
// goes.
double mongodb_driver_seconds() {
  const auto start = Clock::now();
  mongoc_client_t* client = mongoc_client_new(kMongoUri);
  mongoc_collection_t* collection = mongoc_client_get_collection(client, kDatabase, "items");
  sources::mongodb::BsonPtr filter(bson_new());
  sources::mongodb::BsonPtr options(BCON_NEW("batchSize", BCON_INT32(500)));
  mongoc_cursor_t* cursor =
      mongoc_collection_find_with_opts(collection, filter.get(), options.get(), nullptr);
  const bson_t* document = nullptr;
  std::size_t read = 0;
  while (mongoc_cursor_next(cursor, &document)) ++read;
  bson_error_t error;
  const bool failed = mongoc_cursor_error(cursor, &error);
  mongoc_cursor_destroy(cursor);
  mongoc_collection_destroy(collection);
  mongoc_client_destroy(client);
  if (failed) throw std::runtime_error(std::string("mongodb read: ") + error.message);
  if (read == 0) throw std::runtime_error("mongodb read: no documents");
  return seconds_since(start);
}

void smb_credentials(SMBCCTX*, const char*, const char*, char* workgroup, int workgroup_size,
                     char* user, int user_size, char* password, int password_size) {
  std::snprintf(workgroup, static_cast<std::size_t>(workgroup_size), "%s", "WORKGROUP");
  std::snprintf(user, static_cast<std::size_t>(user_size), "%s", "eismb");
  std::snprintf(password, static_cast<std::size_t>(password_size), "%s", "ei-smb-Secret1");
}

double smb_driver_seconds(std::size_t count) {
  const auto start = Clock::now();
  SMBCCTX* context = smbc_new_context();
  smbc_setFunctionAuthDataWithContext(context, smb_credentials);
  smbc_setPort(context, 4450);
  if (smbc_init_context(context) == nullptr) throw std::runtime_error("smb: cannot init");
  std::vector<char> buffer(65536);
  std::size_t made = 0;
  for (std::size_t folder = 0; made < count; ++folder) {
    ++made;
    for (std::size_t i = 0; i < 1000 && made < count; ++i, ++made) {
      if (made % 2 != 0) continue;  // the .bin files are not downloaded
      const std::string url = "smb://127.0.0.1/share/" + std::string(kFolder) + "/folder " +
                              std::to_string(folder) + "/file " + std::to_string(made) + ".txt";
      SMBCFILE* file = smbc_getFunctionOpen(context)(context, url.c_str(), O_RDONLY, 0);
      if (file == nullptr) throw std::runtime_error("smb: cannot open " + url);
      while (smbc_getFunctionRead(context)(context, file, buffer.data(), buffer.size()) > 0) {
      }
      smbc_getFunctionClose(context)(context, file);
    }
  }
  smbc_free_context(context, 1);
  return seconds_since(start);
}

struct Bench {
  std::string kind;
  boost::asio::io_context io;
  boost::asio::thread_pool pool{4};
  std::unique_ptr<es::EsClient> es;
  core::BulkOptions bulk;

  template <class T>
  T run(boost::asio::awaitable<T> task) {
    return core::run_to_completion(io, std::move(task));
  }

  std::unique_ptr<source::DataSource> source() {
    const source::SourceContext context{io.get_executor(), pool.get_executor()};
    if (kind == "mongodb") {
      json::object stored =
          sources::MongoDataSource::descriptor_ptr()->default_configuration.to_json();
      const json::object values{{"host", "mongodb://127.0.0.1:27018"},
                                {"user", "ei"},
                                {"password", "ei_secret"},
                                {"database", kDatabase},
                                {"collection", "items"},
                                {"direct_connection", true}};
      for (const auto& [key, value] : values) stored[key].as_object()["value"] = value;
      return std::make_unique<sources::MongoDataSource>(
          source::DataSourceConfiguration(json::value(stored)), context);
    }
    json::object stored =
        sources::NetworkDriveDataSource::descriptor_ptr()->default_configuration.to_json();
    const json::object values{{"username", "eismb"},
                              {"password", "ei-smb-Secret1"},
                              {"server_ip", "127.0.0.1"},
                              {"server_port", 4450},
                              {"drive_path", std::string("share/") + kFolder}};
    for (const auto& [key, value] : values) stored[key].as_object()["value"] = value;
    return std::make_unique<sources::NetworkDriveDataSource>(
        source::DataSourceConfiguration(json::value(stored)), context);
  }

  sync::SyncResult sync(const std::string& index) {
    auto source = this->source();
    sync::SyncEngineOptions options;
    options.index = index;
    options.pipeline = "";
    options.extract_binary_content = kind == "smb";
    options.bulk = bulk;
    sync::SyncEngine engine(*es, *es, *source, options);
    sync::SyncResult result = run(engine.run());
    run(source->close());
    return result;
  }
};

}  // namespace

int main(int argc, char** argv) {
  const std::string kind = argc >= 3 ? argv[1] : "";
  if (kind != "mongodb" && kind != "smb") {
    std::cerr << "usage: sync_blocking_source_bench mongodb|smb N\n";
    return 2;
  }
  Bench bench;
  bench.kind = kind;
  const std::size_t count = std::stoul(argv[2]);
  core::LogOptions log_options;
  log_options.level = core::LogLevel::warning;
  core::configure_logging(log_options);
  const char* url = std::getenv("EI_ES_URL");
  es::EsOptions es_options;
  es_options.host = url != nullptr && *url != '\0' ? url : "http://127.0.0.1:9200";
  bench.es = std::make_unique<es::EsClient>(bench.io.get_executor(), es_options);
  const std::string ours = "ei-bench-sync-blocking-ours";
  const std::string raw = "ei-bench-sync-blocking-raw";
  try {
    auto start = Clock::now();
    if (kind == "mongodb") {
      load_mongodb(count);
    } else {
      load_smb(count);
    }
    std::printf("loaded %zu documents into %s in %.1f s\n", count, kind.c_str(),
                seconds_since(start));
    std::fflush(stdout);

    bench.run(bench.es->delete_index(ours));
    bench.run(bench.es->create_index(ours));
    start = Clock::now();
    const double cpu_before = bench::cpu_seconds();
    const sync::SyncResult first = bench.sync(ours);
    const double sync_seconds = seconds_since(start);
    const double sync_cpu = bench::cpu_seconds() - cpu_before;
    const double rss_mb = peak_rss_mb();
    if (!bench::synced_all(first, count)) return 1;
    bench.run(bench.es->refresh(ours));
    bench.run(bench::wait_for_merges(*bench.es, ours, std::chrono::seconds(60)));
    start = Clock::now();
    const sync::SyncResult again = bench.sync(ours);
    const double noop_seconds = seconds_since(start);
    const double noop_rss_mb = peak_rss_mb();

    const fs::path recorded = fs::temp_directory_path() / ("ei-bench-blocking-" + kind + ".ndjson");
    start = Clock::now();
    {
      RecordingSink sink(raw, recorded);
      auto source = bench.source();
      bench.run(source->get_docs(sink, protocol::Filter()));
      bench.run(source->close());
    }
    const double source_seconds = seconds_since(start);
    const double driver_seconds =
        kind == "mongodb" ? mongodb_driver_seconds() : smb_driver_seconds(count);
    bench.run(bench.es->delete_index(raw));
    bench.run(bench.es->create_index(raw));
    start = Clock::now();
    const std::size_t raw_failed = bench.run(replay_bulk(*bench.es, bench.bulk, recorded));
    const double raw_seconds = seconds_since(start);
    fs::remove(recorded);
    bench.run(bench.es->delete_index(raw));
    bench.run(bench.es->delete_index(ours));
    if (kind == "smb") fs::remove_all(smb_testing::samba_share_dir() / kFolder);

    const double ours_rate = static_cast<double>(count) / sync_seconds;
    const double raw_rate = static_cast<double>(count) / raw_seconds;
    std::printf("sync-%s N=%zu (chunk_size=%zu%s)\n", kind.c_str(), count, bench.bulk.chunk_size,
                kind == "smb" ? ", half of the files downloaded" : "");
    std::printf("ours:       %.0f docs/s (%.2f s, %llu downloads; our CPU %.2f s)\n", ours_rate,
                sync_seconds, static_cast<unsigned long long>(first.counters.downloads), sync_cpu);
    std::printf("raw _bulk:  %.0f docs/s (%.2f s, %zu item failures)\n", raw_rate, raw_seconds,
                raw_failed);
    std::printf("ratio:      %.3f\n", ours_rate / raw_rate);
    std::printf("no-op:      %.2f s (%llu unchanged, %llu indexed)\n", noop_seconds,
                static_cast<unsigned long long>(again.counters.unchanged),
                static_cast<unsigned long long>(again.counters.indexed_document_count));
    std::printf("source only (documents and downloads to NDJSON, one at a time): %.0f docs/s\n",
                static_cast<double>(count) / source_seconds);
    std::printf(
        "driver alone (one call at a time, no Elasticsearch): %.2f s, %.0f%% of our "
        "sync's time\n",
        driver_seconds, 100.0 * driver_seconds / sync_seconds);
    std::printf("peak RSS:   %.1f MB after the sync, %.1f MB after the no-op\n", rss_mb,
                noop_rss_mb);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench failed: " << e.what() << "\n";
    return 1;
  }
}
