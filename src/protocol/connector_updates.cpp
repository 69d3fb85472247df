#include "protocol/connector_updates.hpp"

namespace ei::protocol {

namespace {

namespace json = boost::json;

struct LockFields {
  std::string_view status;
  std::string_view error;
};

LockFields lock_fields(JobType type) {
  if (is_content_sync(type)) return {"last_sync_status", "last_sync_error"};
  return {"last_access_control_sync_status", "last_access_control_sync_error"};
}

json::value stored_or_null(const json::object& source, std::string_view key) {
  const json::value* value = source.if_contains(key);
  return value != nullptr ? *value : json::value(nullptr);
}

}  // namespace

json::object heartbeat_update(core::TimePoint now) {
  return json::object{{"last_seen", core::iso_utc(now)}};
}

json::object custom_connector_setup_update(std::optional<std::string_view> service_type,
                                           const json::object* schema) {
  json::object update;
  if (service_type) update["service_type"] = *service_type;
  if (schema != nullptr) {
    update["configuration"] = *schema;
    update["status"] = to_string(ConnectorStatus::needs_configuration);
  }
  return update;
}

json::object configuration_completion_update(json::object entries) {
  return json::object{{"configuration", std::move(entries)}};
}

json::object filtering_update(json::array filtering) {
  return json::object{{"filtering", std::move(filtering)}};
}

json::object sync_now_reset_update() {
  return json::object{{"sync_now", false}};
}

json::object scheduled_sync_update(core::TimePoint next_fire) {
  return json::object{{"last_sync_scheduled_at", core::iso_naive_utc(next_fire)}};
}

json::object sync_start_update(JobType type) {
  const LockFields fields = lock_fields(type);
  json::object update;
  update[fields.status] = to_string(JobStatus::in_progress);
  update[fields.error] = nullptr;
  update["status"] = to_string(ConnectorStatus::connected);
  update["error"] = nullptr;
  return update;
}

json::object sync_lock_release_update(const Connector& before, JobType type) {
  const LockFields fields = lock_fields(type);
  json::object update;
  update[fields.status] = stored_or_null(before.source, fields.status);
  update[fields.error] = stored_or_null(before.source, fields.error);
  update["status"] = stored_or_null(before.source, "status");
  update["error"] = stored_or_null(before.source, "error");
  return update;
}

json::object sync_done_update(const SyncJob* job, core::TimePoint now) {
  const JobStatus status = job != nullptr ? job->status : JobStatus::error;
  json::value error = nullptr;
  if (job == nullptr) {
    error = kJobNotFoundError;
  } else if (job->error && !job->error->empty()) {
    error = *job->error;
  } else if (status == JobStatus::error) {
    error = kUnknownError;
  }
  const LockFields fields = lock_fields(job != nullptr ? job->effective_job_type() : JobType::full);

  json::object update;
  update[fields.status] = to_string(status);
  update["last_synced"] = core::iso_utc(now);
  update[fields.error] = error;
  update["status"] =
      to_string(status == JobStatus::error ? ConnectorStatus::error : ConnectorStatus::connected);
  update["error"] = error;
  if (job != nullptr && job->terminated()) {
    update["last_indexed_document_count"] = job->counters.indexed_document_count;
    update["last_deleted_document_count"] = job->counters.deleted_document_count;
  }
  return update;
}

json::object connector_error_update(std::string_view message) {
  return json::object{{"status", to_string(ConnectorStatus::error)}, {"error", message}};
}

}  // namespace ei::protocol
