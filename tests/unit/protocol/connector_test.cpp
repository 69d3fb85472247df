#include "protocol/connector.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "sample_documents.hpp"

namespace ei::protocol {
namespace {

namespace json = boost::json;
using testing::sample_connector_source;

Connector read_json(const char* text) {
  return Connector::read("abc", json::parse(text).as_object());
}

TEST(Connector, ReadsTheFakeKibanaDocument) {
  const Connector connector =
      Connector::parse("1", sample_connector_source(), DocumentVersion{7, 2});
  EXPECT_TRUE(connector.well_formed());
  EXPECT_EQ(connector.id, "1");
  EXPECT_EQ(connector.version.seq_no, 7);
  EXPECT_EQ(connector.version.primary_term, 2);
  EXPECT_TRUE(connector.version.known());
  EXPECT_EQ(connector.api_key_id, "");
  EXPECT_EQ(connector.index_name, "search-mongo");
  EXPECT_EQ(connector.service_type, "mongodb");
  EXPECT_EQ(connector.status, ConnectorStatus::configured);
  EXPECT_EQ(connector.language, "en");
  EXPECT_EQ(connector.last_sync_status, std::nullopt);
  EXPECT_EQ(connector.last_sync_error, std::nullopt);
  EXPECT_EQ(connector.last_seen, std::nullopt);
  EXPECT_EQ(connector.last_synced, std::nullopt);
  EXPECT_EQ(connector.last_sync_scheduled_at, std::nullopt);
  EXPECT_TRUE(connector.is_native);
  EXPECT_FALSE(connector.sync_now);
  EXPECT_EQ(connector.scheduling, (Schedule{false, "1 * * * * *"}));
  EXPECT_EQ(connector.pipeline, Pipeline{});  // the stored values equal the defaults
  EXPECT_FALSE(connector.features.sync_rules_enabled());
  EXPECT_TRUE(connector.allows_sync());
  EXPECT_FALSE(connector.is_syncing());

  ASSERT_EQ(connector.configuration_entries.size(), 2u);
  EXPECT_EQ(connector.configuration_entries[0].first, "host");
  EXPECT_EQ(connector.configuration_entries[1].first, "port");
  const ConfigurationEntry* port = connector.configuration_entry("port");
  ASSERT_NE(port, nullptr);
  EXPECT_EQ(port->display, "numeric");
  EXPECT_EQ(port->order, 2);
  EXPECT_EQ(port->type, "int");
  EXPECT_EQ(port->value, json::value(3306));
  EXPECT_EQ(connector.configuration_entry("missing"), nullptr);

  const Filter active = connector.filtering.active_filter();
  ASSERT_EQ(active.basic_rules().size(), 1u);
  EXPECT_EQ(active.basic_rules()[0].at("id"), "DEFAULT");
  EXPECT_TRUE(active.has_validation_state(ValidationState::valid));
}

TEST(Connector, RoundTripKeepsTheRawSourceIncludingUnknownFields) {
  const json::object source = sample_connector_source();
  const Connector connector = Connector::parse("1", source);
  EXPECT_EQ(connector.source, source);
  EXPECT_EQ(connector.source.at("x_custom"), json::parse(R"({"kept": [1, 2, 3]})"));
  EXPECT_EQ(connector.configuration, source.at("configuration").as_object());
  EXPECT_EQ(connector.filtering.to_json(), source.at("filtering").as_array());
  // Reading the kept source again gives the same view.
  const Connector again = Connector::parse("1", connector.source);
  EXPECT_EQ(again.configuration_entries, connector.configuration_entries);
  EXPECT_EQ(again.pipeline, connector.pipeline);
  EXPECT_EQ(again.filtering, connector.filtering);
}

TEST(Connector, EmptyDocumentReadsAsTheDefaultsOfSpec71) {
  const Connector connector = Connector::parse("abc", json::object{});
  EXPECT_FALSE(connector.is_native);
  EXPECT_FALSE(connector.sync_now);
  EXPECT_FALSE(connector.scheduling.enabled);
  EXPECT_EQ(connector.scheduling.interval, std::nullopt);
  EXPECT_EQ(connector.status, std::nullopt);
  EXPECT_TRUE(connector.allows_sync());
  EXPECT_TRUE(connector.has_empty_configuration());
  EXPECT_TRUE(connector.configuration_entries.empty());
  EXPECT_TRUE(connector.filtering.to_json().empty());
  EXPECT_TRUE(connector.filtering.active_filter().empty());
  EXPECT_EQ(connector.pipeline.name, "ent-search-generic-ingestion");
  EXPECT_FALSE(connector.version.known());
}

TEST(Connector, NullFieldsReadAsAbsent) {
  const Connector connector = read_json(R"({"is_native": null, "sync_now": null,
      "configuration": null, "scheduling": null, "filtering": null, "status": null,
      "features": null, "pipeline": null})");
  EXPECT_TRUE(connector.well_formed());
  EXPECT_FALSE(connector.is_native);
  EXPECT_TRUE(connector.has_empty_configuration());
  EXPECT_EQ(connector.pipeline, Pipeline{});
}

TEST(Connector, ReadsTimestampsInEveryAcceptedForm) {
  const Connector connector = read_json(R"({
      "last_seen": "2023-08-02T10:11:12.345678+00:00",
      "last_synced": "2023-08-02T10:11:12Z",
      "last_sync_scheduled_at": "2023-08-02T12:00:00"})");
  ASSERT_TRUE(connector.well_formed()) << connector.problems.front().describe();
  EXPECT_EQ(connector.last_seen->text, "2023-08-02T10:11:12.345678+00:00");
  EXPECT_EQ(core::iso_utc(connector.last_seen->time), "2023-08-02T10:11:12.345678+00:00");
  EXPECT_EQ(core::iso_utc(connector.last_synced->time), "2023-08-02T10:11:12+00:00");
  // Naive means UTC (spec §7.1).
  EXPECT_EQ(core::iso_utc(connector.last_sync_scheduled_at->time), "2023-08-02T12:00:00+00:00");
}

TEST(Connector, LockAndCountersOfSpec75) {
  const Connector connector = read_json(R"({"last_sync_status": "in_progress",
      "last_sync_error": null, "last_indexed_document_count": 10001,
      "last_deleted_document_count": 3, "status": "connected", "error": null})");
  EXPECT_TRUE(connector.is_syncing());
  EXPECT_EQ(connector.last_sync_status, JobStatus::in_progress);
  EXPECT_EQ(connector.last_indexed_document_count, 10001);
  EXPECT_EQ(connector.last_deleted_document_count, 3);
  EXPECT_EQ(connector.status, ConnectorStatus::connected);
}

TEST(Connector, GatingStatuses) {
  EXPECT_FALSE(read_json(R"({"status": "created"})").allows_sync());
  EXPECT_FALSE(read_json(R"({"status": "needs_configuration"})").allows_sync());
  EXPECT_TRUE(read_json(R"({"status": "error"})").allows_sync());
}

TEST(Connector, MalformedFieldIsNamedWithConnectorIdAndPath) {
  const json::object source =
      json::parse(R"({"scheduling": {"enabled": true, "interval": 42}})").as_object();
  const Connector lenient = Connector::read("abc", source);
  ASSERT_EQ(lenient.problems.size(), 1u);
  EXPECT_EQ(lenient.problems[0],
            (FieldProblem{"scheduling.interval", "expected a string, got 42"}));
  EXPECT_TRUE(lenient.scheduling.enabled);               // the readable part is kept
  EXPECT_EQ(lenient.scheduling.interval, std::nullopt);  // the bad part reads as absent
  EXPECT_TRUE(lenient.has_problem_at("scheduling"));
  EXPECT_TRUE(lenient.has_problem_at("scheduling.interval"));
  EXPECT_FALSE(lenient.has_problem_at("sched"));
  EXPECT_FALSE(lenient.has_problem_at("configuration"));

  try {
    (void)Connector::parse("abc", source);
    FAIL() << "expected ProtocolError";
  } catch (const ProtocolError& error) {
    EXPECT_STREQ(error.what(), "connector abc: scheduling.interval: expected a string, got 42");
    EXPECT_EQ(error.problems(), lenient.problems);
  }
}

TEST(Connector, EveryMalformedFieldIsListedAndDefaulted) {
  const Connector connector = read_json(R"({
      "is_native": "true", "sync_now": 1, "service_type": 5, "index_name": ["x"],
      "last_seen": "yesterday", "last_sync_status": "running", "scheduling": "daily",
      "configuration": "host=x", "pipeline": {"name": 3, "reduce_whitespace": "no"},
      "last_indexed_document_count": 1.5, "filtering": {"domain": "DEFAULT"}})");
  EXPECT_FALSE(connector.is_native);
  EXPECT_FALSE(connector.sync_now);
  EXPECT_EQ(connector.service_type, std::nullopt);
  EXPECT_EQ(connector.index_name, std::nullopt);
  EXPECT_EQ(connector.last_seen, std::nullopt);
  EXPECT_EQ(connector.last_sync_status, std::nullopt);
  EXPECT_EQ(connector.scheduling, Schedule{});
  EXPECT_TRUE(connector.has_empty_configuration());
  EXPECT_EQ(connector.pipeline, Pipeline{});
  EXPECT_EQ(connector.last_indexed_document_count, std::nullopt);
  EXPECT_TRUE(connector.filtering.to_json().empty());

  const std::vector<std::string> paths = [&] {
    std::vector<std::string> out;
    for (const FieldProblem& problem : connector.problems) out.push_back(problem.path);
    return out;
  }();
  EXPECT_EQ(paths,
            (std::vector<std::string>{
                "configuration", "filtering", "index_name", "is_native",
                "last_indexed_document_count", "last_seen", "last_sync_status", "pipeline.name",
                "pipeline.reduce_whitespace", "scheduling", "service_type", "sync_now"}));
  // The malformed configuration is not "empty" for the service: it must not overwrite it.
  EXPECT_TRUE(connector.has_problem_at("configuration"));
  const auto message_of = [&](std::string_view path) {
    for (const FieldProblem& problem : connector.problems) {
      if (problem.path == path) return problem.message;
    }
    return std::string();
  };
  EXPECT_EQ(message_of("is_native"), R"(expected a boolean, got "true")");
  EXPECT_EQ(message_of("last_seen"), R"(expected an ISO 8601 date-time string, got "yesterday")");
  EXPECT_EQ(message_of("last_sync_status"),
            R"(unknown value "running" (expected one of pending, in_progress, canceling, )"
            R"(canceled, suspended, completed, error))");
  EXPECT_EQ(message_of("configuration"), R"(expected an object, got "host=x")");
  EXPECT_EQ(message_of("last_indexed_document_count"), "expected an integer, got 1.5");
}

TEST(Connector, UnknownStatusReadsAsConfiguredAndIsReported) {
  const Connector connector = read_json(R"({"status": "paused"})");
  EXPECT_EQ(connector.status, ConnectorStatus::configured);  // spec §7.1 advice
  ASSERT_EQ(connector.problems.size(), 1u);
  EXPECT_EQ(connector.problems[0].path, "status");
  EXPECT_THROW(connector.throw_if_malformed(), ProtocolError);
}

TEST(Connector, MalformedConfigurationEntryPropertiesAreNamed) {
  const Connector connector = read_json(R"({"configuration": {
      "port": {"label": "Port", "order": "first", "required": "yes", "value": 1},
      "mode": "fast"}})");
  ASSERT_EQ(connector.problems.size(), 2u);
  EXPECT_EQ(connector.problems[0].describe(),
            R"(configuration.port.order: expected an integer, got "first")");
  EXPECT_EQ(connector.problems[1].describe(),
            R"(configuration.port.required: expected a boolean, got "yes")");
  const ConfigurationEntry* port = connector.configuration_entry("port");
  ASSERT_NE(port, nullptr);
  EXPECT_EQ(port->order, 1);    // default
  EXPECT_TRUE(port->required);  // default
  EXPECT_EQ(port->label, "Port");
  // A bare value is an entry holding that value (spec §9.3, §14.3): not a problem.
  const ConfigurationEntry* mode = connector.configuration_entry("mode");
  ASSERT_NE(mode, nullptr);
  EXPECT_EQ(mode->value, json::value("fast"));
  // The stored configuration stays verbatim for jobs.
  EXPECT_EQ(connector.configuration.at("mode"), "fast");
}

TEST(Connector, FeatureFlagsOfSpec76) {
  EXPECT_TRUE(read_json(R"({"features": {"sync_rules": {"basic": {"enabled": true}}}})")
                  .features.sync_rules_enabled());
  EXPECT_TRUE(read_json(R"({"features": {"sync_rules": {"advanced": {"enabled": true}}}})")
                  .features.sync_rules_enabled());
  EXPECT_TRUE(
      read_json(R"({"features": {"filtering_rules": true}})").features.sync_rules_enabled());
  EXPECT_TRUE(read_json(R"({"features": {"filtering_advanced_config": true}})")
                  .features.sync_rules_enabled());
  // Missing objects and non-object intermediate values read as false, without a problem.
  const Connector odd = read_json(R"({"features": {"sync_rules": "yes",
      "filtering_rules": "true", "incremental_sync": {"enabled": true},
      "document_level_security": {"enabled": false}}})");
  EXPECT_FALSE(odd.features.sync_rules_enabled());
  EXPECT_TRUE(odd.features.incremental_sync);
  EXPECT_FALSE(odd.features.document_level_security);
  EXPECT_TRUE(odd.well_formed());
  EXPECT_FALSE(read_json(R"({"features": []})").features.sync_rules_enabled());
}

TEST(Connector, PipelineOverlayOfSpec77) {
  // Missing keys keep the defaults; a stored null replaces the default with null.
  const Connector connector =
      read_json(R"({"pipeline": {"name": "my-pipeline", "run_ml_inference": null,
                                 "extract_binary_content": false, "extra": 1}})");
  EXPECT_TRUE(connector.well_formed());
  EXPECT_EQ(connector.pipeline.to_json(),
            json::parse(R"({"name": "my-pipeline", "extract_binary_content": false,
                            "reduce_whitespace": true, "run_ml_inference": null,
                            "extra": 1})"));
}

TEST(Connector, ReadsThe89Additions) {
  const Connector connector = read_json(R"({"last_access_control_sync_status": "completed",
      "last_access_control_sync_error": null, "sync_cursor": {"cursor_timestamp": "x"}})");
  EXPECT_TRUE(connector.well_formed());
  EXPECT_EQ(connector.last_access_control_sync_status, JobStatus::completed);
  EXPECT_EQ(connector.sync_cursor, json::parse(R"({"cursor_timestamp": "x"})"));
}

}  // namespace
}  // namespace ei::protocol
