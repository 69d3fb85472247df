#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/backoff.hpp"
#include "core/config_error.hpp"
#include "core/env_yaml.hpp"
#include "core/log_level.hpp"

namespace ei::core {

using Seconds = std::chrono::duration<double>;

// elasticsearch.bulk (spec §3.2): the sync engine's batching. Code defaults, including the
// reference's swapped memory sizes (queue 5 MiB, request 25 MiB), which the note says to keep.
struct BulkOptions {
  std::size_t queue_max_size = 1024;  // items between fetcher and bulker
  double queue_max_mem_size = 5;      // MiB
  std::size_t chunk_size = 500;       // NDJSON lines per bulk request
  double chunk_max_mem_size = 25;     // MiB per bulk request
  std::size_t max_concurrency = 5;    // bulk requests in flight
  std::size_t concurrent_downloads = 10;
  std::size_t display_every = 100;  // documents between progress lines
  // How long a full queue may block a producer before the sync fails (spec §13.6: 60 s;
  // later reference versions call it queue_refresh_timeout and make it configurable).
  Seconds queue_refresh_timeout{60};

  std::size_t queue_max_mem_bytes() const { return mebibytes(queue_max_mem_size); }
  std::size_t chunk_max_mem_bytes() const { return mebibytes(chunk_max_mem_size); }

 private:
  static std::size_t mebibytes(double size) {
    return static_cast<std::size_t>(size * 1024.0 * 1024.0);
  }
};

// elasticsearch section (spec §3.2, §5.1).
struct ElasticsearchConfig {
  std::string host = "http://localhost:9200";  // validated http(s) URL
  std::optional<std::string> username;         // with it, password is set too
  std::optional<std::string> password;
  std::optional<std::string> api_key;  // never together with username
  bool ssl = false;
  std::optional<std::string> ca_certs;
  std::map<std::string, std::string> headers;
  Seconds request_timeout{120};
  bool retry_on_timeout = true;
  Seconds max_wait_duration{60};
  Seconds initial_backoff_duration{5};
  double backoff_multiplier = 2;
  LogLevel log_level = LogLevel::info;  // the transport logger's level
  // Ours: the largest response body accepted from Elasticsearch, MiB (a larger one fails
  // the request with a clear error instead of growing memory without bound).
  double max_response_size = 512;
  BulkOptions bulk;

  // The preflight's wait-for-ES schedule (spec §5.3).
  BackoffPolicy backoff_policy() const;
};

// service section (spec §3.2). Keys the reference requires default to the shipped values;
// Config::defaulted_keys says which were missing.
struct ServiceConfig {
  Seconds idling{30};
  Seconds heartbeat{300};
  std::int64_t max_errors = 20;
  Seconds max_errors_span{600};
  std::int64_t max_concurrent_syncs = 1;
  Seconds job_cleanup_interval{300};
  std::int64_t preflight_max_attempts = 10;
  Seconds preflight_idle{30};
  std::optional<LogLevel> log_level;  // absent: the CLI decides (flag, else INFO)
};

// One `sources:` entry: service type → the reference's `module.path:ClassName` for a
// built-in, or `path/to/libsomething.so:Symbol` for a plug-in.
struct SourceEntry {
  std::string service_type;
  std::string class_spec;

  friend bool operator==(const SourceEntry&, const SourceEntry&) = default;
};

struct Config {
  std::filesystem::path path;
  ElasticsearchConfig elasticsearch;
  ServiceConfig service;
  std::vector<std::string> native_service_types;
  std::optional<std::string> connector_id;
  std::optional<std::string> service_type;
  std::vector<SourceEntry> sources;  // in file order

  // The whole tree after interpolation and Enterprise Search overrides, for sources that
  // read keys of their own.
  boost::json::object raw;
  // Unknown keys and the like, e.g. `config.yml: unknown key service.idlling`.
  std::vector<std::string> warnings;
  // Keys the reference requires that were absent and got their shipped value
  // (service.idling, service.heartbeat, service.max_errors, service.max_errors_span, sources,
  // and `elasticsearch` when the whole section is missing).
  std::vector<std::string> defaulted_keys;

  const SourceEntry* find_source(std::string_view type) const;
};

// The 13 built-in sources of the shipped config.yml, in its order.
std::vector<SourceEntry> shipped_sources();

struct ConfigLoadOptions {
  // Interpolation variables and the loader's own switches (ENV_FILE, ENVYAML_STRICT_DISABLE,
  // ENT_SEARCH_CONFIG_PATH).
  Environment environment;
  // Where `.env` (and a relative ENV_FILE) is looked for; empty means the current directory.
  std::filesystem::path working_directory;
};

// Loads config.yml as the reference does (spec §3): EnvYAML preprocessing, then the
// Enterprise Search overrides, then typed validation. Logs `Loading config from <path>`.
// Throws ConfigError (missing file, YAML syntax, undefined variables, invalid values).
Config load_config(const std::filesystem::path& path, const ConfigLoadOptions& options);

// Same with the process environment and the current directory.
Config load_config(const std::filesystem::path& path);

// The typed part alone, on an already parsed tree; `file` names it in messages.
Config config_from_json(const boost::json::value& tree, std::string_view file);

// The Ruby level names of Enterprise Search (spec §3.3): debug→DEBUG, info→INFO,
// warn→WARNING, error→ERROR, fatal→CRITICAL, unknown→NOTSET; nothing for other names.
std::optional<std::string_view> translate_ruby_log_level(std::string_view ruby_level);

}  // namespace ei::core
