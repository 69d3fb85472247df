// bench/sync-object-store s3|gcs|azure N: N objects of about 1 KB in one bucket or container of
// the test server (MinIO, fake-gcs-server, Azurite), half of them `.txt` whose content is
// downloaded. Prints our sync rate against a raw `_bulk` replay of the same documents (their
// downloads merged), the no-op resync time and the peak RSS.

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "core/logging.hpp"
#include "core/run_to_completion.hpp"
#include "es/es_client.hpp"
#include "sources/azure_blob_storage/azure_blob_storage_data_source.hpp"
#include "sources/google_cloud_storage/google_cloud_storage_data_source.hpp"
#include "sources/s3/s3_data_source.hpp"
#include "support/azurite_admin.hpp"
#include "support/gcs_admin.hpp"
#include "support/gcs_token_endpoint.hpp"
#include "support/minio_admin.hpp"
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

constexpr const char* kBucket = "ei-bench-objects";
constexpr const char* kMinioKey = "ei-minio-admin";
constexpr const char* kMinioSecret = "ei-minio-secret-123";

std::string body(std::size_t i) {
  std::string text = "object " + std::to_string(i) + " ";
  while (text.size() < 1000) text += "lorem ipsum dolor sit amet ";
  return text;
}

std::string name(std::size_t i) {
  return "dir" + std::to_string(i % 100) + "/object" + std::to_string(i) +
         (i % 2 == 0 ? ".txt" : ".bin");
}

json::object stored(std::shared_ptr<const source::SourceDescriptor> descriptor,
                    const json::object& values) {
  json::object configuration = descriptor->default_configuration.to_json();
  for (const auto& [key, value] : values) configuration[key].as_object()["value"] = value;
  return configuration;
}

struct Bench {
  asio::io_context io;
  std::unique_ptr<es::EsClient> es;
  core::BulkOptions bulk;
  std::string kind;
  gcs_testing::KeyPair key;
  std::unique_ptr<gcs_testing::TokenEndpoint> tokens;

  template <class T>
  T run(asio::awaitable<T> task) {
    return core::run_to_completion(io, std::move(task));
  }

  void load(std::size_t count) {
    if (kind == "s3") {
      s3_testing::MinioAdmin admin("127.0.0.1:9100", {kMinioKey, kMinioSecret, std::nullopt});
      admin.drop_bucket(kBucket);
      admin.create_bucket(kBucket);
      for (std::size_t start = 0; start < count; start += 10'000) {
        std::vector<s3_testing::Object> batch;
        for (std::size_t i = start; i < std::min(count, start + 10'000); ++i) {
          batch.push_back({name(i), body(i)});
        }
        admin.put(kBucket, batch);
      }
    } else if (kind == "azure") {
      azure_testing::AzuriteAdmin admin;
      admin.delete_container(kBucket);
      admin.create_container(kBucket);
      for (std::size_t start = 0; start < count; start += 10'000) {
        std::vector<azure_testing::Blob> batch;
        for (std::size_t i = start; i < std::min(count, start + 10'000); ++i) {
          batch.push_back({name(i), body(i)});
        }
        admin.put(kBucket, batch);
      }
    } else {
      gcs_testing::GcsAdmin admin;
      admin.drop_bucket(kBucket);
      admin.create_bucket(kBucket);
      for (std::size_t start = 0; start < count; start += 10'000) {
        std::vector<gcs_testing::Object> batch;
        for (std::size_t i = start; i < std::min(count, start + 10'000); ++i) {
          batch.push_back({name(i), body(i)});
        }
        admin.put(kBucket, batch);
      }
    }
  }

  std::unique_ptr<source::DataSource> source() {
    const source::SourceContext context{io.get_executor(), io.get_executor()};
    const auto no_environment = [](const std::string&) { return std::optional<std::string>(); };
    if (kind == "s3") {
      return std::make_unique<sources::S3DataSource>(
          source::DataSourceConfiguration(json::value(stored(
              sources::S3DataSource::descriptor_ptr(), {{"buckets", kBucket},
                                                        {"endpoint", "http://127.0.0.1:9100"},
                                                        {"access_key_id", kMinioKey},
                                                        {"secret_access_key", kMinioSecret},
                                                        {"page_size", 1000}}))),
          context, no_environment);
    }
    if (kind == "azure") {
      return std::make_unique<sources::AzureBlobStorageDataSource>(
          source::DataSourceConfiguration(
              json::value(stored(sources::AzureBlobStorageDataSource::descriptor_ptr(), {}))),
          context);
    }
    const std::string account =
        json::serialize(json::object{{"project_id", "ei-bench"},
                                     {"client_email", "bench@ei-bench.iam.gserviceaccount.com"},
                                     {"private_key", key.private_pem()},
                                     {"token_uri", tokens->token_uri()}});
    return std::make_unique<sources::GoogleCloudStorageDataSource>(
        source::DataSourceConfiguration(
            json::value(stored(sources::GoogleCloudStorageDataSource::descriptor_ptr(),
                               {{"service_account_credentials", account}}))),
        context, [](const std::string& variable) -> std::optional<std::string> {
          if (variable == "STORAGE_EMULATOR_HOST") return "http://127.0.0.1:4443";
          return std::nullopt;
        });
  }

  sync::SyncResult sync(const std::string& index) {
    auto store = source();
    sync::SyncEngineOptions options;
    options.index = index;
    options.pipeline = "";
    options.extract_binary_content = std::getenv("EI_BENCH_NO_CONTENT") == nullptr;
    options.bulk = bulk;
    store->tweak_bulk_options(options.bulk);
    if (const char* downloads = std::getenv("EI_BENCH_DOWNLOADS")) {
      options.bulk.concurrent_downloads = std::stoul(downloads);
    }
    sync::SyncEngine engine(*es, *es, *store, options);
    sync::SyncResult result = run(engine.run());
    run(store->close());
    return result;
  }
};

}  // namespace

int main(int argc, char** argv) {
  const std::string kind = argc >= 3 ? argv[1] : "";
  if (kind != "s3" && kind != "gcs" && kind != "azure") {
    std::cerr << "usage: sync_object_store_bench s3|gcs|azure N\n";
    return 2;
  }
  Bench bench;
  bench.kind = kind;
  bench.tokens = std::make_unique<gcs_testing::TokenEndpoint>(
      bench.key, "bench@ei-bench.iam.gserviceaccount.com");
  const std::size_t count = std::stoul(argv[2]);
  core::LogOptions log_options;
  log_options.level = core::LogLevel::warning;
  core::configure_logging(log_options);
  const char* url = std::getenv("EI_ES_URL");
  es::EsOptions es_options;
  es_options.host = url != nullptr && *url != '\0' ? url : "http://127.0.0.1:9200";
  bench.es = std::make_unique<es::EsClient>(bench.io.get_executor(), es_options);
  const std::string ours = "ei-bench-sync-objects-ours";
  const std::string raw = "ei-bench-sync-objects-raw";
  try {
    auto start = Clock::now();
    bench.load(count);
    std::printf("loaded %zu objects into %s in %.1f s\n", count, kind.c_str(),
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

    const fs::path recorded = fs::temp_directory_path() / ("ei-bench-objects-" + kind + ".ndjson");
    start = Clock::now();
    {
      RecordingSink sink(raw, recorded);
      auto store = bench.source();
      bench.run(store->get_docs(sink, protocol::Filter()));
      bench.run(store->close());
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
    std::printf("sync-object-store %s N=%zu (half with content, chunk_size=%zu)\n", kind.c_str(),
                count, bench.bulk.chunk_size);
    std::printf("ours:       %.0f docs/s (%.2f s, %llu downloads; our CPU %.2f s)\n", ours_rate,
                sync_seconds, static_cast<unsigned long long>(first.counters.downloads), sync_cpu);
    std::printf("raw _bulk:  %.0f docs/s (%.2f s, %zu item failures)\n", raw_rate, raw_seconds,
                raw_failed);
    std::printf("ratio:      %.3f\n", ours_rate / raw_rate);
    std::printf("no-op:      %.2f s (%llu unchanged, %llu indexed)\n", noop_seconds,
                static_cast<unsigned long long>(again.counters.unchanged),
                static_cast<unsigned long long>(again.counters.indexed_document_count));
    std::printf("source only (listing and downloads to NDJSON, one at a time): %.0f docs/s\n",
                static_cast<double>(count) / source_seconds);
    std::printf("peak RSS:   %.1f MB after the sync, %.1f MB after the no-op\n", rss_mb,
                noop_rss_mb);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench failed: " << e.what() << "\n";
    return 1;
  }
}
