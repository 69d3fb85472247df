#include "protocol/sync_job.hpp"

#include "protocol/field_reader.hpp"

namespace ei::protocol {

namespace {

constexpr std::string_view kSnapshot = "connector";

json::value optional_text(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

// 8.8 stores one filter object; the protocol text shows an array of per-domain filters,
// so an array is accepted too: its DEFAULT element (or its first), without a problem.
Filter read_snapshot_filter(const json::value& stored, FieldProblems& problems) {
  const std::string path = FieldReader::path_of(kSnapshot, "filtering");
  if (const json::array* elements = stored.if_array()) {
    const json::value* chosen = elements->empty() ? nullptr : &elements->front();
    for (const json::value& element : *elements) {
      const json::object* object = element.if_object();
      const json::value* domain = object ? object->if_contains("domain") : nullptr;
      if (domain != nullptr && domain->is_string() && domain->get_string() == kDefaultDomain) {
        chosen = &element;
        break;
      }
    }
    if (chosen == nullptr) return Filter();
    Filter::check(*chosen, FieldReader::path_of(path, 0), problems);
    return Filter::from_json(*chosen);
  }
  Filter::check(stored, path, problems);
  return Filter::from_json(stored);
}

JobConnectorSnapshot read_snapshot(const json::object& doc, FieldReader& reader,
                                   FieldProblems& problems) {
  JobConnectorSnapshot snapshot;
  const json::object* connector = reader.object(doc, kSnapshot, "");
  if (connector == nullptr) {
    if (FieldReader::find(doc, kSnapshot) == nullptr) reader.add(std::string(kSnapshot), "missing");
    return snapshot;
  }
  if (std::optional<std::string> id = reader.string(*connector, "id", kSnapshot)) {
    snapshot.id = *id;
  } else if (FieldReader::find(*connector, "id") == nullptr) {
    reader.add(FieldReader::path_of(kSnapshot, "id"), "missing");
  }
  if (const json::object* configuration = reader.object(*connector, "configuration", kSnapshot)) {
    snapshot.configuration = *configuration;
  }
  if (const json::value* filtering = FieldReader::find(*connector, "filtering")) {
    snapshot.filtering = read_snapshot_filter(*filtering, problems);
  }
  snapshot.index_name = reader.string(*connector, "index_name", kSnapshot);
  snapshot.language = reader.string(*connector, "language", kSnapshot);
  snapshot.pipeline = Pipeline::effective(FieldReader::find(*connector, "pipeline"),
                                          FieldReader::path_of(kSnapshot, "pipeline"), problems);
  snapshot.service_type = reader.string(*connector, "service_type", kSnapshot);
  if (const json::value* cursor = connector->if_contains("sync_cursor")) {
    snapshot.sync_cursor = *cursor;
  }
  return snapshot;
}

}  // namespace

SyncJob SyncJob::read(std::string id, json::object source, DocumentVersion version) {
  SyncJob job;
  job.id = std::move(id);
  job.version = version;
  job.source = std::move(source);
  const json::object& doc = job.source;
  FieldReader reader(job.problems);

  job.connector = read_snapshot(doc, reader, job.problems);
  job.trigger_method = reader.enumeration(doc, "trigger_method", "", kTriggerMethodNames);
  if (std::optional<JobStatus> status = reader.enumeration(doc, "status", "", kJobStatusNames)) {
    job.status = *status;
  } else if (FieldReader::find(doc, "status") == nullptr) {
    reader.add("status", "missing");
  }
  job.error = reader.string(doc, "error", "");
  job.cancelation_requested_at = reader.timestamp(doc, "cancelation_requested_at", "");
  job.canceled_at = reader.timestamp(doc, "canceled_at", "");
  job.completed_at = reader.timestamp(doc, "completed_at", "");
  job.created_at = reader.timestamp(doc, "created_at", "");
  job.last_seen = reader.timestamp(doc, "last_seen", "");
  job.started_at = reader.timestamp(doc, "started_at", "");
  job.counters.indexed_document_count =
      reader.integer(doc, "indexed_document_count", "").value_or(0);
  job.counters.indexed_document_volume =
      reader.integer(doc, "indexed_document_volume", "").value_or(0);
  job.counters.deleted_document_count =
      reader.integer(doc, "deleted_document_count", "").value_or(0);
  job.total_document_count = reader.integer(doc, "total_document_count", "");
  if (const json::object* metadata = reader.object(doc, "metadata", "")) job.metadata = *metadata;
  job.worker_hostname = reader.string(doc, "worker_hostname", "");
  job.job_type = reader.enumeration(doc, "job_type", "", kJobTypeNames);
  return job;
}

SyncJob SyncJob::parse(std::string id, json::object source, DocumentVersion version) {
  SyncJob job = read(std::move(id), std::move(source), version);
  job.throw_if_malformed();
  return job;
}

bool SyncJob::has_problem_at(std::string_view path) const {
  return protocol::has_problem_at(problems, path);
}

void SyncJob::throw_if_malformed() const {
  if (!problems.empty()) throw ProtocolError("job", id, problems);
}

json::object new_sync_job_document(const Connector& connector, TriggerMethod trigger,
                                   core::TimePoint now, std::optional<JobType> job_type) {
  const std::string created = core::iso_utc(now);
  json::object snapshot;
  snapshot["id"] = connector.id;
  snapshot["filtering"] = connector.filtering.active_filter().transform_for_job();
  snapshot["index_name"] = optional_text(connector.index_name);
  snapshot["language"] = optional_text(connector.language);
  snapshot["pipeline"] = connector.pipeline.to_json();
  snapshot["service_type"] = optional_text(connector.service_type);
  snapshot["configuration"] = connector.configuration;

  json::object job;
  job["connector"] = std::move(snapshot);
  job["trigger_method"] = to_string(trigger);
  job["status"] = to_string(JobStatus::pending);
  job["indexed_document_count"] = 0;
  job["indexed_document_volume"] = 0;
  job["deleted_document_count"] = 0;
  job["created_at"] = created;
  job["last_seen"] = created;
  if (job_type) job["job_type"] = to_string(*job_type);
  return job;
}

}  // namespace ei::protocol
