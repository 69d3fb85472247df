#include "cli/connectors_documents.hpp"

#include <charconv>
#include <cmath>

#include "core/strings.hpp"
#include "protocol/filter.hpp"
#include "protocol/filtering.hpp"
#include "protocol/index_names.hpp"
#include "protocol/job_status.hpp"
#include "protocol/pipeline.hpp"
#include "protocol/validation_state.hpp"

namespace ei::cli {

namespace json = boost::json;

namespace {

json::object default_rule(const std::string& timestamp, std::int64_t order) {
  return json::object{{"created_at", timestamp}, {"field", "_"},        {"id", "DEFAULT"},
                      {"order", order},          {"policy", "include"}, {"rule", "regex"},
                      {"updated_at", timestamp}, {"value", ".*"}};
}

json::object default_filter(const std::string& timestamp) {
  return json::object{{"advanced_snippet", json::object{{"created_at", timestamp},
                                                        {"updated_at", timestamp},
                                                        {"value", json::object{}}}},
                      {"rules", json::array{default_rule(timestamp, 0)}},
                      {"validation", json::object{{"errors", json::array{}}, {"state", "valid"}}}};
}

bool is_default_rule(const json::value& rule) {
  const auto* id = rule.is_object() ? rule.as_object().if_contains("id") : nullptr;
  return id != nullptr && id->is_string() && id->as_string() == protocol::kDefaultDomain;
}

double order_of(const json::value& rule) {
  const auto* order = rule.as_object().if_contains("order");
  return order != nullptr && order->is_number() ? order->to_number<double>() : 0;
}

json::object draft_filter(const json::object& previous_draft, const DraftRules& draft,
                          const std::string& timestamp) {
  json::array rules;
  bool has_default = false;
  double last_order = -1;
  for (const auto& rule : draft.rules) {
    json::object stamped = rule.as_object();
    if (!stamped.contains("created_at")) stamped["created_at"] = timestamp;
    stamped["updated_at"] = timestamp;
    has_default = has_default || is_default_rule(stamped);
    last_order = std::max(last_order, order_of(stamped));
    rules.push_back(std::move(stamped));
  }
  // Kibana's editor always keeps the catch-all default rule, last.
  if (!has_default) {
    rules.push_back(default_rule(timestamp, static_cast<std::int64_t>(std::floor(last_order)) + 1));
  }

  json::object snippet;
  const auto* old_snippet = previous_draft.if_contains("advanced_snippet");
  const auto* old_created = old_snippet != nullptr && old_snippet->is_object()
                                ? old_snippet->as_object().if_contains("created_at")
                                : nullptr;
  snippet["created_at"] = old_created != nullptr ? *old_created : json::value(timestamp);
  snippet["updated_at"] = timestamp;
  if (draft.advanced) {
    snippet["value"] = *draft.advanced;
  } else if (old_snippet != nullptr && old_snippet->is_object() &&
             old_snippet->as_object().contains("value")) {
    snippet["value"] = old_snippet->as_object().at("value");  // basic rules only: keep it
  } else {
    snippet["value"] = json::object{};
  }

  return json::object{
      {"advanced_snippet", std::move(snippet)},
      {"rules", std::move(rules)},
      {"validation",
       json::object{{"errors", json::array{}},
                    {"state", protocol::to_string(protocol::ValidationState::edited)}}}};
}

std::string known_keys(const json::object& stored, const json::object* schema) {
  std::string keys;
  auto add = [&](std::string_view key) {
    if (keys.find("\"" + std::string(key) + "\"") != std::string::npos) return;
    if (!keys.empty()) keys += ", ";
    keys += "\"" + std::string(key) + "\"";
  };
  for (const auto& [key, entry] : stored) add(key);
  if (schema != nullptr) {
    for (const auto& [key, entry] : *schema) add(key);
  }
  return keys.empty() ? "none" : keys;
}

}  // namespace

std::string default_connector_name(std::string_view index_name) {
  auto prefix = protocol::kContentIndexPrefix;
  if (index_name.size() > prefix.size() && index_name.substr(0, prefix.size()) == prefix) {
    return std::string(index_name.substr(prefix.size()));
  }
  return std::string(index_name);
}

json::array default_filtering(core::TimePoint now) {
  auto timestamp = core::iso_utc(now);
  return json::array{json::object{{"active", default_filter(timestamp)},
                                  {"domain", protocol::kDefaultDomain},
                                  {"draft", default_filter(timestamp)}}};
}

json::object default_features() {
  json::object enabled{{"enabled", true}};
  return json::object{
      {"filtering_advanced_config", true},
      {"filtering_rules", true},
      {"sync_rules", json::object{{"advanced", enabled}, {"basic", enabled}}},
  };
}

json::object new_connector_document(const NewConnector& connector, core::TimePoint now) {
  json::value language = nullptr;
  if (connector.language) language = *connector.language;
  return json::object{
      {"api_key_id", nullptr},
      {"configuration", connector.configuration},
      {"custom_scheduling", json::object{}},
      {"description", nullptr},
      {"error", nullptr},
      {"features", default_features()},
      {"filtering", default_filtering(now)},
      {"index_name", connector.index_name},
      {"is_native", connector.is_native},
      {"language", language},
      {"last_deleted_document_count", nullptr},
      {"last_indexed_document_count", nullptr},
      {"last_seen", nullptr},
      {"last_sync_error", nullptr},
      {"last_sync_scheduled_at", nullptr},
      {"last_sync_status", nullptr},
      {"last_synced", nullptr},
      {"name", connector.name.value_or(default_connector_name(connector.index_name))},
      {"pipeline", protocol::Pipeline{}.to_json()},
      {"scheduling", json::object{{"enabled", false}, {"interval", kDefaultScheduleInterval}}},
      {"service_type", connector.service_type},
      {"status", protocol::to_string(connector.status)},
      {"sync_now", false},
  };
}

json::value typed_config_value(std::string_view key, std::string_view type, std::string_view text) {
  auto fail = [&](std::string_view expected) -> json::value {
    throw InputError("configuration key \"" + std::string(key) + "\" is of type " +
                     std::string(type) + ": \"" + std::string(text) + "\" is not " +
                     std::string(expected));
  };
  auto trimmed = core::trim(text);
  if (type == "int") {
    std::int64_t number = 0;
    const char* end = trimmed.data() + trimmed.size();
    auto [stop, error] = std::from_chars(trimmed.data(), end, number);
    if (trimmed.empty() || error != std::errc{} || stop != end) return fail("an integer");
    return number;
  }
  if (type == "float") {
    double number = 0;
    const char* end = trimmed.data() + trimmed.size();
    auto [stop, error] = std::from_chars(trimmed.data(), end, number);
    if (trimmed.empty() || error != std::errc{} || stop != end || !std::isfinite(number)) {
      return fail("a number");
    }
    return number;
  }
  if (type == "bool") {
    auto lower = core::to_lower(trimmed);
    if (lower == "true" || lower == "yes" || lower == "y" || lower == "1" || lower == "on") {
      return true;
    }
    if (lower == "false" || lower == "no" || lower == "n" || lower == "0" || lower == "off") {
      return false;
    }
    return fail("a boolean (true or false)");
  }
  return json::string(text);
}

json::object configuration_with_values(const json::object& stored, const json::object* schema,
                                       const std::vector<KeyValue>& assignments) {
  json::object configuration = stored;
  for (const auto& [key, text] : assignments) {
    json::object entry;
    if (const auto* current = stored.if_contains(key)) {
      if (current->is_object()) entry = current->as_object();  // a bare value is replaced
    } else if (schema != nullptr && schema->contains(key)) {
      entry = schema->at(key).as_object();
    } else if (schema != nullptr || !stored.empty()) {
      throw InputError("unknown configuration key \"" + key + "\": the connector's keys are " +
                       known_keys(stored, schema));
    }
    std::string type = "str";
    if (const auto* declared = entry.if_contains("type"); declared && declared->is_string()) {
      type = std::string(declared->as_string());
    }
    entry["value"] = typed_config_value(key, type, text);
    configuration[key] = std::move(entry);
  }
  // A first configuration starts from the whole schema, so every declared key is present.
  if (stored.empty() && schema != nullptr) {
    json::object complete = *schema;
    for (auto& [key, entry] : configuration) complete[key] = entry;
    return complete;
  }
  return configuration;
}

std::optional<protocol::ConnectorStatus> status_after_configuration(
    std::optional<protocol::ConnectorStatus> status) {
  using protocol::ConnectorStatus;
  if (!status || *status == ConnectorStatus::created ||
      *status == ConnectorStatus::needs_configuration) {
    return ConnectorStatus::configured;
  }
  return status;
}

json::array filtering_with_draft(const json::array& filtering, const DraftRules& draft,
                                 core::TimePoint now) {
  auto timestamp = core::iso_utc(now);
  json::array result = filtering;
  bool found = false;
  for (auto& element : result) {
    if (!element.is_object()) continue;
    auto& object = element.as_object();
    const auto* domain = object.if_contains("domain");
    if (domain == nullptr || !domain->is_string() ||
        domain->as_string() != protocol::kDefaultDomain) {
      continue;
    }
    json::object previous;
    if (const auto* old = object.if_contains("draft"); old != nullptr && old->is_object()) {
      previous = old->as_object();
    }
    object["draft"] = draft_filter(previous, draft, timestamp);
    if (!object.contains("active") || object.at("active").is_null()) {
      object["active"] = default_filter(timestamp);
    }
    found = true;
  }
  if (!found) {
    result.push_back(json::object{{"active", default_filter(timestamp)},
                                  {"domain", protocol::kDefaultDomain},
                                  {"draft", draft_filter({}, draft, timestamp)}});
  }
  return result;
}

json::object schedule_update(std::optional<std::string_view> interval) {
  json::object scheduling{{"enabled", interval.has_value()}};
  if (interval) scheduling["interval"] = *interval;
  return json::object{{"scheduling", std::move(scheduling)}};
}

json::object sync_now_request_update() {
  return json::object{{"sync_now", true}};
}

json::object job_cancel_before_start_update(core::TimePoint now) {
  auto time = core::iso_utc(now);
  return json::object{{"status", protocol::to_string(protocol::JobStatus::canceled)},
                      {"cancelation_requested_at", time},
                      {"canceled_at", time},
                      {"completed_at", time}};
}

}  // namespace ei::cli
