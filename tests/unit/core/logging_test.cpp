#include "core/logging.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "core/version.hpp"

namespace ei::core {
namespace {

namespace json = boost::json;

class LoggingTest : public ::testing::Test {
 protected:
  void TearDown() override { configure_logging(LogOptions{}); }

  void configure(LogFormat format, LogLevel level = LogLevel::info,
                 LogLevel transport_level = LogLevel::info) {
    configure_logging(LogOptions{level, transport_level, format, &out_});
  }

  std::vector<std::string> lines() const {
    std::vector<std::string> result;
    std::istringstream in(out_.str());
    for (std::string line; std::getline(in, line);) result.push_back(line);
    return result;
  }

  std::ostringstream out_;
};

TEST_F(LoggingTest, PlainFormat) {
  configure(LogFormat::plain);
  log().info("Bye");
  const std::regex pattern(R"(\[FMWK\]\[\d\d:\d\d:\d\d\]\[INFO\] Bye\n)");
  EXPECT_TRUE(std::regex_match(out_.str(), pattern)) << out_.str();
}

TEST_F(LoggingTest, PlainLevelNamesArePythons) {
  configure(LogFormat::plain, LogLevel::debug);
  log().debug("d");
  log().warn("w");
  log().error("e");
  log().critical("c");
  const auto all = lines();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_NE(all[0].find("][DEBUG] d"), std::string::npos);
  EXPECT_NE(all[1].find("][WARNING] w"), std::string::npos);
  EXPECT_NE(all[2].find("][ERROR] e"), std::string::npos);
  EXPECT_NE(all[3].find("][CRITICAL] c"), std::string::npos);
}

TEST_F(LoggingTest, LevelFilters) {
  configure(LogFormat::plain, LogLevel::warning);
  log().info("hidden");
  log().warn("shown");
  ASSERT_EQ(lines().size(), 1u);
  EXPECT_NE(lines()[0].find("shown"), std::string::npos);
}

TEST_F(LoggingTest, DefaultsAreInfo) {
  configure_logging(LogOptions{.output = &out_});
  log().debug("hidden");
  transport_log().debug("hidden");
  log().info("shown");
  EXPECT_EQ(lines().size(), 1u);
}

TEST_F(LoggingTest, NotsetLetsEverythingThrough) {
  configure(LogFormat::plain, LogLevel::notset);
  log().trace("t");
  log().debug("d");
  EXPECT_EQ(lines().size(), 2u);
}

TEST_F(LoggingTest, TransportLoggerHasItsPrefixAndLevel) {
  configure(LogFormat::plain, LogLevel::info, LogLevel::error);
  transport_log().warn("filtered");
  transport_log().error("GET / 500");
  log().warn("framework");
  const auto all = lines();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(
      std::regex_match(all[0], std::regex(R"(\[BYOC\]\[\d\d:\d\d:\d\d\]\[ERROR\] GET / 500)")))
      << all[0];
  EXPECT_EQ(all[1].rfind("[FMWK]", 0), 0u);
}

TEST_F(LoggingTest, MessagesAreNotFormatStrings) {
  configure(LogFormat::plain);
  log().info(std::string_view("braces {} stay"));
  log().info("value {}", 42);
  EXPECT_NE(lines()[0].find("braces {} stay"), std::string::npos);
  EXPECT_NE(lines()[1].find("value 42"), std::string::npos);
}

TEST_F(LoggingTest, SpdlogDefaultLoggerIsTheFrameworkLogger) {
  configure(LogFormat::plain);
  spdlog::info("through spdlog");
  ASSERT_EQ(lines().size(), 1u);
  EXPECT_EQ(lines()[0].rfind("[FMWK]", 0), 0u);
}

TEST_F(LoggingTest, EcsFormatFields) {
  configure(LogFormat::ecs);
  log().info("Bye");
  const auto all = lines();
  ASSERT_EQ(all.size(), 1u);
  const json::value record = json::parse(all[0]);
  const json::object& object = record.as_object();
  // @timestamp, log.level and message come first.
  auto it = object.begin();
  EXPECT_EQ((it++)->key(), "@timestamp");
  EXPECT_EQ((it++)->key(), "log.level");
  EXPECT_EQ((it++)->key(), "message");

  EXPECT_TRUE(std::regex_match(std::string(object.at("@timestamp").as_string()),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  EXPECT_EQ(object.at("log.level"), json::value("info"));
  EXPECT_EQ(object.at("message"), json::value("Bye"));
  EXPECT_EQ(record.at("ecs").at("version"), json::value("1.6.0"));
  EXPECT_EQ(record.at("log").at("logger"), json::value("connectors"));
  EXPECT_EQ(record.at("service").at("type"), json::value("connectors-python"));
  EXPECT_EQ(record.at("service").at("version"), json::value(kProtocolVersion));
  EXPECT_EQ(record.at("process").at("pid"), json::value(static_cast<std::int64_t>(::getpid())));

  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char today[16];
  std::strftime(today, sizeof today, "%Y.%m.%d", &local);
  EXPECT_EQ(record.at("labels").at("index_date"), json::value(today));
}

TEST_F(LoggingTest, EcsLevelsAreLowerCase) {
  configure(LogFormat::ecs, LogLevel::debug);
  log().debug("a");
  log().warn("b");
  log().critical("c");
  const auto all = lines();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(json::parse(all[0]).at("log.level"), json::value("debug"));
  EXPECT_EQ(json::parse(all[1]).at("log.level"), json::value("warning"));
  EXPECT_EQ(json::parse(all[2]).at("log.level"), json::value("critical"));
}

TEST_F(LoggingTest, EcsEscapesMessages) {
  configure(LogFormat::ecs);
  log().info("quote \" backslash \\ newline \n tab \t");
  const json::value record = json::parse(lines()[0]);
  EXPECT_EQ(record.at("message"), json::value("quote \" backslash \\ newline \n tab \t"));
}

TEST_F(LoggingTest, EcsTransportRecordsNameTheirLogger) {
  configure(LogFormat::ecs);
  transport_log().info("HEAD /index 200");
  const json::value record = json::parse(lines()[0]);
  EXPECT_EQ(record.at("log").at("logger"), json::value("elastic_transport.node"));
  EXPECT_EQ(record.as_object().if_contains("service"), nullptr);
}

TEST_F(LoggingTest, EcsSourceLocationWhenGiven) {
  configure(LogFormat::ecs);
  const int line = __LINE__ + 1;
  SPDLOG_LOGGER_INFO(&log(), "located");
  const json::value record = json::parse(lines()[0]);
  EXPECT_EQ(record.at("log").at("origin").at("file").at("line"), json::value(line));
  EXPECT_NE(std::string(record.at("log").at("origin").at("file").at("name").as_string())
                .find("logging_test.cpp"),
            std::string::npos);
}

TEST_F(LoggingTest, ExceptionsAttachedInBothFormats) {
  configure(LogFormat::plain);
  log_exception(log(), spdlog::level::err,
                "Could not parse config.yml:", std::runtime_error("boom"));
  EXPECT_NE(out_.str().find("[ERROR] Could not parse config.yml:\nstd::runtime_error: boom\n"),
            std::string::npos)
      << out_.str();

  out_.str("");
  configure(LogFormat::ecs);
  log_exception(log(), spdlog::level::critical, "failed", std::logic_error("bad"));
  log().info("after");
  const auto all = lines();
  ASSERT_EQ(all.size(), 2u);
  const json::value record = json::parse(all[0]);
  EXPECT_EQ(record.at("error").at("message"), json::value("bad"));
  EXPECT_EQ(record.at("error").at("type"), json::value("std::logic_error"));
  EXPECT_EQ(json::parse(all[1]).as_object().if_contains("error"), nullptr);  // not sticky
}

TEST(LogLevelParsing, CaseInsensitiveWithPythonAliases) {
  EXPECT_EQ(parse_log_level("DEBUG"), LogLevel::debug);
  EXPECT_EQ(parse_log_level("info"), LogLevel::info);
  EXPECT_EQ(parse_log_level("Warning"), LogLevel::warning);
  EXPECT_EQ(parse_log_level("warn"), LogLevel::warning);
  EXPECT_EQ(parse_log_level("error"), LogLevel::error);
  EXPECT_EQ(parse_log_level("CRITICAL"), LogLevel::critical);
  EXPECT_EQ(parse_log_level("fatal"), LogLevel::critical);
  EXPECT_EQ(parse_log_level("NOTSET"), LogLevel::notset);
  EXPECT_EQ(parse_log_level("verbose"), std::nullopt);
  EXPECT_EQ(parse_log_level(""), std::nullopt);
}

TEST(LogLevelParsing, NamesRoundTrip) {
  for (LogLevel level : {LogLevel::notset, LogLevel::debug, LogLevel::info, LogLevel::warning,
                         LogLevel::error, LogLevel::critical}) {
    EXPECT_EQ(parse_log_level(log_level_name(level)), level);
  }
  EXPECT_EQ(log_level_name(LogLevel::warning), "WARNING");
}

TEST(Version, ProtocolAndBuildVersions) {
  EXPECT_EQ(kProtocolVersion, "8.8.3.0");
  EXPECT_EQ(version(), EI_VERSION);
  EXPECT_FALSE(version().empty());
}

}  // namespace
}  // namespace ei::core
