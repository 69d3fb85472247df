#include "service/schedule_service.hpp"

#include <fmt/format.h>

#include "core/logging.hpp"
#include "core/time.hpp"
#include "core/url_redaction.hpp"
#include "protocol/connector_updates.hpp"
#include "protocol/filtering_validation.hpp"
#include "protocol/sync_job.hpp"
#include "service/conflict_retry.hpp"
#include "service/schedule_decision.hpp"
#include "service/source_instances.hpp"

namespace ei::service {

namespace asio = boost::asio;
namespace json = boost::json;
using protocol::Connector;
using protocol::ConnectorStatus;

namespace {

std::string malformed_message(const Connector& connector) {
  std::string text = "Connector document is malformed: ";
  for (std::size_t i = 0; i < connector.problems.size(); ++i) {
    if (i > 0) text += "; ";
    text += connector.problems[i].describe();
  }
  return text;
}

}  // namespace

ScheduleService::ScheduleService(ServiceContext& context)
    : LoopService(context, "schedule"), store_(context.es) {}

asio::awaitable<void> ScheduleService::run() {
  core::log().info("Schedule service started, listening to events from {}",
                   core::redact_url(context_.config.elasticsearch.host));
  while (running()) {
    co_await poll();
    if (!running()) break;
    co_await idle(context_.config.service.idling);
  }
  core::log().info("Schedule service stopped");
}

asio::awaitable<void> ScheduleService::poll() {
  std::vector<Connector> connectors;
  try {
    auto query = supported_connectors_query(context_.selection());
    if (query) connectors = co_await store_.search_connectors(std::move(query));
  } catch (const std::exception& error) {
    charge_error("The schedule service could not list the connectors", error);
    co_return;
  }
  for (auto& connector : connectors) {
    if (!running()) break;
    std::string id = connector.id;
    // One connector's failure is charged to the budget and does not hold back the others
    // (the reference aborted the whole poll, spec §20 advises finer handling).
    try {
      co_await schedule(std::move(connector));
    } catch (const ErrorBudgetExceeded&) {
      throw;
    } catch (const std::exception& error) {
      charge_error(fmt::format("Error while scheduling connector {}", id), error);
    }
  }
}

asio::awaitable<void> ScheduleService::schedule(Connector connector) {
  if (!connector.well_formed()) {
    co_await report_malformed(connector);
    co_await heartbeat(connector);
    co_return;
  }
  auto prepared = co_await prepare(connector.id);
  if (!prepared) co_return;
  const Connector& live = *prepared;
  co_await heartbeat(live);

  const std::string service_type = live.service_type.value_or("");
  if (live.status == ConnectorStatus::created) {
    core::log().info(
        "Connector for {}(id: \"{}\") has just been created and cannot sync. Wait for Kibana to "
        "initialise connector correctly before proceeding.",
        service_type, live.id);
    co_return;
  }
  if (live.status == ConnectorStatus::needs_configuration) {
    core::log().info(
        "Connector for {}(id: \"{}\") is not configured yet. Finish connector configuration in "
        "Kibana to make it possible to run a sync.",
        service_type, live.id);
    co_return;
  }
  if (context_.find_source(service_type) == nullptr) {
    throw core::Error("Couldn't find data source class for " + service_type);
  }
  if (live.features.sync_rules_enabled()) co_await validate_draft_rules(live.id);
  co_await on_demand_trigger(live.id);
  co_await scheduled_trigger(live.id);
}

asio::awaitable<void> ScheduleService::report_malformed(const Connector& connector) {
  auto message = malformed_message(connector);
  core::log().error("Connector {}: {}", connector.id, message);
  if (connector.status == ConnectorStatus::error && connector.error == message) co_return;
  co_await store_.update_connector(connector.id, protocol::connector_error_update(message));
}

asio::awaitable<std::optional<Connector>> ScheduleService::prepare(std::string id) {
  for (int attempt = 1;; ++attempt) {
    auto connector = co_await store_.fetch_connector(id);
    if (!connector) {
      core::log().error("Couldn't find connector by id {}", id);
      co_return std::nullopt;
    }
    json::object update;
    const bool is_configured_custom = context_.config.connector_id == connector->id;
    std::string type_for_schema;
    if (!is_configured_custom) {
      type_for_schema = connector->service_type.value_or("");
      if (context_.find_source(type_for_schema) == nullptr) {
        core::log().debug(
            "Peripheral connector {} has invalid service type {}, cannot check configuration "
            "formatting.",
            id, type_for_schema);
        co_return connector;
      }
    } else {
      if (!context_.config.service_type) {
        core::log().error("Service type is not configured for connector {}", id);
        co_return std::nullopt;
      }
      type_for_schema = *context_.config.service_type;
      if (const auto* failure = context_.source_failure(type_for_schema)) {
        auto message =
            fmt::format("Could not instantiate {} for {}",
                        context_.config.find_source(type_for_schema)->class_spec, type_for_schema);
        core::log().critical("{}: {}", message, *failure);
        co_await store_.update_connector(id, protocol::connector_error_update(message));
        throw core::Error(message);
      }
      if (context_.find_source(type_for_schema) == nullptr) {
        core::log().debug("Service type {} of connector {} is not supported", type_for_schema, id);
        co_return std::nullopt;
      }
    }
    const auto* entry = context_.find_source(type_for_schema);
    json::object schema = entry->type.descriptor->default_configuration.to_json();
    if (is_configured_custom &&
        (!connector->service_type || connector->has_empty_configuration())) {
      std::optional<std::string_view> missing_type;
      if (!connector->service_type) missing_type = type_for_schema;
      update = protocol::custom_connector_setup_update(
          missing_type, connector->has_empty_configuration() ? &schema : nullptr);
    } else {
      auto completed = protocol::complete_configuration(connector->configuration, schema);
      // Fields the source declares that the stored configuration lacks are added too (8.10,
      // spec §24.6): in 8.8 such a connector failed every sync with "missing configuration
      // fields".
      for (const auto& [key, entry] : schema) {
        if (!connector->configuration.contains(key)) completed[key] = entry;
      }
      if (completed.empty()) co_return connector;
      core::log().info(
          "Connector for {}(id: \"{}\") is missing configuration field properties. Generating "
          "defaults.",
          type_for_schema, id);
      update = protocol::configuration_completion_update(std::move(completed));
    }
    bool conflict = false;
    try {
      co_await store_.update_connector(id, std::move(update), connector->version);
    } catch (const es::VersionConflictError& error) {
      if (attempt >= kConflictAttempts) throw;
      log_conflict(error);
      conflict = true;
    }
    if (conflict) continue;
    co_return co_await store_.fetch_connector(id);
  }
}

asio::awaitable<void> ScheduleService::heartbeat(const Connector& connector) {
  auto now = core::Clock::now();
  if (!heartbeat_due(connector, now, context_.config.service.heartbeat)) co_return;
  core::log().debug("Sending heartbeat for connector {}", connector.id);
  co_await store_.update_connector(connector.id, protocol::heartbeat_update(now));
}

asio::awaitable<void> ScheduleService::validate_draft_rules(std::string id) {
  for (int attempt = 1;; ++attempt) {
    auto connector = co_await store_.fetch_connector(id);
    if (!connector) co_return;
    auto draft = connector->filtering.draft_filter();
    auto state = draft.validation().state;
    if (state != protocol::ValidationState::edited) {
      core::log().debug("Filtering of connector {} is in state {}, skipping...", id,
                        protocol::to_string(state));
      co_return;
    }
    core::log().info("Filtering of connector {} is in state edited, validating...)", id);
    const auto* entry = context_.find_source(connector->service_type.value_or(""));
    if (entry == nullptr) co_return;
    std::unique_ptr<source::DataSource> source;
    std::string source_problem;
    try {
      source = make_source(context_, *entry, connector->configuration);
    } catch (const std::exception& error) {
      source_problem = error.what();
    }
    if (!source) {
      core::log().warn(
          "Connector {}: draft sync rules stay `edited`: the source cannot be built from the "
          "connector's configuration: {}",
          id, source_problem);
      co_return;
    }
    auto validator = rule_validator_for(*source);
    auto validation = co_await validator.validate(draft);
    co_await source->close();
    core::log().info("Filtering validation result for connector {}: {}", id,
                     protocol::to_string(validation.state));
    auto filtering = connector->filtering.with_draft_validation(validation);
    bool conflict = false;
    try {
      co_await store_.update_connector(id, protocol::filtering_update(std::move(filtering)),
                                       connector->version);
    } catch (const es::VersionConflictError& error) {
      if (attempt >= kConflictAttempts) throw;
      log_conflict(error);
      conflict = true;
    }
    if (!conflict) co_return;
  }
}

asio::awaitable<void> ScheduleService::on_demand_trigger(std::string id) {
  for (int attempt = 1;; ++attempt) {
    auto connector = co_await store_.fetch_connector(id);
    if (!connector) {
      core::log().error("Couldn't reload connector {}", id);
      co_return;
    }
    if (!connector->sync_now) co_return;
    bool conflict = false;
    try {
      // The conditional reset is the de-duplication point: one process wins it (spec §9.5).
      co_await store_.update_connector(id, protocol::sync_now_reset_update(), connector->version);
    } catch (const es::VersionConflictError& error) {
      if (attempt >= kConflictAttempts) throw;
      log_conflict(error);
      conflict = true;
    }
    if (conflict) continue;
    core::log().info("Creating an on demand sync for connector {}...", id);
    co_await create_job(*connector, protocol::TriggerMethod::on_demand);
    co_return;
  }
}

asio::awaitable<void> ScheduleService::scheduled_trigger(std::string id) {
  for (int attempt = 1;; ++attempt) {
    auto connector = co_await store_.fetch_connector(id);
    if (!connector) {
      core::log().error("Couldn't reload connector {}", id);
      co_return;
    }
    auto now = core::Clock::now();
    auto decision = decide_schedule(*connector, now, context_.config.service.idling);
    if (std::holds_alternative<ScheduledByAnotherInstance>(decision)) {
      core::log().debug("A scheduled sync is created by another connector instance, skipping...");
      co_return;
    }
    if (std::holds_alternative<ScheduleNotEnabled>(decision)) co_return;
    if (const auto* invalid = std::get_if<ScheduleInvalid>(&decision)) {
      core::log().critical("Connector {}: cannot evaluate scheduling.interval: {}", id,
                           invalid->message);
      if (!(connector->status == ConnectorStatus::error && connector->error == invalid->message)) {
        co_await store_.update_connector(id, protocol::connector_error_update(invalid->message));
      }
      co_return;
    }
    if (const auto* not_due = std::get_if<ScheduleNotDue>(&decision)) {
      core::log().debug("Next sync for connector {} due in {} seconds", id,
                        not_due->due_in.count());
      co_return;
    }
    const auto& due = std::get<ScheduleDue>(decision);
    bool conflict = false;
    try {
      co_await store_.update_connector(id, protocol::scheduled_sync_update(due.next_fire),
                                       connector->version);
    } catch (const es::VersionConflictError& error) {
      if (attempt >= kConflictAttempts) throw;
      log_conflict(error);
      conflict = true;
    }
    if (conflict) continue;
    core::log().info("Creating a scheduled sync for connector {}...", id);
    co_await create_job(*connector, protocol::TriggerMethod::scheduled);
    co_return;
  }
}

asio::awaitable<void> ScheduleService::create_job(const Connector& connector,
                                                  protocol::TriggerMethod trigger) {
  auto document = protocol::new_sync_job_document(connector, trigger, core::Clock::now());
  auto job_id = co_await store_.create_job(std::move(document));
  core::log().info("Created job {} ({}) for connector {}", job_id, protocol::to_string(trigger),
                   connector.id);
}

}  // namespace ei::service
