#include "core/config.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/logging.hpp"
#include "temp_dir.hpp"

namespace ei::core {
namespace {

using std::chrono::seconds;
using testing::TempDir;

const std::filesystem::path kFixtures =
    std::filesystem::path(EI_SOURCE_DIR) / "tests/unit/core/fixtures";

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    configure_logging(LogOptions{LogLevel::debug, LogLevel::info, LogFormat::plain, &logs_});
  }
  void TearDown() override { configure_logging(LogOptions{}); }

  Config load(std::string_view yaml, Environment environment = {}) {
    const auto file = dir_.write("config.yml", yaml);
    return load_config(file, ConfigLoadOptions{std::move(environment), dir_.path()});
  }

  // Loads and returns the ConfigError, failing the test when there is none.
  ConfigError load_error(std::string_view yaml, Environment environment = {}) {
    try {
      (void)load(yaml, std::move(environment));
    } catch (const ConfigError& error) {
      return error;
    }
    ADD_FAILURE() << "no ConfigError for:\n" << yaml;
    return ConfigError("", "", "");
  }

  std::string file() const { return (dir_.path() / "config.yml").string(); }

  TempDir dir_;
  std::ostringstream logs_;
};

TEST_F(ConfigTest, EmptyFileGetsCodeDefaults) {
  const Config config = load("");
  const ElasticsearchConfig& es = config.elasticsearch;
  EXPECT_EQ(es.host, "http://localhost:9200");
  EXPECT_FALSE(es.username || es.password || es.api_key || es.ca_certs);
  EXPECT_FALSE(es.ssl);
  EXPECT_TRUE(es.headers.empty());
  EXPECT_EQ(es.request_timeout, seconds(120));
  EXPECT_TRUE(es.retry_on_timeout);
  EXPECT_EQ(es.max_wait_duration, seconds(60));
  EXPECT_EQ(es.initial_backoff_duration, seconds(5));
  EXPECT_EQ(es.backoff_multiplier, 2.0);
  EXPECT_EQ(es.log_level, LogLevel::info);
  EXPECT_EQ(es.bulk.queue_max_size, 1024u);
  EXPECT_EQ(es.bulk.queue_max_mem_size, 5.0);  // swapped in the reference: keep
  EXPECT_EQ(es.bulk.chunk_size, 500u);
  EXPECT_EQ(es.bulk.chunk_max_mem_size, 25.0);
  EXPECT_EQ(es.bulk.max_concurrency, 5u);
  EXPECT_EQ(es.bulk.concurrent_downloads, 10u);
  EXPECT_EQ(es.bulk.display_every, 100u);
  EXPECT_EQ(es.bulk.queue_max_mem_bytes(), 5u * 1024 * 1024);
  EXPECT_EQ(es.bulk.chunk_max_mem_bytes(), 25u * 1024 * 1024);

  const ServiceConfig& service = config.service;
  EXPECT_EQ(service.idling, seconds(30));
  EXPECT_EQ(service.heartbeat, seconds(300));
  EXPECT_EQ(service.max_errors, 20);
  EXPECT_EQ(service.max_errors_span, seconds(600));
  EXPECT_EQ(service.max_concurrent_syncs, 1);
  EXPECT_EQ(service.job_cleanup_interval, seconds(300));
  EXPECT_EQ(service.preflight_max_attempts, 10);
  EXPECT_EQ(service.preflight_idle, seconds(30));
  EXPECT_FALSE(service.log_level.has_value());

  EXPECT_TRUE(config.native_service_types.empty());
  EXPECT_FALSE(config.connector_id || config.service_type);
  EXPECT_EQ(config.sources, shipped_sources());
  EXPECT_EQ(config.defaulted_keys,
            (std::vector<std::string>{"elasticsearch", "service.idling", "service.heartbeat",
                                      "service.max_errors", "service.max_errors_span", "sources"}));
  EXPECT_TRUE(config.warnings.empty());
  EXPECT_TRUE(config.raw.empty());
}

TEST_F(ConfigTest, FullFixtureLoadsEveryKey) {
  const Config config = load_config(kFixtures / "config.full.yml",
                                    ConfigLoadOptions{{{"ES_PASSWORD", "s3cret"}}, dir_.path()});
  const ElasticsearchConfig& es = config.elasticsearch;
  EXPECT_EQ(es.host, "http://localhost:9200");
  EXPECT_EQ(es.username, "elastic");
  EXPECT_EQ(es.password, "s3cret");
  EXPECT_TRUE(es.ssl);
  EXPECT_EQ(es.ca_certs, "/etc/ssl/certs/es-ca.pem");
  EXPECT_EQ(es.headers, (std::map<std::string, std::string>{{"X-Found-Cluster", "cluster-1"},
                                                            {"X-Request-Priority", "5"}}));
  EXPECT_EQ(es.max_wait_duration, seconds(120));
  EXPECT_EQ(es.initial_backoff_duration, seconds(1));
  EXPECT_EQ(es.bulk.queue_max_mem_size, 25.0);
  EXPECT_EQ(es.bulk.chunk_size, 1000u);
  EXPECT_EQ(es.bulk.chunk_max_mem_size, 5.0);
  EXPECT_EQ(config.service.log_level, LogLevel::info);
  EXPECT_EQ(config.native_service_types.size(), 13u);
  EXPECT_EQ(config.native_service_types.front(), "mongodb");
  EXPECT_EQ(config.connector_id, "my-connector-id");
  EXPECT_EQ(config.service_type, "dir");
  ASSERT_EQ(config.sources.size(), 14u);
  EXPECT_EQ(config.sources.front(),
            (SourceEntry{"mongodb", "connectors.sources.mongo:MongoDataSource"}));
  EXPECT_EQ(config.sources.back(),
            (SourceEntry{"custom", "plugins/libmysource.so:ei_source_factory_v1"}));
  ASSERT_NE(config.find_source("dir"), nullptr);
  EXPECT_EQ(config.find_source("dir")->class_spec,
            "connectors.sources.directory:DirectoryDataSource");
  EXPECT_EQ(config.find_source("nope"), nullptr);
  EXPECT_TRUE(config.defaulted_keys.empty());
  EXPECT_TRUE(config.warnings.empty()) << config.warnings.front();
  EXPECT_EQ(config.raw.at("elasticsearch").at("password"), boost::json::value("s3cret"));
  EXPECT_EQ(config.path, kFixtures / "config.full.yml");
  EXPECT_NE(logs_.str().find("Loading config from "), std::string::npos);
}

TEST_F(ConfigTest, ShippedSourcesMatchTheListOrder) {
  const auto sources = shipped_sources();
  ASSERT_EQ(sources.size(), 13u);
  std::vector<std::string> types;
  for (const auto& entry : sources) types.push_back(entry.service_type);
  EXPECT_EQ(types,
            (std::vector<std::string>{"mongodb", "s3", "dir", "mysql", "network_drive",
                                      "google_cloud_storage", "azure_blob_storage", "postgresql",
                                      "oracle", "sharepoint", "mssql", "jira", "confluence"}));
}

TEST_F(ConfigTest, OverridesAndBackoffPolicy) {
  const Config config = load(R"(
elasticsearch:
  host: https://es.example.com:9243
  api_key: abc==
  request_timeout: 2.5
  retry_on_timeout: no
  max_wait_duration: 120
  initial_backoff_duration: 1
  backoff_multiplier: 3
  log_level: debug
  bulk: {chunk_size: 10, queue_max_mem_size: 0.5}
service:
  idling: 0.5
  heartbeat: 0
  max_errors: 0
  max_errors_span: 60
  max_concurrent_syncs: 4
  log_level: warning
sources:
  dir: connectors.sources.directory:DirectoryDataSource
native_service_types: [dir]
connector_id: 1234
)");
  const auto& es = config.elasticsearch;
  EXPECT_EQ(es.host, "https://es.example.com:9243");
  EXPECT_EQ(es.api_key, "abc==");
  EXPECT_EQ(es.request_timeout, std::chrono::duration<double>(2.5));
  EXPECT_FALSE(es.retry_on_timeout);
  EXPECT_EQ(es.log_level, LogLevel::debug);
  EXPECT_EQ(es.bulk.chunk_size, 10u);
  EXPECT_EQ(es.bulk.queue_max_mem_bytes(), 512u * 1024);
  const BackoffPolicy policy = es.backoff_policy();
  EXPECT_EQ(policy.initial, seconds(1));
  EXPECT_EQ(policy.multiplier, 3.0);
  EXPECT_EQ(policy.max_wait, seconds(120));
  EXPECT_EQ(config.service.idling, std::chrono::duration<double>(0.5));
  EXPECT_EQ(config.service.heartbeat, seconds(0));
  EXPECT_EQ(config.service.max_errors, 0);
  EXPECT_EQ(config.service.max_concurrent_syncs, 4);
  EXPECT_EQ(config.service.log_level, LogLevel::warning);
  EXPECT_EQ(config.sources.size(), 1u);
  EXPECT_EQ(config.native_service_types, std::vector<std::string>{"dir"});
  EXPECT_EQ(config.connector_id, "1234");  // unquoted ids are read as text
  EXPECT_TRUE(config.defaulted_keys.empty());
}

TEST_F(ConfigTest, NullValuesReadAsUnset) {
  const Config config = load("elasticsearch:\n  host:\n  bulk:\nservice:\n  idling: ~\n");
  EXPECT_EQ(config.elasticsearch.host, "http://localhost:9200");
  EXPECT_EQ(config.service.idling, seconds(30));
  EXPECT_NE(std::find(config.defaulted_keys.begin(), config.defaulted_keys.end(), "service.idling"),
            config.defaulted_keys.end());
}

TEST_F(ConfigTest, EnvironmentInterpolation) {
  const Config config = load(R"(
elasticsearch:
  host: http://${ES_HOST|localhost}:$ES_PORT
  username: $USER_NAME
  password: "pa$$word-${SUFFIX|x}"
service:
  idling: ${IDLING|30}
)",
                             {{"ES_PORT", "9201"}, {"USER_NAME", "bob"}, {"IDLING", "7"}});
  EXPECT_EQ(config.elasticsearch.host, "http://localhost:9201");
  EXPECT_EQ(config.elasticsearch.username, "bob");
  EXPECT_EQ(config.elasticsearch.password, "pa$word-x");
  EXPECT_EQ(config.service.idling, seconds(7));  // interpolated text is typed by YAML
}

TEST_F(ConfigTest, StrictModeAndItsSwitch) {
  const std::string yaml = "elasticsearch:\n  password: $ES_PASSWORD\n  username: $ES_USER\n";
  const ConfigError error = load_error(yaml);
  EXPECT_EQ(std::string(error.what()),
            file() + ": Strict mode enabled, variables $ES_PASSWORD, $ES_USER are not defined!");

  const Config config = load(yaml, {{"ENVYAML_STRICT_DISABLE", "1"}});
  EXPECT_EQ(config.elasticsearch.password, "$ES_PASSWORD");
}

TEST_F(ConfigTest, DotEnvFileSuppliesVariables) {
  dir_.write(".env", "ES_PASSWORD=from-dotenv\n");
  const Config config = load("elasticsearch:\n  username: u\n  password: $ES_PASSWORD\n",
                             {{"ES_PASSWORD", "from-env"}});
  EXPECT_EQ(config.elasticsearch.password, "from-dotenv");
}

TEST_F(ConfigTest, EnvFileVariableNamesAnotherFile) {
  dir_.write("secrets.env", "ES_PASSWORD='quoted'\n");
  const Config config = load("elasticsearch:\n  username: u\n  password: $ES_PASSWORD\n",
                             {{"ENV_FILE", (dir_.path() / "secrets.env").string()}});
  EXPECT_EQ(config.elasticsearch.password, "quoted");
}

TEST_F(ConfigTest, MissingFileIsAClearError) {
  try {
    (void)load_config(dir_.path() / "absent.yml", ConfigLoadOptions{{}, dir_.path()});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what())
                  .find("absent.yml: cannot read the configuration file: "
                        "No such file or directory"),
              std::string::npos)
        << error.what();
  }
}

TEST_F(ConfigTest, YamlSyntaxErrorPointsAtTheOriginalLine) {
  const ConfigError error = load_error("# comment\n# comment\nelasticsearch:\n  host: [oops\n");
  EXPECT_NE(std::string(error.what()).find(file() + ": invalid YAML at line "), std::string::npos)
      << error.what();
}

// Aliases are expanded with limits: a crafted file gets an error, not a crash or all memory.
TEST_F(ConfigTest, RecursiveAliasesAreRefused) {
  for (const char* yaml : {"a: &a [*a]\n", "a: &a {b: *a}\n", "x:\n  a: &a\n    b: [1, *a]\n"}) {
    const ConfigError error = load_error(yaml);
    EXPECT_NE(std::string(error.what()).find(file() + ": invalid YAML: "), std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("alias cycle"), std::string::npos) << error.what();
  }
}

TEST_F(ConfigTest, AliasFanOutIsCapped) {
  std::string yaml = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 9; ++level) {
    yaml += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", *l" : "*l") + std::to_string(level - 1);
    yaml += "]\n";
  }
  const ConfigError error = load_error(yaml);
  EXPECT_NE(std::string(error.what()).find("expand to more than 100000 nodes"), std::string::npos)
      << error.what();
}

TEST_F(ConfigTest, SharedAliasesWithinTheLimitsExpand) {
  const Config config = load(
      "defaults: &d\n  request_timeout: 7\nelasticsearch:\n  <<: *d\n  host: http://h:1\n"
      "other: [*d, *d]\n");
  EXPECT_EQ(config.elasticsearch.host, "http://h:1");
}

TEST_F(ConfigTest, TopLevelMustBeAMapping) {
  const ConfigError error = load_error("- a\n- b\n");
  EXPECT_EQ(std::string(error.what()),
            file() + R"(: expected a mapping at the top level, got ["a","b"])");
}

struct InvalidValue {
  const char* yaml;
  const char* key_path;
  const char* problem;
};

class InvalidValueTest : public ConfigTest, public ::testing::WithParamInterface<InvalidValue> {};

TEST_P(InvalidValueTest, NamesFileKeyPathAndExpectation) {
  const InvalidValue& c = GetParam();
  const ConfigError error = load_error(c.yaml);
  EXPECT_EQ(error.key_path(), c.key_path);
  EXPECT_EQ(error.file(), file());
  EXPECT_EQ(std::string(error.what()), file() + ": " + c.key_path + ": " + c.problem);
}

INSTANTIATE_TEST_SUITE_P(
    Config, InvalidValueTest,
    ::testing::Values(
        InvalidValue{"elasticsearch:\n  request_timeout: abc\n", "elasticsearch.request_timeout",
                     R"(expected a positive number, got "abc")"},
        InvalidValue{"elasticsearch:\n  request_timeout: '120'\n", "elasticsearch.request_timeout",
                     R"(expected a positive number, got "120")"},
        InvalidValue{"elasticsearch:\n  request_timeout: 0\n", "elasticsearch.request_timeout",
                     "expected a positive number, got 0"},
        InvalidValue{"elasticsearch:\n  max_wait_duration: -1\n", "elasticsearch.max_wait_duration",
                     "expected a number >= 0, got -1"},
        InvalidValue{"elasticsearch:\n  initial_backoff_duration: 0\n",
                     "elasticsearch.initial_backoff_duration", "expected a positive number, got 0"},
        InvalidValue{"elasticsearch:\n  backoff_multiplier: 0.5\n",
                     "elasticsearch.backoff_multiplier", "expected a number >= 1, got 0.5"},
        InvalidValue{"elasticsearch:\n  ssl: 'yes'\n", "elasticsearch.ssl",
                     R"(expected a boolean, got "yes")"},
        InvalidValue{"elasticsearch:\n  retry_on_timeout: 1\n", "elasticsearch.retry_on_timeout",
                     "expected a boolean, got 1"},
        InvalidValue{
            "elasticsearch:\n  host: localhost:9200\n", "elasticsearch.host",
            R"(expected an http(s) URL such as http://localhost:9200, got "localhost:9200")"},
        InvalidValue{"elasticsearch:\n  host: ftp://h\n", "elasticsearch.host",
                     R"(expected an http(s) URL such as http://localhost:9200, got "ftp://h")"},
        InvalidValue{
            "elasticsearch:\n  host: http://h:99999\n", "elasticsearch.host",
            R"(expected an http(s) URL such as http://localhost:9200, got "http://h:99999")"},
        InvalidValue{"elasticsearch:\n  host: 'http://'\n", "elasticsearch.host",
                     R"(expected an http(s) URL such as http://localhost:9200, got "http://")"},
        InvalidValue{"elasticsearch:\n  username: elastic\n", "elasticsearch.password",
                     "required when elasticsearch.username is set"},
        InvalidValue{"elasticsearch:\n  username: elastic\n  password: p\n  api_key: k\n",
                     "elasticsearch.api_key",
                     "You can't use basic auth ('username' and 'password') and 'api_key' at the "
                     "same time in config.yml"},
        InvalidValue{"elasticsearch:\n  username: 12\n  password: p\n", "elasticsearch.username",
                     "expected a string, got 12"},
        InvalidValue{"elasticsearch:\n  headers: [a]\n", "elasticsearch.headers",
                     R"(expected a mapping, got ["a"])"},
        InvalidValue{"elasticsearch:\n  headers:\n    X-A: {b: 1}\n", "elasticsearch.headers.X-A",
                     // a header value may be a credential (Authorization)
                     "expected a string, got a mapping (value not shown: the key is sensitive)"},
        InvalidValue{"elasticsearch:\n  username: u\n  password: [12345]\n",
                     "elasticsearch.password",
                     "expected a string, got a list (value not shown: the key is sensitive)"},
        InvalidValue{"elasticsearch:\n  log_level: loud\n", "elasticsearch.log_level",
                     R"(expected a log level (DEBUG, INFO, WARNING, ERROR, CRITICAL), got "loud")"},
        InvalidValue{"elasticsearch: 5\n", "elasticsearch", "expected a mapping, got 5"},
        InvalidValue{"elasticsearch:\n  bulk: true\n", "elasticsearch.bulk",
                     "expected a mapping, got true"},
        InvalidValue{"elasticsearch:\n  bulk:\n    chunk_size: abc\n",
                     "elasticsearch.bulk.chunk_size", R"(expected a positive integer, got "abc")"},
        InvalidValue{"elasticsearch:\n  bulk:\n    chunk_size: 0\n",
                     "elasticsearch.bulk.chunk_size", "expected a positive integer, got 0"},
        InvalidValue{"elasticsearch:\n  bulk:\n    queue_max_size: 2.5\n",
                     "elasticsearch.bulk.queue_max_size", "expected a positive integer, got 2.5"},
        InvalidValue{"elasticsearch:\n  bulk:\n    queue_max_mem_size: -5\n",
                     "elasticsearch.bulk.queue_max_mem_size", "expected a positive number, got -5"},
        InvalidValue{"elasticsearch:\n  bulk:\n    chunk_max_mem_size: 0\n",
                     "elasticsearch.bulk.chunk_max_mem_size", "expected a positive number, got 0"},
        InvalidValue{"elasticsearch:\n  bulk:\n    max_concurrency: 0\n",
                     "elasticsearch.bulk.max_concurrency", "expected a positive integer, got 0"},
        InvalidValue{"elasticsearch:\n  bulk:\n    concurrent_downloads: -1\n",
                     "elasticsearch.bulk.concurrent_downloads",
                     "expected a positive integer, got -1"},
        InvalidValue{"elasticsearch:\n  bulk:\n    display_every: x\n",
                     "elasticsearch.bulk.display_every", R"(expected a positive integer, got "x")"},
        InvalidValue{"service: [1]\n", "service", "expected a mapping, got [1]"},
        InvalidValue{"service:\n  idling: 0\n", "service.idling",
                     "expected a positive number, got 0"},
        InvalidValue{"service:\n  idling: soon\n", "service.idling",
                     R"(expected a positive number, got "soon")"},
        InvalidValue{"service:\n  heartbeat: -1\n", "service.heartbeat",
                     "expected a number >= 0, got -1"},
        InvalidValue{"service:\n  max_errors: -1\n", "service.max_errors",
                     "expected an integer >= 0, got -1"},
        InvalidValue{"service:\n  max_errors_span: 0\n", "service.max_errors_span",
                     "expected a positive number, got 0"},
        InvalidValue{"service:\n  max_concurrent_syncs: 0\n", "service.max_concurrent_syncs",
                     "expected a positive integer, got 0"},
        InvalidValue{"service:\n  job_cleanup_interval: 0\n", "service.job_cleanup_interval",
                     "expected a positive number, got 0"},
        InvalidValue{"service:\n  preflight_max_attempts: many\n", "service.preflight_max_attempts",
                     R"(expected an integer >= 0, got "many")"},
        InvalidValue{"service:\n  preflight_idle: -3\n", "service.preflight_idle",
                     "expected a number >= 0, got -3"},
        InvalidValue{
            "service:\n  log_level: verbose\n", "service.log_level",
            R"(expected a log level (DEBUG, INFO, WARNING, ERROR, CRITICAL), got "verbose")"},
        InvalidValue{"native_service_types: dir\n", "native_service_types",
                     R"(expected a list of strings, got "dir")"},
        InvalidValue{"native_service_types: [dir, 3]\n", "native_service_types[1]",
                     "expected a string, got 3"},
        InvalidValue{"connector_id: [x]\n", "connector_id", R"(expected a string, got ["x"])"},
        InvalidValue{"service_type: true\n", "service_type", "expected a string, got true"},
        InvalidValue{"sources: [a]\n", "sources", R"(expected a mapping, got ["a"])"},
        InvalidValue{
            "sources:\n  dir: 5\n", "sources.dir",
            R"(expected a string "module.path:ClassName" or "path/to/lib.so:Symbol", got 5)"},
        InvalidValue{
            "sources:\n  dir: DirectoryDataSource\n", "sources.dir",
            R"(expected a string "module.path:ClassName" or "path/to/lib.so:Symbol", got "DirectoryDataSource")"},
        InvalidValue{
            "sources:\n  dir: 'module:'\n", "sources.dir",
            R"(expected a string "module.path:ClassName" or "path/to/lib.so:Symbol", got "module:")"}));

TEST_F(ConfigTest, UnknownKeysAreWarningsNotErrors) {
  const Config config = load(R"(
elasticsearch:
  hots: http://x
  bulk:
    chunksize: 5
service:
  idlling: 5
  idling: 5
extra_section: {a: 1}
service.heartbeat: 10
sources:
  anything: a.b:C
)");
  EXPECT_EQ(
      config.warnings,
      (std::vector<std::string>{
          file() + ": unknown key extra_section",
          file() +
              ": unknown key service.heartbeat (dotted keys are not read; nest it under service:)",
          file() + ": unknown key elasticsearch.hots",
          file() + ": unknown key elasticsearch.bulk.chunksize",
          file() + ": unknown key service.idlling"}));
  EXPECT_EQ(config.service.idling, seconds(5));
  EXPECT_EQ(config.service.heartbeat, seconds(300));  // the dotted key is not merged (8.8)
  EXPECT_EQ(config.raw.at("extra_section").at("a"), boost::json::value(1));
}

TEST_F(ConfigTest, ConfigFromJsonWithoutAFile) {
  const Config config =
      config_from_json(boost::json::parse(R"({"service": {"idling": 1}})"), "inline");
  EXPECT_EQ(config.service.idling, seconds(1));
  try {
    (void)config_from_json(boost::json::parse(R"({"service": {"idling": "x"}})"), "inline");
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_STREQ(error.what(), R"(inline: service.idling: expected a positive number, got "x")");
  }
}

TEST(TranslateRubyLogLevel, AllNames) {
  EXPECT_EQ(translate_ruby_log_level("debug"), "DEBUG");
  EXPECT_EQ(translate_ruby_log_level("info"), "INFO");
  EXPECT_EQ(translate_ruby_log_level("warn"), "WARNING");
  EXPECT_EQ(translate_ruby_log_level("error"), "ERROR");
  EXPECT_EQ(translate_ruby_log_level("fatal"), "CRITICAL");
  EXPECT_EQ(translate_ruby_log_level("unknown"), "NOTSET");
  EXPECT_EQ(translate_ruby_log_level("warning"), std::nullopt);
}

class EntSearchTest : public ConfigTest {
 protected:
  Config load_with(std::string_view config_yaml, std::string_view ent_yaml, Environment env = {}) {
    const auto ent = dir_.write("ent-search.yml", ent_yaml);
    env["ENT_SEARCH_CONFIG_PATH"] = ent.string();
    return load(config_yaml, std::move(env));
  }
  std::string ent_file() const { return (dir_.path() / "ent-search.yml").string(); }
};

TEST_F(EntSearchTest, DottedKeysOverride) {
  const Config config = load_with(
      "elasticsearch:\n  host: http://a:9200\n  username: x\n  password: y\nservice:\n  log_level: "
      "INFO\n",
      "elasticsearch.host: http://ent:9200\nelasticsearch.username: ent_user\n"
      "elasticsearch.password: ${ENT_PW}\nelasticsearch.headers:\n  X-Ent: '1'\nlog_level: warn\n"
      "other.key: ignored\n",
      {{"ENT_PW", "ent_pw"}});
  EXPECT_EQ(config.elasticsearch.host, "http://ent:9200");
  EXPECT_EQ(config.elasticsearch.username, "ent_user");
  EXPECT_EQ(config.elasticsearch.password, "ent_pw");
  EXPECT_EQ(config.elasticsearch.headers, (std::map<std::string, std::string>{{"X-Ent", "1"}}));
  EXPECT_EQ(config.service.log_level, LogLevel::warning);
  EXPECT_TRUE(config.warnings.empty());
  const std::string logs = logs_.str();
  EXPECT_NE(logs.find("[INFO] Found ENT_SEARCH_CONFIG_PATH, loading ent-search config"),
            std::string::npos);
  EXPECT_NE(logs.find("[DEBUG] Overriding elasticsearch.host"), std::string::npos);
  EXPECT_NE(logs.find("[DEBUG] Overriding service.log_level"), std::string::npos);
}

TEST_F(EntSearchTest, NestedKeysOverrideAndCreateSections) {
  const Config config =
      load_with("", "elasticsearch:\n  host: https://nested:443\nlog_level: unknown\n");
  EXPECT_EQ(config.elasticsearch.host, "https://nested:443");
  EXPECT_EQ(config.service.log_level, LogLevel::notset);
  EXPECT_EQ(config.raw.at("service").at("log_level"), boost::json::value("NOTSET"));
  // The section now exists, so only its required keys are reported as defaulted.
  EXPECT_EQ(std::find(config.defaulted_keys.begin(), config.defaulted_keys.end(), "elasticsearch"),
            config.defaulted_keys.end());
}

TEST_F(EntSearchTest, UnexpectedRubyLogLevel) {
  try {
    (void)load_with("", "log_level: verbose\n");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(std::string(error.what()),
              ent_file() +
                  ": log_level: Unexpected log level: verbose. Allowed values: debug, "
                  "info, warn, error, fatal, unknown");
  }
}

TEST_F(EntSearchTest, InvalidOverriddenValueNamesTheEntSearchFile) {
  try {
    (void)load_with("", "elasticsearch.host: not a url\n");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.file(), ent_file());
    EXPECT_EQ(error.key_path(), "elasticsearch.host");
  }
}

TEST_F(EntSearchTest, MissingEntSearchFileIsAnError) {
  const ConfigError error =
      load_error("", {{"ENT_SEARCH_CONFIG_PATH", (dir_.path() / "missing.yml").string()}});
  EXPECT_NE(std::string(error.what()).find("missing.yml: cannot read the configuration file"),
            std::string::npos);
}

}  // namespace
}  // namespace ei::core
