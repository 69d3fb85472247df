#include "core/config.hpp"

#include <fmt/format.h>

#include <boost/url/parse.hpp>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>

#include "core/json.hpp"
#include "core/logging.hpp"
#include "core/source_catalogue.hpp"
#include "core/url_redaction.hpp"

namespace ei::core {

namespace {

constexpr std::string_view kTopLevelKeys[] = {
    "elasticsearch", "service", "native_service_types", "connector_id", "service_type", "sources"};
constexpr std::string_view kElasticsearchKeys[] = {"host",
                                                   "username",
                                                   "password",
                                                   "api_key",
                                                   "ssl",
                                                   "ca_certs",
                                                   "headers",
                                                   "request_timeout",
                                                   "retry_on_timeout",
                                                   "max_wait_duration",
                                                   "initial_backoff_duration",
                                                   "backoff_multiplier",
                                                   "log_level",
                                                   "max_response_size",
                                                   "bulk"};
constexpr std::string_view kBulkKeys[] = {
    "queue_max_size",  "queue_max_mem_size",   "chunk_size",    "chunk_max_mem_size",
    "max_concurrency", "concurrent_downloads", "display_every", "queue_refresh_timeout"};
constexpr std::string_view kServiceKeys[] = {"idling",
                                             "heartbeat",
                                             "max_errors",
                                             "max_errors_span",
                                             "max_concurrent_syncs",
                                             "job_cleanup_interval",
                                             "preflight_max_attempts",
                                             "preflight_idle",
                                             "log_level"};
// Enterprise Search keys that override elasticsearch.<key> (spec §3.3).
constexpr std::string_view kEntSearchElasticsearchKeys[] = {"host", "username", "password",
                                                            "headers"};

template <std::size_t N>
bool contains(const std::string_view (&keys)[N], std::string_view key) {
  for (std::string_view known : keys) {
    if (known == key) return true;
  }
  return false;
}

// Lower bounds a numeric key can have; `none` accepts any number.
enum class Bound { none, non_negative, positive, at_least_one };

// Whether an error may show the value at `path`: passwords, keys, tokens and header values
// (an Authorization header) are described by their type only.
bool is_sensitive_path(std::string_view path) {
  if (path.starts_with("elasticsearch.headers.")) return true;
  std::string key(path.substr(path.rfind('.') == std::string_view::npos ? 0 : path.rfind('.') + 1));
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view word :
       {"password", "passwd", "secret", "token", "api_key", "apikey", "credential"}) {
    if (key.find(word) != std::string::npos) return true;
  }
  return false;
}

// A value as an error message shows it: hidden when sensitive, a URL without its user info.
std::string describe_config_value(std::string_view path, const json::value& value) {
  if (is_sensitive_path(path)) {
    const char* kind = value.is_string()   ? "a string"
                       : value.is_number() ? "a number"
                       : value.is_bool()   ? "a boolean"
                       : value.is_array()  ? "a list"
                       : value.is_object() ? "a mapping"
                                           : "null";
    return fmt::format("{} (value not shown: the key is sensitive)", kind);
  }
  if (const json::string* text = value.if_string()) {
    return describe_json(json::string(redact_url(*text)));
  }
  return describe_json(value);
}

// Typed reads of the parsed tree. Every error names the file the key came from (config.yml,
// or the Enterprise Search file for overridden keys) and the key path.
class Reader {
 public:
  Reader(std::string file, std::map<std::string, std::string> key_files)
      : file_(std::move(file)), key_files_(std::move(key_files)) {}

  const std::string& file() const { return file_; }

  [[noreturn]] void fail(const std::string& path, std::string_view problem) const {
    throw ConfigError(file_for(path), path, problem);
  }

  [[noreturn]] void fail_type(const std::string& path, std::string_view expected,
                              const json::value& actual) const {
    fail(path, fmt::format("expected {}, got {}", expected, describe_config_value(path, actual)));
  }

  // The value of `key`, or nothing when it is absent or null (null reads as "not set").
  static const json::value* find(const json::object* section, std::string_view key) {
    if (section == nullptr) return nullptr;
    const json::value* value = section->if_contains(key);
    return value != nullptr && !value->is_null() ? value : nullptr;
  }

  const json::object* section(const json::object* parent, std::string_view key,
                              const std::string& path) const {
    const json::value* value = find(parent, key);
    if (value == nullptr) return nullptr;
    if (!value->is_object()) fail_type(path, "a mapping", *value);
    return &value->get_object();
  }

  void read(const json::object* section, std::string_view key, const std::string& path, double& out,
            Bound bound) const {
    const json::value* value = find(section, key);
    if (value == nullptr) return;
    const std::string_view expected = number_expectation(bound);
    if (!value->is_number()) fail_type(path, expected, *value);
    const double number = value->to_number<double>();
    if (!std::isfinite(number) || !within(number, bound)) fail_type(path, expected, *value);
    out = number;
  }

  void read(const json::object* section, std::string_view key, const std::string& path,
            Seconds& out, Bound bound) const {
    double seconds = out.count();
    read(section, key, path, seconds, bound);
    out = Seconds(seconds);
  }

  void read(const json::object* section, std::string_view key, const std::string& path,
            std::int64_t& out, Bound bound) const {
    const json::value* value = find(section, key);
    if (value == nullptr) return;
    const std::string_view expected = integer_expectation(bound);
    std::int64_t number = 0;
    try {
      number = as_int(*value, path);
    } catch (const JsonTypeError&) {
      fail_type(path, expected, *value);
    }
    if (!within(static_cast<double>(number), bound)) fail_type(path, expected, *value);
    out = number;
  }

  void read(const json::object* section, std::string_view key, const std::string& path,
            std::size_t& out, Bound bound) const {
    auto number = static_cast<std::int64_t>(out);
    read(section, key, path, number, bound == Bound::none ? Bound::non_negative : bound);
    out = static_cast<std::size_t>(number);
  }

  void read(const json::object* section, std::string_view key, const std::string& path,
            bool& out) const {
    const json::value* value = find(section, key);
    if (value == nullptr) return;
    if (!value->is_bool()) fail_type(path, "a boolean", *value);
    out = value->get_bool();
  }

  void read(const json::object* section, std::string_view key, const std::string& path,
            std::optional<std::string>& out) const {
    const json::value* value = find(section, key);
    if (value == nullptr) return;
    if (!value->is_string()) fail_type(path, "a string", *value);
    out = std::string(value->get_string());
  }

  // Ids may be written unquoted (`connector_id: 1234`); YAML then reads a number.
  void read_id(const json::object* section, std::string_view key, const std::string& path,
               std::optional<std::string>& out) const {
    const json::value* value = find(section, key);
    if (value == nullptr) return;
    if (value->is_string()) {
      out = std::string(value->get_string());
    } else if (value->is_int64() || value->is_uint64()) {
      out = json::serialize(*value);
    } else {
      fail_type(path, "a string", *value);
    }
  }

  void read(const json::object* section, std::string_view key, const std::string& path,
            LogLevel& out) const {
    const json::value* value = find(section, key);
    if (value == nullptr) return;
    const std::string expected = fmt::format("a log level ({})", kLogLevelChoices);
    if (!value->is_string()) fail_type(path, expected, *value);
    const auto level = parse_log_level(value->get_string());
    if (!level) fail_type(path, expected, *value);
    out = *level;
  }

 private:
  static std::string_view number_expectation(Bound bound) {
    switch (bound) {
      case Bound::none:
        return "a number";
      case Bound::non_negative:
        return "a number >= 0";
      case Bound::positive:
        return "a positive number";
      case Bound::at_least_one:
        return "a number >= 1";
    }
    return "a number";
  }

  static std::string_view integer_expectation(Bound bound) {
    switch (bound) {
      case Bound::none:
        return "an integer";
      case Bound::non_negative:
        return "an integer >= 0";
      case Bound::positive:
      case Bound::at_least_one:
        return "a positive integer";
    }
    return "an integer";
  }

  static bool within(double number, Bound bound) {
    switch (bound) {
      case Bound::none:
        return true;
      case Bound::non_negative:
        return number >= 0;
      case Bound::positive:
        return number > 0;
      case Bound::at_least_one:
        return number >= 1;
    }
    return true;
  }

  const std::string& file_for(const std::string& path) const {
    for (const auto& [key, file] : key_files_) {
      if (path == key ||
          (path.size() > key.size() && path.starts_with(key) && path[key.size()] == '.')) {
        return file;
      }
    }
    return file_;
  }

  std::string file_;
  std::map<std::string, std::string> key_files_;  // overridden key path → its file
};

void warn_unknown_keys(const json::object& root, const std::string& file,
                       std::vector<std::string>& warnings) {
  auto check = [&](const json::object* section, std::string_view prefix, auto known) {
    if (section == nullptr) return;
    for (const auto& [key, value] : *section) {
      if (!contains(*known, key)) {
        warnings.push_back(fmt::format("{}: unknown key {}", file, join_path(prefix, key)));
      }
    }
  };
  for (const auto& [key, value] : root) {
    if (contains(kTopLevelKeys, key)) continue;
    const std::string_view name = key;
    const auto dot = name.find('.');
    if (dot != std::string_view::npos && contains(kTopLevelKeys, name.substr(0, dot))) {
      // 8.8 does not merge `service.idling: 5` into the service section.
      warnings.push_back(
          fmt::format("{}: unknown key {} (dotted keys are not read; nest it "
                      "under {}:)",
                      file, name, name.substr(0, dot)));
    } else {
      warnings.push_back(fmt::format("{}: unknown key {}", file, name));
    }
  }
  const json::value* elasticsearch = root.if_contains("elasticsearch");
  const json::object* es = elasticsearch != nullptr ? elasticsearch->if_object() : nullptr;
  check(es, "elasticsearch", &kElasticsearchKeys);
  if (es != nullptr) {
    const json::value* bulk = es->if_contains("bulk");
    check(bulk != nullptr ? bulk->if_object() : nullptr, "elasticsearch.bulk", &kBulkKeys);
  }
  const json::value* service = root.if_contains("service");
  check(service != nullptr ? service->if_object() : nullptr, "service", &kServiceKeys);
}

void read_host(const Reader& reader, const json::object* es, std::string& host) {
  const std::string path = "elasticsearch.host";
  const json::value* value = Reader::find(es, "host");
  if (value == nullptr) return;
  constexpr std::string_view kExpected = "an http(s) URL such as http://localhost:9200";
  if (!value->is_string()) reader.fail_type(path, kExpected, *value);
  const std::string_view text = value->get_string();
  const auto url = boost::urls::parse_uri(text);
  if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->host().empty()) {
    reader.fail_type(path, kExpected, *value);
  }
  if (url->has_port()) {
    const std::string_view port = url->port();
    if (port.empty() || port.size() > 5 || std::stoi(std::string(port)) > 65535) {
      reader.fail_type(path, kExpected, *value);
    }
  }
  host = std::string(text);
}

void read_headers(const Reader& reader, const json::object* es,
                  std::map<std::string, std::string>& headers) {
  const json::object* section = reader.section(es, "headers", "elasticsearch.headers");
  if (section == nullptr) return;
  for (const auto& [name, value] : *section) {
    const std::string path = join_path("elasticsearch.headers", name);
    if (value.is_string()) {
      headers[std::string(name)] = std::string(value.get_string());
    } else if (value.is_int64() || value.is_uint64()) {
      headers[std::string(name)] = json::serialize(value);
    } else {
      reader.fail_type(path, "a string", value);
    }
  }
}

void read_elasticsearch(const Reader& reader, const json::object* es, ElasticsearchConfig& out) {
  read_host(reader, es, out.host);
  reader.read(es, "username", "elasticsearch.username", out.username);
  reader.read(es, "password", "elasticsearch.password", out.password);
  reader.read(es, "api_key", "elasticsearch.api_key", out.api_key);
  if (out.username && out.api_key) {
    reader.fail("elasticsearch.api_key",
                "You can't use basic auth ('username' and 'password') and 'api_key' at the same "
                "time in config.yml");
  }
  if (out.username && !out.password) {
    reader.fail("elasticsearch.password", "required when elasticsearch.username is set");
  }
  reader.read(es, "ssl", "elasticsearch.ssl", out.ssl);
  reader.read(es, "ca_certs", "elasticsearch.ca_certs", out.ca_certs);
  read_headers(reader, es, out.headers);
  reader.read(es, "request_timeout", "elasticsearch.request_timeout", out.request_timeout,
              Bound::positive);
  reader.read(es, "retry_on_timeout", "elasticsearch.retry_on_timeout", out.retry_on_timeout);
  reader.read(es, "max_wait_duration", "elasticsearch.max_wait_duration", out.max_wait_duration,
              Bound::non_negative);
  reader.read(es, "initial_backoff_duration", "elasticsearch.initial_backoff_duration",
              out.initial_backoff_duration, Bound::positive);
  reader.read(es, "backoff_multiplier", "elasticsearch.backoff_multiplier", out.backoff_multiplier,
              Bound::at_least_one);
  reader.read(es, "log_level", "elasticsearch.log_level", out.log_level);
  reader.read(es, "max_response_size", "elasticsearch.max_response_size", out.max_response_size,
              Bound::positive);

  const json::object* bulk = reader.section(es, "bulk", "elasticsearch.bulk");
  BulkOptions& b = out.bulk;
  reader.read(bulk, "queue_max_size", "elasticsearch.bulk.queue_max_size", b.queue_max_size,
              Bound::positive);
  reader.read(bulk, "queue_max_mem_size", "elasticsearch.bulk.queue_max_mem_size",
              b.queue_max_mem_size, Bound::positive);
  reader.read(bulk, "chunk_size", "elasticsearch.bulk.chunk_size", b.chunk_size, Bound::positive);
  reader.read(bulk, "chunk_max_mem_size", "elasticsearch.bulk.chunk_max_mem_size",
              b.chunk_max_mem_size, Bound::positive);
  reader.read(bulk, "max_concurrency", "elasticsearch.bulk.max_concurrency", b.max_concurrency,
              Bound::positive);
  reader.read(bulk, "concurrent_downloads", "elasticsearch.bulk.concurrent_downloads",
              b.concurrent_downloads, Bound::positive);
  reader.read(bulk, "display_every", "elasticsearch.bulk.display_every", b.display_every,
              Bound::positive);
  reader.read(bulk, "queue_refresh_timeout", "elasticsearch.bulk.queue_refresh_timeout",
              b.queue_refresh_timeout, Bound::positive);
}

void read_service(const Reader& reader, const json::object* service, ServiceConfig& out,
                  std::vector<std::string>& defaulted) {
  for (std::string_view required : {"idling", "heartbeat", "max_errors", "max_errors_span"}) {
    if (Reader::find(service, required) == nullptr) {
      defaulted.push_back(join_path("service", required));
    }
  }
  reader.read(service, "idling", "service.idling", out.idling, Bound::positive);
  reader.read(service, "heartbeat", "service.heartbeat", out.heartbeat, Bound::non_negative);
  reader.read(service, "max_errors", "service.max_errors", out.max_errors, Bound::non_negative);
  reader.read(service, "max_errors_span", "service.max_errors_span", out.max_errors_span,
              Bound::positive);
  reader.read(service, "max_concurrent_syncs", "service.max_concurrent_syncs",
              out.max_concurrent_syncs, Bound::positive);
  reader.read(service, "job_cleanup_interval", "service.job_cleanup_interval",
              out.job_cleanup_interval, Bound::positive);
  reader.read(service, "preflight_max_attempts", "service.preflight_max_attempts",
              out.preflight_max_attempts, Bound::non_negative);
  reader.read(service, "preflight_idle", "service.preflight_idle", out.preflight_idle,
              Bound::non_negative);
  LogLevel level = LogLevel::info;
  if (Reader::find(service, "log_level") != nullptr) {
    reader.read(service, "log_level", "service.log_level", level);
    out.log_level = level;
  }
}

void read_native_service_types(const Reader& reader, const json::object& root,
                               std::vector<std::string>& out) {
  const json::value* value = Reader::find(&root, "native_service_types");
  if (value == nullptr) return;
  if (!value->is_array()) reader.fail_type("native_service_types", "a list of strings", *value);
  std::size_t index = 0;
  for (const json::value& entry : value->get_array()) {
    const std::string path = fmt::format("native_service_types[{}]", index++);
    if (!entry.is_string()) reader.fail_type(path, "a string", entry);
    out.emplace_back(entry.get_string());
  }
}

void read_sources(const Reader& reader, const json::object& root, Config& config) {
  const json::object* sources = reader.section(&root, "sources", "sources");
  if (sources == nullptr) {
    config.defaulted_keys.emplace_back("sources");
    config.sources = shipped_sources();
    return;
  }
  constexpr std::string_view kExpected =
      "a string \"module.path:ClassName\" or \"path/to/lib.so:Symbol\"";
  for (const auto& [type, value] : *sources) {
    const std::string path = join_path("sources", type);
    if (!value.is_string()) reader.fail_type(path, kExpected, value);
    const std::string_view spec = value.get_string();
    const auto colon = spec.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == spec.size()) {
      reader.fail_type(path, kExpected, value);
    }
    config.sources.push_back(SourceEntry{std::string(type), std::string(spec)});
  }
}

Config config_from_tree(const json::value& tree, const Reader& reader) {
  Config config;
  if (tree.is_object()) {
    config.raw = tree.get_object();
  } else if (!tree.is_null()) {
    throw ConfigError(
        reader.file(), "",
        fmt::format("expected a mapping at the top level, got {}", describe_json(tree)));
  }
  const json::object& root = config.raw;
  warn_unknown_keys(root, reader.file(), config.warnings);

  const json::object* es = reader.section(&root, "elasticsearch", "elasticsearch");
  if (es == nullptr) config.defaulted_keys.emplace_back("elasticsearch");
  read_elasticsearch(reader, es, config.elasticsearch);
  read_service(reader, reader.section(&root, "service", "service"), config.service,
               config.defaulted_keys);
  read_native_service_types(reader, root, config.native_service_types);
  reader.read_id(&root, "connector_id", "connector_id", config.connector_id);
  reader.read_id(&root, "service_type", "service_type", config.service_type);
  read_sources(reader, root, config);
  return config;
}

// An Enterprise Search key, nested (`elasticsearch: {host: ...}`) or dotted
// (`elasticsearch.host: ...`).
const json::value* ent_search_value(const json::value& tree, std::string_view section,
                                    std::string_view key) {
  const json::object* root = tree.if_object();
  if (root == nullptr) return nullptr;
  if (const json::value* nested = root->if_contains(section)) {
    if (const json::object* object = nested->if_object()) {
      if (const json::value* value = object->if_contains(key)) return value;
    }
  }
  return root->if_contains(join_path(section, key));
}

// Creates `root[section]` as a mapping when absent or null; nothing if it is something else
// (the typed read reports that).
json::object* ensure_section(json::value& tree, std::string_view section) {
  if (tree.is_null()) tree = json::object();
  json::object* root = tree.if_object();
  if (root == nullptr) return nullptr;
  json::value& value = (*root)[section];
  if (value.is_null()) value = json::object();
  return value.if_object();
}

void apply_ent_search_overrides(json::value& tree, const std::filesystem::path& ent_path,
                                const Environment& variables, bool strict,
                                std::map<std::string, std::string>& key_files) {
  log().info("Found ENT_SEARCH_CONFIG_PATH, loading ent-search config");
  const std::string ent_file = ent_path.string();
  const json::value ent = env_yaml::load(ent_path, variables, strict);
  for (std::string_view key : kEntSearchElasticsearchKeys) {
    const json::value* value = ent_search_value(ent, "elasticsearch", key);
    if (value == nullptr) continue;
    const std::string path = join_path("elasticsearch", key);
    log().debug("Overriding {}", path);
    if (json::object* es = ensure_section(tree, "elasticsearch")) {
      (*es)[key] = *value;
      key_files[path] = ent_file;
    }
  }
  const json::object* ent_root = ent.if_object();
  const json::value* ruby_level =
      ent_root != nullptr ? ent_root->if_contains("log_level") : nullptr;
  if (ruby_level == nullptr) return;
  constexpr std::string_view kAllowed = "Allowed values: debug, info, warn, error, fatal, unknown";
  const std::string text = ruby_level->is_string() ? std::string(ruby_level->get_string())
                                                   : json::serialize(*ruby_level);
  const auto level = ruby_level->is_string() ? translate_ruby_log_level(text) : std::nullopt;
  if (!level) {
    throw ConfigError(ent_file, "log_level",
                      fmt::format("Unexpected log level: {}. {}", text, kAllowed));
  }
  log().debug("Overriding service.log_level");
  if (json::object* service = ensure_section(tree, "service")) {
    (*service)["log_level"] = *level;
    key_files["service.log_level"] = ent_file;
  }
}

}  // namespace

BackoffPolicy ElasticsearchConfig::backoff_policy() const {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  return BackoffPolicy{std::chrono::round<milliseconds>(initial_backoff_duration),
                       backoff_multiplier, std::chrono::round<milliseconds>(max_wait_duration)};
}

const SourceEntry* Config::find_source(std::string_view type) const {
  for (const SourceEntry& entry : sources) {
    if (entry.service_type == type) return &entry;
  }
  return nullptr;
}

std::vector<SourceEntry> shipped_sources() {
  std::vector<SourceEntry> entries;
  for (const CatalogueEntry& entry : source_catalogue()) {
    entries.push_back({std::string(entry.service_type), std::string(entry.class_spec)});
  }
  return entries;
}

std::optional<std::string_view> translate_ruby_log_level(std::string_view ruby_level) {
  static constexpr std::pair<std::string_view, std::string_view> kLevels[] = {
      {"debug", "DEBUG"}, {"info", "INFO"},      {"warn", "WARNING"},
      {"error", "ERROR"}, {"fatal", "CRITICAL"}, {"unknown", "NOTSET"}};
  for (const auto& [ruby, python] : kLevels) {
    if (ruby == ruby_level) return python;
  }
  return std::nullopt;
}

Config config_from_json(const json::value& tree, std::string_view file) {
  return config_from_tree(tree, Reader(std::string(file), {}));
}

Config load_config(const std::filesystem::path& path, const ConfigLoadOptions& options) {
  log().info("Loading config from {}", path.string());
  const bool strict = env_yaml::strict_mode(options.environment);
  const Environment variables = env_yaml::variables(options.environment, options.working_directory);
  json::value tree = env_yaml::load(path, variables, strict);

  std::map<std::string, std::string> key_files;
  if (const auto ent = options.environment.find("ENT_SEARCH_CONFIG_PATH");
      ent != options.environment.end()) {
    apply_ent_search_overrides(tree, ent->second, variables, strict, key_files);
  }
  Config config = config_from_tree(tree, Reader(path.string(), std::move(key_files)));
  config.path = path;
  return config;
}

Config load_config(const std::filesystem::path& path) {
  return load_config(path, ConfigLoadOptions{process_environment(), {}});
}

}  // namespace ei::core
