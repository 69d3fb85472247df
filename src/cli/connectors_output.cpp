#include "cli/connectors_output.hpp"

#include <algorithm>
#include <sstream>

#include "protocol/connector_status.hpp"
#include "protocol/job_status.hpp"
#include "protocol/job_type.hpp"
#include "protocol/trigger_method.hpp"
#include "protocol/validation_state.hpp"

namespace ei::cli {

namespace json = boost::json;

namespace {

constexpr std::string_view kNone = "-";
constexpr std::string_view kMasked = "********";

std::string text_or_none(const std::optional<std::string>& text) {
  return text && !text->empty() ? *text : std::string(kNone);
}

std::string time_or_none(const std::optional<protocol::Timestamp>& time) {
  return time ? time->text : std::string(kNone);
}

std::string status_text(const std::optional<protocol::ConnectorStatus>& status) {
  return status ? std::string(protocol::to_string(*status)) : std::string(kNone);
}

std::string job_status_text(const std::optional<protocol::JobStatus>& status) {
  return status ? std::string(protocol::to_string(*status)) : std::string(kNone);
}

std::string schedule_text(const protocol::Schedule& schedule) {
  if (!schedule.enabled) return "disabled";
  return schedule.interval.value_or("?");
}

std::string scalar_text(const json::value& value) {
  if (value.is_string()) return std::string(value.as_string());
  return json::serialize(value);
}

void line(std::ostringstream& out, std::string_view key, std::string_view value) {
  out << key << ": " << value << "\n";
}

}  // namespace

std::string render_table(const TableRow& header, const std::vector<TableRow>& rows) {
  std::vector<std::size_t> widths(header.size(), 0);
  auto measure = [&](const TableRow& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  std::ostringstream out;
  auto print = [&](const TableRow& row) {
    std::string text;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i < row.size() ? row[i] : std::string();
      text += cell;
      if (i + 1 < widths.size()) text += std::string(widths[i] - cell.size() + 2, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << "\n";
  };
  print(header);
  for (const auto& row : rows) print(row);
  return out.str();
}

json::object document_with_id(std::string_view id, const json::object& source) {
  json::object document{{"id", id}};
  for (const auto& [key, value] : source) {
    if (key != "id") document[key] = value;
  }
  return document;
}

std::string connectors_table(const std::vector<protocol::Connector>& connectors) {
  std::vector<TableRow> rows;
  for (const auto& connector : connectors) {
    rows.push_back({connector.id, text_or_none(connector.name),
                    text_or_none(connector.service_type), text_or_none(connector.index_name),
                    status_text(connector.status), connector.is_native ? "native" : "client",
                    job_status_text(connector.last_sync_status),
                    schedule_text(connector.scheduling)});
  }
  return render_table(
      {"ID", "NAME", "SERVICE TYPE", "INDEX", "STATUS", "MODE", "LAST SYNC", "SCHEDULE"}, rows);
}

std::string jobs_table(const std::vector<protocol::SyncJob>& jobs) {
  std::vector<TableRow> rows;
  for (const auto& job : jobs) {
    rows.push_back({job.id, job.connector.id, std::string(protocol::to_string(job.status)),
                    job.trigger_method ? std::string(protocol::to_string(*job.trigger_method))
                                       : std::string(kNone),
                    std::to_string(job.counters.indexed_document_count),
                    std::to_string(job.counters.deleted_document_count),
                    time_or_none(job.created_at), time_or_none(job.completed_at)});
  }
  return render_table(
      {"ID", "CONNECTOR", "STATUS", "TRIGGER", "INDEXED", "DELETED", "CREATED", "COMPLETED"}, rows);
}

std::string connector_details(const protocol::Connector& connector) {
  std::ostringstream out;
  line(out, "id", connector.id);
  line(out, "name", text_or_none(connector.name));
  line(out, "service type", text_or_none(connector.service_type));
  line(out, "index", text_or_none(connector.index_name));
  line(out, "mode", connector.is_native ? "native" : "connector client");
  line(out, "status", status_text(connector.status));
  if (connector.error) line(out, "error", *connector.error);
  line(out, "language", text_or_none(connector.language));
  line(out, "schedule", schedule_text(connector.scheduling));
  line(out, "sync now requested", connector.sync_now ? "yes" : "no");
  line(out, "last seen", time_or_none(connector.last_seen));
  line(out, "last sync", job_status_text(connector.last_sync_status));
  if (connector.last_sync_error) line(out, "last sync error", *connector.last_sync_error);
  line(out, "last synced", time_or_none(connector.last_synced));
  if (connector.last_indexed_document_count) {
    line(out, "last indexed documents", std::to_string(*connector.last_indexed_document_count));
  }
  line(out, "pipeline", text_or_none(connector.pipeline.name));
  line(out, "sync rules", connector.features.sync_rules_enabled() ? "enabled" : "disabled");
  auto active = connector.filtering.active_filter();
  auto draft = connector.filtering.draft_filter();
  line(out, "active rules",
       std::to_string(active.basic_rules().size()) + " (" +
           std::string(protocol::to_string(active.validation().state)) + ")");
  line(out, "draft rules",
       std::to_string(draft.basic_rules().size()) + " (" +
           std::string(protocol::to_string(draft.validation().state)) + ")");
  for (const auto& error : draft.validation().errors) {
    std::string ids;
    for (const auto& id : error.ids) ids += (ids.empty() ? "" : ", ") + scalar_text(id);
    std::string messages;
    for (const auto& message : error.messages) messages += (messages.empty() ? "" : "; ") + message;
    line(out, "  draft error", "[" + ids + "] " + messages);
  }
  if (connector.configuration.empty()) {
    line(out, "configuration", "(empty)");
  } else {
    out << "configuration:\n";
    for (const auto& [key, entry] : connector.configuration) {
      std::string value;
      bool sensitive = false;
      if (entry.is_object()) {
        const auto& object = entry.as_object();
        const auto* flag = object.if_contains("sensitive");
        sensitive = flag != nullptr && flag->is_bool() && flag->as_bool();
        const auto* stored = object.if_contains("value");
        value = stored != nullptr ? scalar_text(*stored) : std::string(kNone);
      } else {
        value = scalar_text(entry);
      }
      out << "  " << std::string_view(key) << " = "
          << (sensitive && !value.empty() ? std::string(kMasked) : value) << "\n";
    }
  }
  if (!connector.problems.empty()) {
    out << "malformed fields:\n";
    for (const auto& problem : connector.problems) out << "  " << problem.describe() << "\n";
  }
  return out.str();
}

std::string job_details(const protocol::SyncJob& job) {
  std::ostringstream out;
  line(out, "id", job.id);
  line(out, "connector", job.connector.id);
  line(out, "service type", text_or_none(job.connector.service_type));
  line(out, "index", text_or_none(job.connector.index_name));
  line(out, "status", protocol::to_string(job.status));
  if (job.error) line(out, "error", *job.error);
  line(out, "job type", protocol::to_string(job.effective_job_type()));
  line(out, "trigger",
       job.trigger_method ? std::string(protocol::to_string(*job.trigger_method))
                          : std::string(kNone));
  line(out, "worker", text_or_none(job.worker_hostname));
  line(out, "created at", time_or_none(job.created_at));
  line(out, "started at", time_or_none(job.started_at));
  line(out, "last seen", time_or_none(job.last_seen));
  if (job.cancelation_requested_at) {
    line(out, "cancelation requested at", job.cancelation_requested_at->text);
  }
  if (job.canceled_at) line(out, "canceled at", job.canceled_at->text);
  line(out, "completed at", time_or_none(job.completed_at));
  line(out, "indexed documents", std::to_string(job.counters.indexed_document_count));
  line(out, "indexed volume (MiB)", std::to_string(job.counters.indexed_document_volume));
  line(out, "deleted documents", std::to_string(job.counters.deleted_document_count));
  if (job.total_document_count) {
    line(out, "total documents", std::to_string(*job.total_document_count));
  }
  if (!job.problems.empty()) {
    out << "malformed fields:\n";
    for (const auto& problem : job.problems) out << "  " << problem.describe() << "\n";
  }
  return out.str();
}

std::string pretty_json(const json::value& value, int indent) {
  std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  std::string inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
  if (value.is_object() && !value.as_object().empty()) {
    std::string text = "{\n";
    bool first = true;
    for (const auto& [key, item] : value.as_object()) {
      if (!first) text += ",\n";
      first = false;
      text += inner + json::serialize(json::string(key)) + ": " + pretty_json(item, indent + 1);
    }
    return text + "\n" + pad + "}";
  }
  if (value.is_array() && !value.as_array().empty()) {
    std::string text = "[\n";
    bool first = true;
    for (const auto& item : value.as_array()) {
      if (!first) text += ",\n";
      first = false;
      text += inner + pretty_json(item, indent + 1);
    }
    return text + "\n" + pad + "]";
  }
  return json::serialize(value);
}

}  // namespace ei::cli
