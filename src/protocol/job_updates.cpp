#include "protocol/job_updates.hpp"

#include "protocol/protocol_error.hpp"

namespace ei::protocol {

namespace json = boost::json;

json::object job_claim_update(core::TimePoint now, std::string_view worker_hostname,
                              const json::value* sync_cursor) {
  const std::string time = core::iso_utc(now);
  json::object update{{"status", to_string(JobStatus::in_progress)},
                      {"started_at", time},
                      {"last_seen", time},
                      {"worker_hostname", worker_hostname}};
  if (sync_cursor != nullptr) update["connector"] = json::object{{"sync_cursor", *sync_cursor}};
  return update;
}

json::object job_progress_update(core::TimePoint now, const JobCounters& counters) {
  return json::object{{"last_seen", core::iso_utc(now)},
                      {"indexed_document_count", counters.indexed_document_count},
                      {"indexed_document_volume", counters.indexed_document_volume},
                      {"deleted_document_count", counters.deleted_document_count}};
}

json::object job_termination_update(const JobTermination& termination, core::TimePoint now) {
  const JobStatus status = termination.status;
  if (!is_terminal(status) && status != JobStatus::suspended) {
    throw ProtocolError("a job cannot end in status \"" + std::string(to_string(status)) + "\"");
  }
  const std::string time = core::iso_utc(now);
  json::object update;
  update["last_seen"] = time;
  update["status"] = to_string(status);
  update["error"] = status == JobStatus::error && termination.error
                        ? json::value(*termination.error)
                        : json::value(nullptr);
  if (is_terminal(status)) update["completed_at"] = time;
  if (status == JobStatus::canceled) update["canceled_at"] = time;
  if (termination.counters) {
    update["indexed_document_count"] = termination.counters->indexed_document_count;
    update["indexed_document_volume"] = termination.counters->indexed_document_volume;
    update["deleted_document_count"] = termination.counters->deleted_document_count;
  }
  if (termination.total_document_count) {
    update["total_document_count"] = *termination.total_document_count;
  }
  if (!termination.metadata.empty()) update["metadata"] = termination.metadata;
  return update;
}

json::object idle_job_failure_update(core::TimePoint now) {
  return job_termination_update({JobStatus::error, std::string(kIdleJobError), {}, {}, {}}, now);
}

json::object job_cancel_request_update(core::TimePoint now) {
  return json::object{{"status", to_string(JobStatus::canceling)},
                      {"cancelation_requested_at", core::iso_utc(now)}};
}

}  // namespace ei::protocol
