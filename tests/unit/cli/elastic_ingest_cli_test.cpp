// The elastic-ingest binary run as a process, as a user would: flags, list, config errors,
// an unreachable Elasticsearch, signals. No server is needed.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "process.hpp"

namespace {

namespace fs = std::filesystem;
using ei::test::run_process;
using namespace std::chrono_literals;

const std::string kBinary = std::string(EI_BINARY_DIR) + "/elastic-ingest";
const std::string kShippedConfig = std::string(EI_SOURCE_DIR) + "/config.yml";

std::string write_config(const std::string& name, const std::string& text) {
  auto path = fs::temp_directory_path() / ("ei-cli-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path.string();
}

// A port nobody listens on: bind, read the port, close.
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  int port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

std::string unreachable_config(int max_wait_seconds) {
  return "elasticsearch:\n  host: http://127.0.0.1:" + std::to_string(free_port()) +
         "\n  max_wait_duration: " + std::to_string(max_wait_seconds) +
         "\n  initial_backoff_duration: 1\n  backoff_multiplier: 2\n"
         "service:\n  preflight_max_attempts: 1\n  preflight_idle: 1\n";
}

TEST(ElasticIngestCli, VersionPrintsTheProtocolVersionWithoutReadingConfig) {
  auto result = run_process({kBinary, "--version", "-c", "/does/not/exist.yml"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "8.8.3.0\n");
}

TEST(ElasticIngestCli, HelpListsTheReferenceFlags) {
  auto result = run_process({kBinary, "--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* flag : {"--action", "--config-file", "--log-level", "--debug", "--filebeat",
                           "--version", "--uvloop"}) {
    EXPECT_NE(result.out.find(flag), std::string::npos) << flag;
  }
  EXPECT_NE(result.out.find("no effect"), std::string::npos) << "--uvloop must say it does nothing";
}

TEST(ElasticIngestCli, UnknownActionIsAUsageError) {
  auto result = run_process({kBinary, "--action", "bogus", "-c", kShippedConfig});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("bogus"), std::string::npos) << result.err;
}

TEST(ElasticIngestCli, DebugAndLogLevelAreExclusive) {
  auto result = run_process({kBinary, "--debug", "--log-level", "INFO", "--action", "list"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
}

TEST(ElasticIngestCli, BadLogLevelIsAUsageError) {
  auto result = run_process({kBinary, "--log-level", "LOUD", "--action", "list"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("LOUD"), std::string::npos) << result.err;
}

TEST(ElasticIngestCli, ListPrintsTheSourcesOfTheConfigInOrder) {
  auto result = run_process({kBinary, "-c", kShippedConfig, "--action", "list"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "Registered connectors:\n- MongoDB\n- Amazon S3\n- System "
            "Directory\n- MySQL\n- Network Drive\n- Google Cloud Storage\n- "
            "Azure Blob Storage\n- PostgreSQL\n- Oracle Database\n- "
            "SharePoint\n- Microsoft SQL Server\n- Jira\n"
            "- Confluence\nBye\n");
}

TEST(ElasticIngestCli, ListResolvesClassesMovedBetweenModules) {
  auto config = write_config("bare.yml",
                             "sources:\n  dir: connectors.sources.directory:DirectoryDataSource\n"
                             "  s3: connectors.sources.aws:S3DataSource\n"
                             "  oracle: connectors.sources.oracledb:OracleDataSource\n");
  auto result = run_process({kBinary, "-c", config, "--action", "list"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "Registered connectors:\n- System Directory\n- Amazon S3\n- Oracle Database\nBye\n");
}

TEST(ElasticIngestCli, ListLoadsThirdPartyPlugins) {
  auto config =
      write_config("plugin.yml",
                   std::string("sources:\n  dir: connectors.sources.directory:DirectoryDataSource\n"
                               "  sample: ") +
                       EI_SAMPLE_PLUGIN + ":sample_source\n");
  auto result = run_process({kBinary, "-c", config, "--action", "list"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Registered connectors:\n- System Directory\n- Sample Plug-in\nBye\n");
}

TEST(ElasticIngestCli, ListNamesAPluginThatFailsToLoad) {
  auto config = write_config("bad-plugin.yml", "sources:\n  sample: /nonexistent/libx.so:make\n");
  auto result = run_process({kBinary, "-c", config, "--action", "list"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("sources.sample"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("/nonexistent/libx.so"), std::string::npos) << result.err;
}

TEST(ElasticIngestCli, ListWithAnotherActionIsRefused) {
  auto result = run_process({kBinary, "-c", kShippedConfig, "--action", "list", "schedule"});
  EXPECT_EQ(result.exit_code, 255);
  EXPECT_EQ(result.out, "Cannot use the `list` action with other actions\n");
}

TEST(ElasticIngestCli, UnknownSourceClassNamesTheKey) {
  auto config = write_config("unknown-source.yml", "sources:\n  gdrive: gdrive:GoogleDrive\n");
  auto result = run_process({kBinary, "-c", config, "--action", "list"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("sources.gdrive"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("gdrive:GoogleDrive"), std::string::npos) << result.err;
}

TEST(ElasticIngestCli, MissingConfigFileIsOneClearMessage) {
  auto result = run_process({kBinary, "-c", "/does/not/exist.yml"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("Could not parse /does/not/exist.yml"), std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("terminate"), std::string::npos) << "no crash: " << result.err;
}

TEST(ElasticIngestCli, InvalidValueNamesTheKeyPathAndType) {
  auto config = write_config("bad-value.yml", "elasticsearch:\n  request_timeout: abc\n");
  auto result = run_process({kBinary, "-c", config, "--action", "list"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("elasticsearch.request_timeout"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("abc"), std::string::npos) << result.err;
}

TEST(ElasticIngestCli, UnknownKeyIsAWarningNotAnError) {
  auto config = write_config("typo.yml",
                             "service:\n  idlling: 5\nsources:\n  dir: "
                             "connectors.sources.directory:DirectoryDataSource\n");
  auto result = run_process({kBinary, "-c", config, "--action", "list"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("service.idlling"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("[WARNING]"), std::string::npos) << result.err;
}

TEST(ElasticIngestCli, UnreachableElasticsearchFailsWithOneClearMessage) {
  auto config = write_config("unreachable.yml", unreachable_config(3));
  auto result = run_process({kBinary, "-c", config}, 60s);
  EXPECT_EQ(result.exit_code, 255) << result.err;
  EXPECT_NE(result.err.find("seem down. Bye!"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("Waiting for http://127.0.0.1:"), std::string::npos) << result.err;
  EXPECT_LT(result.elapsed, 30s) << "max_wait_duration bounds the wait";
}

TEST(ElasticIngestCli, CredentialsInTheHostAreNeverPrinted) {
  std::string text = unreachable_config(2);
  text.replace(text.find("http://"), 7, "http://elastic:s3cr3t-pw@");
  auto config = write_config("credentials.yml", text);
  auto result = run_process({kBinary, "-c", config}, 60s);
  EXPECT_EQ(result.exit_code, 255) << result.err;
  EXPECT_NE(result.err.find("seem down. Bye!"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("Waiting for http://127.0.0.1:"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("s3cr3t-pw"), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find("s3cr3t-pw"), std::string::npos) << result.out;
}

TEST(ElasticIngestCli, ConfigErrorsDoNotEchoSecrets) {
  auto config = write_config("bad-password.yml",
                             "elasticsearch:\n  username: elastic\n  password: 1234567\n");
  auto result = run_process({kBinary, "-c", config, "--action", "list"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("elasticsearch.password"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("value not shown"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("1234567"), std::string::npos) << result.err;

  config = write_config("bad-host.yml", "elasticsearch:\n  host: http://u:hunter22@:bad\n");
  result = run_process({kBinary, "-c", config, "--action", "list"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("elasticsearch.host"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("hunter22"), std::string::npos) << result.err;
}

// A crafted config.yml gets an error and exit 1, not a crash or all memory.
TEST(ElasticIngestCli, RecursiveYamlAliasesAreAClearError) {
  for (const char* text : {"a: &a [*a]\n", "a: &a {b: *a}\n"}) {
    auto config = write_config("recursive.yml", text);
    auto result = run_process({kBinary, "-c", config, "--action", "list"});
    EXPECT_EQ(result.exit_code, 1) << text << result.err;
    EXPECT_NE(result.err.find("alias cycle"), std::string::npos) << result.err;
  }
}

TEST(ElasticIngestCli, SigtermDuringPreflightStopsGracefully) {
  auto config = write_config("sigterm.yml", unreachable_config(120));
  auto result = run_process({kBinary, "-c", config}, 60s, 1500ms, SIGTERM);
  EXPECT_EQ(result.exit_code, 255) << result.err;
  EXPECT_NE(result.err.find("Caught SIGTERM. Graceful shutdown."), std::string::npos) << result.err;
  EXPECT_LT(result.elapsed, 20s) << "the signal must interrupt the backoff sleep";
}

TEST(ElasticIngestCli, FilebeatWritesEcsJsonLines) {
  auto config = write_config("ecs.yml", unreachable_config(1));
  auto result = run_process({kBinary, "--filebeat", "-c", config}, 60s);
  std::istringstream lines(result.err);
  std::string line;
  int json_lines = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line.front() != '{') continue;
    auto value = boost::json::parse(line);
    auto& object = value.as_object();
    EXPECT_TRUE(object.contains("@timestamp")) << line;
    EXPECT_TRUE(object.contains("log.level") || object.contains("log")) << line;
    EXPECT_TRUE(object.contains("message")) << line;
    ++json_lines;
  }
  EXPECT_GE(json_lines, 2) << result.err;
}

}  // namespace
