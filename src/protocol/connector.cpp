#include "protocol/connector.hpp"

#include "protocol/field_reader.hpp"

namespace ei::protocol {

namespace {

Schedule read_schedule(const json::object& source, FieldReader& reader) {
  Schedule schedule;
  const json::object* scheduling = reader.object(source, "scheduling", "");
  if (scheduling == nullptr) return schedule;
  schedule.enabled = reader.boolean(*scheduling, "enabled", "scheduling").value_or(false);
  schedule.interval = reader.string(*scheduling, "interval", "scheduling");
  return schedule;
}

void read_configuration(Connector& connector, FieldReader& reader) {
  const json::object* configuration = reader.object(connector.source, "configuration", "");
  if (configuration == nullptr) return;
  connector.configuration = *configuration;
  for (const auto& [key, entry] : *configuration) {
    connector.configuration_entries.emplace_back(
        std::string(key),
        ConfigurationEntry::from_json(entry, FieldReader::path_of("configuration", key),
                                      connector.problems));
  }
}

}  // namespace

Connector Connector::read(std::string id, json::object source, DocumentVersion version) {
  Connector connector;
  connector.id = std::move(id);
  connector.version = version;
  connector.source = std::move(source);
  const json::object& doc = connector.source;
  FieldReader reader(connector.problems);

  connector.api_key_id = reader.string(doc, "api_key_id", "");
  read_configuration(connector, reader);
  if (const json::object* custom = reader.object(doc, "custom_scheduling", "")) {
    connector.custom_scheduling = *custom;
  }
  connector.description = reader.string(doc, "description", "");
  connector.error = reader.string(doc, "error", "");
  if (const json::value* features = FieldReader::find(doc, "features")) {
    connector.features = Features::from_json(*features);
  }
  if (const json::value* filtering = FieldReader::find(doc, "filtering")) {
    Filtering::check(*filtering, "filtering", connector.problems);
    connector.filtering = Filtering::from_json(*filtering);
  }
  connector.index_name = reader.string(doc, "index_name", "");
  connector.is_native = reader.boolean(doc, "is_native", "").value_or(false);
  connector.language = reader.string(doc, "language", "");
  connector.last_deleted_document_count = reader.integer(doc, "last_deleted_document_count", "");
  connector.last_indexed_document_count = reader.integer(doc, "last_indexed_document_count", "");
  connector.last_seen = reader.timestamp(doc, "last_seen", "");
  connector.last_sync_error = reader.string(doc, "last_sync_error", "");
  connector.last_sync_scheduled_at = reader.timestamp(doc, "last_sync_scheduled_at", "");
  connector.last_sync_status = reader.enumeration(doc, "last_sync_status", "", kJobStatusNames);
  connector.last_synced = reader.timestamp(doc, "last_synced", "");
  connector.name = reader.string(doc, "name", "");
  connector.pipeline =
      Pipeline::effective(FieldReader::find(doc, "pipeline"), "pipeline", connector.problems);
  connector.scheduling = read_schedule(doc, reader);
  connector.service_type = reader.string(doc, "service_type", "");
  if (std::optional<std::string> status = reader.string(doc, "status", "")) {
    connector.status = try_parse_connector_status(*status);
    if (!connector.status) {
      reader.add("status", unknown_enum_message(kConnectorStatusNames, *status));
      connector.status = ConnectorStatus::configured;
    }
  }
  connector.sync_now = reader.boolean(doc, "sync_now", "").value_or(false);
  connector.last_access_control_sync_status =
      reader.enumeration(doc, "last_access_control_sync_status", "", kJobStatusNames);
  connector.last_access_control_sync_error =
      reader.string(doc, "last_access_control_sync_error", "");
  if (const json::value* cursor = doc.if_contains("sync_cursor")) connector.sync_cursor = *cursor;
  return connector;
}

Connector Connector::parse(std::string id, json::object source, DocumentVersion version) {
  Connector connector = read(std::move(id), std::move(source), version);
  connector.throw_if_malformed();
  return connector;
}

bool Connector::has_problem_at(std::string_view path) const {
  return protocol::has_problem_at(problems, path);
}

void Connector::throw_if_malformed() const {
  if (!problems.empty()) throw ProtocolError("connector", id, problems);
}

const ConfigurationEntry* Connector::configuration_entry(std::string_view key) const {
  for (const auto& [entry_key, entry] : configuration_entries) {
    if (entry_key == key) return &entry;
  }
  return nullptr;
}

}  // namespace ei::protocol
