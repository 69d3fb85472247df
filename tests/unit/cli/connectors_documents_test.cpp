// The documents and updates the `connectors` CLI writes in place of Kibana.
#include "cli/connectors_documents.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "protocol/connector.hpp"

namespace {

namespace json = boost::json;
using ei::cli::InputError;
using ei::protocol::ConnectorStatus;

ei::core::TimePoint at(std::string_view iso) {
  return *ei::core::parse_iso8601(iso);
}

std::string error_of(auto&& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(ConnectorsDocuments, NewConnectorHasEveryKibanaField) {
  ei::cli::NewConnector spec;
  spec.service_type = "dir";
  spec.index_name = "search-docs";
  auto document = ei::cli::new_connector_document(spec, at("2024-03-01T10:00:00+00:00"));
  for (const char* key : {"api_key_id",
                          "configuration",
                          "custom_scheduling",
                          "description",
                          "error",
                          "features",
                          "filtering",
                          "index_name",
                          "is_native",
                          "language",
                          "last_deleted_document_count",
                          "last_indexed_document_count",
                          "last_seen",
                          "last_sync_error",
                          "last_sync_scheduled_at",
                          "last_sync_status",
                          "last_synced",
                          "name",
                          "pipeline",
                          "scheduling",
                          "service_type",
                          "status",
                          "sync_now"}) {
    EXPECT_TRUE(document.contains(key)) << key;
  }
  EXPECT_EQ(document.size(), 23u);
  EXPECT_EQ(document.at("status"), "created");
  EXPECT_EQ(document.at("name"), "docs");
  EXPECT_EQ(document.at("is_native"), false);
  EXPECT_TRUE(document.at("api_key_id").is_null());
  EXPECT_TRUE(document.at("language").is_null());
  EXPECT_EQ(document.at("configuration"), json::object{});
  EXPECT_EQ(document.at("sync_now"), false);
  EXPECT_EQ(document.at("scheduling"),
            json::parse(R"({"enabled": false, "interval": "0 0 0 * * ?"})"));
  EXPECT_EQ(document.at("pipeline"),
            json::parse(R"({"name": "ent-search-generic-ingestion", "extract_binary_content": true,
                            "reduce_whitespace": true, "run_ml_inference": true})"));

  // The service reads it as a well-formed connector with sync rules on and one valid rule.
  auto connector = ei::protocol::Connector::parse("c1", document);
  EXPECT_TRUE(connector.features.sync_rules_enabled());
  EXPECT_EQ(connector.status, ConnectorStatus::created);
  auto active = connector.filtering.active_filter();
  ASSERT_EQ(active.basic_rules().size(), 1u);
  EXPECT_EQ(
      active.basic_rules()[0],
      json::parse(R"({"created_at": "2024-03-01T10:00:00+00:00", "field": "_", "id": "DEFAULT",
                            "order": 0, "policy": "include", "rule": "regex",
                            "updated_at": "2024-03-01T10:00:00+00:00", "value": ".*"})"));
  EXPECT_EQ(active, connector.filtering.draft_filter());
  EXPECT_EQ(ei::protocol::to_string(active.validation().state), "valid");
}

TEST(ConnectorsDocuments, NameLanguageNativeAndStatusAreTakenAsGiven) {
  ei::cli::NewConnector spec;
  spec.service_type = "mysql";
  spec.index_name = "search-shop";
  spec.name = "Shop";
  spec.language = "fr";
  spec.is_native = true;
  spec.status = ConnectorStatus::needs_configuration;
  auto document = ei::cli::new_connector_document(spec, ei::core::Clock::now());
  EXPECT_EQ(document.at("name"), "Shop");
  EXPECT_EQ(document.at("language"), "fr");
  EXPECT_EQ(document.at("is_native"), true);
  EXPECT_EQ(document.at("status"), "needs_configuration");
  EXPECT_EQ(ei::cli::default_connector_name("docs"), "docs");
  EXPECT_EQ(ei::cli::default_connector_name("search-"), "search-");
}

TEST(ConnectorsDocuments, ConfigValuesAreTypedByTheEntry) {
  EXPECT_EQ(ei::cli::typed_config_value("port", "int", " 3306 "), json::value(3306));
  EXPECT_EQ(ei::cli::typed_config_value("ratio", "float", "0.5"), json::value(0.5));
  EXPECT_EQ(ei::cli::typed_config_value("ssl", "bool", "Yes"), json::value(true));
  EXPECT_EQ(ei::cli::typed_config_value("ssl", "bool", "off"), json::value(false));
  EXPECT_EQ(ei::cli::typed_config_value("tables", "list", "a, b"), json::value("a, b"));
  EXPECT_EQ(ei::cli::typed_config_value("host", "str", " x "), json::value(" x "));
  EXPECT_EQ(error_of([] { ei::cli::typed_config_value("port", "int", "33o6"); }),
            "configuration key \"port\" is of type int: \"33o6\" is not an integer");
  EXPECT_EQ(error_of([] { ei::cli::typed_config_value("port", "int", ""); }),
            "configuration key \"port\" is of type int: \"\" is not an integer");
  EXPECT_EQ(error_of([] { ei::cli::typed_config_value("ssl", "bool", "maybe"); }),
            "configuration key \"ssl\" is of type bool: \"maybe\" is not a boolean (true or "
            "false)");
}

TEST(ConnectorsDocuments, ConfigurationKeepsPropertiesAndRejectsUnknownKeys) {
  auto stored = json::parse(R"({"directory": {"label": "Directory", "type": "str", "value": "/a"},
                                "depth": {"label": "Depth", "type": "int", "value": 1}})")
                    .as_object();
  auto updated = ei::cli::configuration_with_values(stored, nullptr, {{"depth", "4"}});
  EXPECT_EQ(updated.at("depth"), json::parse(R"({"label": "Depth", "type": "int", "value": 4})"));
  EXPECT_EQ(updated.at("directory"), stored.at("directory"));
  EXPECT_EQ(error_of([&] {
              ei::cli::configuration_with_values(stored, nullptr, {{"dept", "4"}});
            }),
            "unknown configuration key \"dept\": the connector's keys are \"directory\", "
            "\"depth\"");
}

TEST(ConnectorsDocuments, FirstConfigurationStartsFromTheSchema) {
  auto schema = json::parse(R"({"directory": {"type": "str", "value": "/default"},
                                "pattern": {"type": "str", "value": "**/*"}})")
                    .as_object();
  auto configured = ei::cli::configuration_with_values({}, &schema, {{"directory", "/data"}});
  EXPECT_EQ(configured.at("directory").at("value"), "/data");
  EXPECT_EQ(configured.at("pattern").at("value"), "**/*");
  EXPECT_EQ(error_of([&] {
              ei::cli::configuration_with_values({}, &schema, {{"x", "1"}});
            }),
            "unknown configuration key \"x\": the connector's keys are \"directory\", "
            "\"pattern\"");
  // Without any schema the service completes the entries later (spec §9.3).
  auto bare = ei::cli::configuration_with_values({}, nullptr, {{"host", "db"}});
  EXPECT_EQ(bare, json::parse(R"({"host": {"value": "db"}})"));
}

TEST(ConnectorsDocuments, SavingConfigurationMakesTheConnectorConfigured) {
  using ei::cli::status_after_configuration;
  EXPECT_EQ(status_after_configuration(ConnectorStatus::needs_configuration),
            ConnectorStatus::configured);
  EXPECT_EQ(status_after_configuration(ConnectorStatus::created), ConnectorStatus::configured);
  EXPECT_EQ(status_after_configuration(std::nullopt), ConnectorStatus::configured);
  EXPECT_EQ(status_after_configuration(ConnectorStatus::connected), ConnectorStatus::connected);
  EXPECT_EQ(status_after_configuration(ConnectorStatus::error), ConnectorStatus::error);
}

TEST(ConnectorsDocuments, DraftEditWritesEditedDraftAndLeavesActive) {
  auto created = at("2024-03-01T10:00:00+00:00");
  auto edited = at("2024-03-02T11:00:00+00:00");
  auto filtering = ei::cli::default_filtering(created);
  filtering.push_back(json::parse(R"({"domain": "OTHER", "active": {}, "draft": {}})"));
  ei::cli::DraftRules draft;
  draft.rules.push_back(json::parse(
      R"({"id": "r1", "field": "title", "rule": "contains", "value": "x", "policy": "exclude",
          "order": 3})"));
  draft.advanced = json::parse(R"({"query": "q"})");

  auto result = ei::cli::filtering_with_draft(filtering, draft, edited);
  ASSERT_EQ(result.size(), 2u);
  EXPECT_EQ(result[1], filtering[1]);
  const auto& element = result[0].as_object();
  EXPECT_EQ(element.at("active"), filtering[0].at("active"));
  const auto& new_draft = element.at("draft").as_object();
  EXPECT_EQ(new_draft.at("validation"), json::parse(R"({"errors": [], "state": "edited"})"));
  const auto& rules = new_draft.at("rules").as_array();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].at("id"), "r1");
  EXPECT_EQ(rules[0].at("created_at"), "2024-03-02T11:00:00+00:00");
  EXPECT_EQ(rules[1].at("id"), "DEFAULT");
  EXPECT_EQ(rules[1].at("order"), 4);
  EXPECT_EQ(new_draft.at("advanced_snippet"),
            json::parse(R"({"created_at": "2024-03-01T10:00:00+00:00",
                            "updated_at": "2024-03-02T11:00:00+00:00", "value": {"query": "q"}})"));

  // The service reads the result as an edited draft to validate (spec §16.5).
  auto connector = ei::protocol::Connector::parse("c", json::object{{"filtering", result}});
  EXPECT_EQ(ei::protocol::to_string(connector.filtering.draft_filter().validation().state),
            "edited");
}

TEST(ConnectorsDocuments, DraftEditKeepsTheUsersDefaultRuleAndAddsAMissingDomain) {
  ei::cli::DraftRules draft;
  draft.rules.push_back(json::parse(
      R"({"id": "DEFAULT", "field": "_", "rule": "regex", "value": ".*", "policy": "exclude",
          "order": 0})"));
  auto result = ei::cli::filtering_with_draft({}, draft, ei::core::Clock::now());
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(result[0].at("domain"), "DEFAULT");
  const auto& rules = result[0].at("draft").at("rules").as_array();
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].at("policy"), "exclude");
  EXPECT_EQ(result[0].at("active").at("validation").at("state"), "valid");
  EXPECT_EQ(result[0].at("draft").at("advanced_snippet").at("value"), json::object{});
}

TEST(ConnectorsDocuments, ScheduleAndCancelUpdates) {
  EXPECT_EQ(ei::cli::schedule_update(std::string_view("0 0 * * * ?")),
            json::parse(R"({"scheduling": {"enabled": true, "interval": "0 0 * * * ?"}})"));
  EXPECT_EQ(ei::cli::schedule_update(std::nullopt),
            json::parse(R"({"scheduling": {"enabled": false}})"));
  EXPECT_EQ(ei::cli::sync_now_request_update(), json::parse(R"({"sync_now": true})"));
  auto cancel = ei::cli::job_cancel_before_start_update(at("2024-03-01T10:00:00+00:00"));
  EXPECT_EQ(cancel, json::parse(R"({"status": "canceled",
                                    "cancelation_requested_at": "2024-03-01T10:00:00+00:00",
                                    "canceled_at": "2024-03-01T10:00:00+00:00",
                                    "completed_at": "2024-03-01T10:00:00+00:00"})"));
}

}  // namespace
