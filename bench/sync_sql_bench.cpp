// bench/sync-sql postgresql|mysql|mssql|oracle N: N rows of about 1 KB synced from a real
// database server through the SyncEngine, against a raw `_bulk` replay of the same documents
// (same batch size, same concurrency); peak RSS of the sync. mssql and oracle read the rows
// through their protocol front-ends (tests/servers/tds, tests/servers/tns) from the test
// PostgreSQL, and also sync them with the PostgreSQL source in the same run, so that the
// front-end's own cost shows.
#include <libpq-fe.h>
#include <mysql.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <chrono>
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
#include "sources/mssql/mssql_data_source.hpp"
#include "sources/mysql/mysql_data_source.hpp"
#include "sources/oracle/oracle_data_source.hpp"
#include "sources/postgresql/postgresql_data_source.hpp"
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

constexpr const char* kDatabase = "ei_bench";

// ~1 KB per row: a 960-character body plus a title and two integers.
const char* kBody = "repeat('lorem ipsum dolor sit amet ', 30)";

void fail(const std::string& what) {
  throw std::runtime_error(what);
}

// `schema` empty: the default (public); mssql's rows live in `dbo`, its default schema, and
// oracle's in the schema of its user, `eiora`.
void load_postgresql(std::size_t rows, const std::string& schema = "") {
  auto exec = [](PGconn* conn, const std::string& sql) {
    PGresult* result = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(result);
    const std::string error = PQresultErrorMessage(result);
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(sql + ": " + error);
  };
  PGconn* admin =
      PQconnectdb("host=127.0.0.1 port=15432 user=ei password=ei_secret dbname=postgres");
  if (PQstatus(admin) != CONNECTION_OK) fail(std::string("postgresql: ") + PQerrorMessage(admin));
  exec(admin, std::string("DROP DATABASE IF EXISTS ") + kDatabase + " WITH (FORCE)");
  exec(admin, std::string("CREATE DATABASE ") + kDatabase);
  PQfinish(admin);
  PGconn* conn =
      PQconnectdb("host=127.0.0.1 port=15432 user=ei password=ei_secret dbname=ei_bench");
  if (PQstatus(conn) != CONNECTION_OK) fail(std::string("postgresql: ") + PQerrorMessage(conn));
  const std::string table = schema.empty() ? "docs" : schema + ".docs";
  if (!schema.empty()) exec(conn, "CREATE SCHEMA " + schema);
  exec(conn, "CREATE TABLE " + table + " (id int PRIMARY KEY, title text, body text, n int)");
  exec(conn, "INSERT INTO " + table + " SELECT i, 'document ' || i, " + kBody +
                 " || i, i % 1000 FROM generate_series(1, " + std::to_string(rows) + ") AS i");
  PQfinish(conn);
}

void load_mysql(std::size_t rows) {
  MYSQL* conn = mysql_init(nullptr);
  if (!mysql_real_connect(conn, "127.0.0.1", "ei", "ei_secret", nullptr, 13306, nullptr, 0)) {
    fail(std::string("mysql: ") + mysql_error(conn));
  }
  auto exec = [conn](const std::string& sql) {
    if (mysql_real_query(conn, sql.data(), sql.size()) != 0) fail(sql + ": " + mysql_error(conn));
  };
  exec(std::string("DROP DATABASE IF EXISTS ") + kDatabase);
  exec(std::string("CREATE DATABASE ") + kDatabase);
  exec(std::string("USE ") + kDatabase);
  exec("CREATE TABLE docs (id INT PRIMARY KEY, title VARCHAR(64), body TEXT, n INT)");
  exec(std::string("INSERT INTO docs SELECT seq, CONCAT('document ', seq), CONCAT(") + kBody +
       ", seq), seq % 1000 FROM seq_1_to_" + std::to_string(rows));
  mysql_close(conn);
}

struct Bench {
  asio::io_context io;
  asio::thread_pool pool{2};  // the blocking calls of FreeTDS
  std::unique_ptr<es::EsClient> es;
  core::BulkOptions bulk;
  std::string kind;

  template <class T>
  T run(asio::awaitable<T> task) {
    return core::run_to_completion(io, std::move(task));
  }

  std::unique_ptr<source::DataSource> source() { return source(kind); }

  std::unique_ptr<source::DataSource> source(const std::string& which) {
    const source::SourceContext context{io.get_executor(), pool.get_executor()};
    json::object values{{"host", "127.0.0.1"}, {"password", "ei_secret"}, {"database", kDatabase},
                        {"tables", "*"},       {"fetch_size", 500},       {"ssl_enabled", false}};
    if (which == "mssql") {
      values["port"] = 14330;
      values["username"] = "eisql";
      values["password"] = "Ei_Sql_Secret_1";
      json::object stored =
          sources::MsSqlDataSource::descriptor_ptr()->default_configuration.to_json();
      for (auto& [key, value] : values) stored[key].as_object()["value"] = value;
      return std::make_unique<sources::MsSqlDataSource>(
          source::DataSourceConfiguration(json::value(stored)), context);
    }
    if (which == "oracle") {
      values["port"] = 15210;
      values["username"] = "eiora";
      values["password"] = "Ei_Ora_Secret_1";
      json::object stored =
          sources::OracleDataSource::descriptor_ptr()->default_configuration.to_json();
      for (auto& [key, value] : values) {
        if (stored.contains(key)) stored[key].as_object()["value"] = value;
      }
      return std::make_unique<sources::OracleDataSource>(
          source::DataSourceConfiguration(json::value(stored)), context);
    }
    if (which == "postgresql") {
      values["port"] = 15432;
      values["username"] = "ei";
      json::object stored =
          sources::PostgreSqlDataSource::descriptor_ptr()->default_configuration.to_json();
      for (auto& [key, value] : values) stored[key].as_object()["value"] = value;
      return std::make_unique<sources::PostgreSqlDataSource>(
          source::DataSourceConfiguration(json::value(stored)), context);
    }
    values["port"] = 13306;
    values["user"] = "ei";
    json::object stored =
        sources::MySqlDataSource::descriptor_ptr()->default_configuration.to_json();
    for (auto& [key, value] : values) stored[key].as_object()["value"] = value;
    return std::make_unique<sources::MySqlDataSource>(
        source::DataSourceConfiguration(json::value(stored)), context);
  }

  sync::SyncResult sync(const std::string& index) { return sync(index, kind); }

  sync::SyncResult sync(const std::string& index, const std::string& which) {
    auto database = source(which);
    sync::SyncEngineOptions options;
    options.index = index;
    options.pipeline = "";
    options.bulk = bulk;
    sync::SyncEngine engine(*es, *es, *database, options);
    sync::SyncResult result = run(engine.run());
    run(database->close());
    return result;
  }
};

// The same rows read by the PostgreSQL source straight from PostgreSQL, in the same run: the
// difference in source-only time is what the protocol front-end (and the client) cost.
void compare_with_postgresql(Bench& bench, std::size_t count, double front_end_source_seconds) {
  const std::string index = "ei-bench-sync-sql-pg";
  bench.run(bench.es->delete_index(index));
  bench.run(bench.es->create_index(index));
  auto start = Clock::now();
  sync::SyncResult synced = bench.sync(index, "postgresql");
  const double sync_seconds = seconds_since(start);
  bench.run(bench.es->delete_index(index));
  const fs::path recorded = fs::temp_directory_path() / "ei-bench-sync-sql-pg.ndjson";
  start = Clock::now();
  {
    RecordingSink sink(index, recorded);
    auto database = bench.source("postgresql");
    bench.run(database->get_docs(sink, protocol::Filter()));
    bench.run(database->close());
  }
  const double source_seconds = seconds_since(start);
  fs::remove(recorded);
  std::printf(
      "postgresql source, same rows, same run: %.0f docs/s synced (%.2f s, %llu docs), "
      "%.0f docs/s source only\n",
      static_cast<double>(count) / sync_seconds, sync_seconds,
      static_cast<unsigned long long>(synced.counters.indexed_document_count),
      static_cast<double>(count) / source_seconds);
  std::printf(
      "%s: %.0f%% of the %s source-only time\n",
      bench.kind == "mssql" ? "TDS front-end and FreeTDS" : "TNS front-end and our client",
      100.0 * std::max(0.0, front_end_source_seconds - source_seconds) / front_end_source_seconds,
      bench.kind.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string kind = argc >= 2 ? argv[1] : "";
  if (argc < 3 ||
      (kind != "postgresql" && kind != "mysql" && kind != "mssql" && kind != "oracle")) {
    std::cerr << "usage: sync_sql_bench postgresql|mysql|mssql|oracle N\n";
    return 2;
  }
  Bench bench;
  bench.kind = argv[1];
  const std::size_t count = std::stoul(argv[2]);
  core::LogOptions log_options;
  log_options.level = core::LogLevel::warning;
  core::configure_logging(log_options);
  const char* url = std::getenv("EI_ES_URL");
  es::EsOptions es_options;
  es_options.host = url != nullptr && *url != '\0' ? url : "http://127.0.0.1:9200";
  bench.es = std::make_unique<es::EsClient>(bench.io.get_executor(), es_options);
  const std::string ours = "ei-bench-sync-sql-ours";
  const std::string raw = "ei-bench-sync-sql-raw";
  try {
    auto start = Clock::now();
    if (bench.kind == "postgresql") {
      load_postgresql(count);
    } else if (bench.kind == "mssql") {
      load_postgresql(count, "dbo");
    } else if (bench.kind == "oracle") {
      load_postgresql(count, "eiora");
    } else {
      load_mysql(count);
    }
    std::printf("loaded %zu rows into %s in %.1f s\n", count, bench.kind.c_str(),
                seconds_since(start));
    std::fflush(stdout);

    bench.run(bench.es->delete_index(ours));
    bench.run(bench.es->create_index(ours));
    start = Clock::now();
    sync::SyncResult first = bench.sync(ours);
    const double sync_seconds = seconds_since(start);
    const double rss_mb = peak_rss_mb();
    if (!bench::synced_all(first, count)) return 1;

    if (const char* skip = std::getenv("EI_BENCH_SKIP_RAW"); skip != nullptr && *skip == '1') {
      // Large N: the sync's rate and memory only (the replay doubles the run time).
      bench.run(bench.es->delete_index(ours));
      std::printf("sync-sql %s N=%zu: ours %.0f docs/s (%.2f s); peak RSS %.1f MB\n",
                  bench.kind.c_str(), count, static_cast<double>(count) / sync_seconds,
                  sync_seconds, rss_mb);
      return 0;
    }
    const fs::path recorded =
        fs::temp_directory_path() / ("ei-bench-sync-sql-" + bench.kind + ".ndjson");
    start = Clock::now();
    {
      RecordingSink sink(raw, recorded);
      auto database = bench.source();
      bench.run(database->get_docs(sink, protocol::Filter()));
      bench.run(database->close());
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
    std::printf("sync-sql %s N=%zu (fetch_size=500, chunk_size=%zu, max_concurrency=%zu)\n",
                bench.kind.c_str(), count, bench.bulk.chunk_size, bench.bulk.max_concurrency);
    std::printf("ours:       %.0f docs/s (%.2f s, %.1f MiB sent)\n", ours_rate, sync_seconds,
                static_cast<double>(first.counters.indexed_document_volume_bytes) / 1048576.0);
    std::printf("raw _bulk:  %.0f docs/s (%.2f s, %zu item failures)\n", raw_rate, raw_seconds,
                raw_failed);
    std::printf("ratio:      %.3f\n", ours_rate / raw_rate);
    std::printf("source only (rows to NDJSON file): %.0f docs/s\n",
                static_cast<double>(count) / source_seconds);
    std::printf("peak RSS:   %.1f MB (after the sync)\n", rss_mb);
    if (bench.kind == "mssql" || bench.kind == "oracle") {
      compare_with_postgresql(bench, count, source_seconds);
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench failed: " << e.what() << "\n";
    return 1;
  }
}
