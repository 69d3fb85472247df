// Validation of what users type on the `connectors` command line.
#include "cli/connectors_input.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace {

using ei::cli::InputError;
using ei::cli::KeyValue;
using namespace std::chrono;

std::string error_of(auto&& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(ConnectorsInput, KeyValueSplitsAtTheFirstEquals) {
  EXPECT_EQ(ei::cli::parse_key_value("host=localhost"), (KeyValue{"host", "localhost"}));
  EXPECT_EQ(ei::cli::parse_key_value(" query =a=b"), (KeyValue{"query", "a=b"}));
  EXPECT_EQ(ei::cli::parse_key_value("empty="), (KeyValue{"empty", ""}));
}

TEST(ConnectorsInput, KeyValueWithoutEqualsOrKeyIsAnError) {
  EXPECT_EQ(error_of([] { ei::cli::parse_key_value("directory"); }),
            "invalid configuration assignment \"directory\": expected key=value (e.g. "
            "host=localhost)");
  EXPECT_EQ(error_of([] { ei::cli::parse_key_value(" =x"); }),
            "invalid configuration assignment \" =x\": the key before '=' is empty");
}

TEST(ConnectorsInput, RepeatedKeyIsAnError) {
  auto parsed = ei::cli::parse_key_values({"a=1", "b=2"});
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[1], (KeyValue{"b", "2"}));
  EXPECT_EQ(error_of([] {
              ei::cli::parse_key_values({"a=1", "a=2"});
            }),
            "configuration key \"a\" is given twice");
}

TEST(ConnectorsInput, IndexNamesFollowKibanaRules) {
  EXPECT_NO_THROW(ei::cli::validate_index_name("search-docs_2023.v1"));
  EXPECT_EQ(error_of([] { ei::cli::validate_index_name("search-Docs"); }),
            "invalid index name \"search-Docs\": Must be lowercase");
  EXPECT_EQ(error_of([] { ei::cli::validate_index_name("search-a b"); }),
            "invalid index name \"search-a b\": Invalid character  ");
  EXPECT_EQ(error_of([] { ei::cli::validate_index_name("search-a#b"); }),
            "invalid index name \"search-a#b\": Invalid character #");
  EXPECT_EQ(error_of([] { ei::cli::validate_index_name("_search"); }),
            "invalid index name \"_search\": Invalid prefix _");
  EXPECT_EQ(error_of([] { ei::cli::validate_index_name(".."); }),
            "invalid index name \"..\": Can't use that name");
  EXPECT_EQ(error_of([] { ei::cli::validate_index_name("docs"); }),
            "invalid index name \"docs\": a connector's content index must start with "
            "\"search-\"");
  EXPECT_EQ(error_of([] { ei::cli::validate_index_name(""); }),
            "invalid index name \"\": it is empty");
}

TEST(ConnectorsInput, ScheduleIntervalMustParseAndFire) {
  auto now = sys_seconds{sys_days{2024y / 2 / 28}};
  auto every_hour = ei::cli::validate_schedule_interval("0 0 * * * ?", now);
  EXPECT_EQ(every_hour.next_after(now), now + hours(1));
  auto bad = error_of([&] { ei::cli::validate_schedule_interval("0 0 0 ? * 8", now); });
  EXPECT_NE(bad.find("day-of-week"), std::string::npos) << bad;
  EXPECT_NE(bad.find("Quartz syntax"), std::string::npos) << bad;
  auto garbage = error_of([&] { ei::cli::validate_schedule_interval("every day", now); });
  EXPECT_NE(garbage.find("every day"), std::string::npos) << garbage;
  EXPECT_EQ(error_of([&] { ei::cli::validate_schedule_interval("0 0 0 1 1 ? 2020", now); }),
            "schedule interval \"0 0 0 1 1 ? 2020\" never fires after now (check the day, "
            "month and year fields)");
}

TEST(ConnectorsInput, ServiceTypeMustBeAConfiguredSource) {
  std::vector<ei::core::SourceEntry> sources{
      {"dir", "connectors.sources.directory:DirectoryDataSource"},
      {"mysql", "connectors.sources.mysql:MySqlDataSource"}};
  EXPECT_NO_THROW(ei::cli::validate_service_type("dir", sources));
  EXPECT_EQ(error_of([&] { ei::cli::validate_service_type("ftp", sources); }),
            "unknown service type \"ftp\": the config's sources declare dir, mysql");
  EXPECT_EQ(error_of([&] { ei::cli::validate_service_type("dir", {}); }),
            "unknown service type \"dir\": the config's sources declare none");
}

TEST(ConnectorsInput, LanguageAndJobStatusAreFromTheirTables) {
  EXPECT_NO_THROW(ei::cli::validate_language("fr"));
  auto language = error_of([] { ei::cli::validate_language("xx"); });
  EXPECT_EQ(language.rfind("unknown language \"xx\": expected one of ", 0), 0u) << language;
  EXPECT_NE(language.find("en"), std::string::npos);

  EXPECT_EQ(ei::cli::parse_job_status_filter("in_progress"), ei::protocol::JobStatus::in_progress);
  EXPECT_EQ(error_of([] { ei::cli::parse_job_status_filter("running"); }),
            "unknown job status \"running\": expected one of pending, in_progress, canceling, "
            "canceled, suspended, completed, error");
}

TEST(ConnectorsInput, DocumentIdsAreNonEmptyWithoutSlashes) {
  EXPECT_NO_THROW(ei::cli::validate_document_id("job", "Xy-z_1"));
  EXPECT_EQ(error_of([] { ei::cli::validate_document_id("job", " "); }), "job id is empty");
  EXPECT_EQ(error_of([] { ei::cli::validate_document_id("connector", "a/b"); }),
            "connector id \"a/b\" must not contain '/'");
}

}  // namespace
