// How the `connectors` CLI prints connectors and jobs.
#include "cli/connectors_output.hpp"

#include <gtest/gtest.h>

namespace {

namespace json = boost::json;

TEST(ConnectorsOutput, TablesAlignColumnsWithoutTrailingSpaces) {
  auto table = ei::cli::render_table({"ID", "NAME"}, {{"a", "long name"}, {"bbbb", "x"}});
  EXPECT_EQ(table, "ID    NAME\na     long name\nbbbb  x\n");
}

TEST(ConnectorsOutput, DocumentsCarryTheirIdFirst) {
  auto document = ei::cli::document_with_id("j1", json::object{{"status", "pending"}});
  EXPECT_EQ(json::serialize(document), R"({"id":"j1","status":"pending"})");
}

TEST(ConnectorsOutput, ConnectorDetailsMaskSensitiveValues) {
  auto source = json::parse(R"({
    "name": "docs", "service_type": "dir", "index_name": "search-docs", "status": "configured",
    "configuration": {"password": {"value": "hunter2", "sensitive": true},
                      "directory": {"value": "/data", "sensitive": false}},
    "scheduling": {"enabled": true, "interval": "0 0 * * * ?"}})");
  auto connector = ei::protocol::Connector::read("c1", source.as_object());
  auto details = ei::cli::connector_details(connector);
  EXPECT_NE(details.find("id: c1\n"), std::string::npos) << details;
  EXPECT_NE(details.find("status: configured\n"), std::string::npos) << details;
  EXPECT_NE(details.find("schedule: 0 0 * * * ?\n"), std::string::npos) << details;
  EXPECT_NE(details.find("  directory = /data\n"), std::string::npos) << details;
  EXPECT_NE(details.find("  password = ********\n"), std::string::npos) << details;
  EXPECT_EQ(details.find("hunter2"), std::string::npos) << details;
}

TEST(ConnectorsOutput, ConnectorTableHasOneRowPerConnector) {
  auto one = ei::protocol::Connector::read(
      "c1", json::parse(R"({"name": "a", "service_type": "dir", "index_name": "search-a",
                           "status": "connected", "is_native": true,
                           "last_sync_status": "completed"})")
                .as_object());
  auto table = ei::cli::connectors_table({one});
  EXPECT_EQ(table,
            "ID  NAME  SERVICE TYPE  INDEX     STATUS     MODE    LAST SYNC  SCHEDULE\n"
            "c1  a     dir           search-a  connected  native  completed  disabled\n");
}

TEST(ConnectorsOutput, JobDetailsShowStatusErrorAndCounters) {
  auto job = ei::protocol::SyncJob::read(
      "j1", json::parse(R"({"connector": {"id": "c1"}, "status": "error", "error": "boom",
                           "trigger_method": "on_demand", "indexed_document_count": 5,
                           "indexed_document_volume": 1, "deleted_document_count": 2})")
                .as_object());
  auto details = ei::cli::job_details(job);
  EXPECT_NE(details.find("status: error\nerror: boom\n"), std::string::npos) << details;
  EXPECT_NE(details.find("indexed documents: 5\n"), std::string::npos) << details;
  EXPECT_NE(details.find("deleted documents: 2\n"), std::string::npos) << details;
  auto table = ei::cli::jobs_table({job});
  EXPECT_NE(table.find("j1  c1         error   on_demand  5        2"), std::string::npos) << table;
}

TEST(ConnectorsOutput, PrettyJsonIndents) {
  EXPECT_EQ(ei::cli::pretty_json(json::parse(R"({"a": [1, {}], "b": "x"})")),
            "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": \"x\"\n}");
}

}  // namespace
