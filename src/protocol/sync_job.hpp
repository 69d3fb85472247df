#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "protocol/connector.hpp"
#include "protocol/document_version.hpp"
#include "protocol/filter.hpp"
#include "protocol/job_counters.hpp"
#include "protocol/job_status.hpp"
#include "protocol/job_type.hpp"
#include "protocol/pipeline.hpp"
#include "protocol/protocol_error.hpp"
#include "protocol/timestamp.hpp"
#include "protocol/trigger_method.hpp"

namespace ei::protocol {

// The job's snapshot of its connector (spec §8.1): a sync uses these, not the live
// connector's configuration, rules, pipeline and index.
struct JobConnectorSnapshot {
  std::string id;
  boost::json::object configuration;  // verbatim, sensitive values included
  Filter filtering;                   // one filter object (the active DEFAULT filter)
  std::optional<std::string> index_name;
  std::optional<std::string> language;
  Pipeline pipeline;
  std::optional<std::string> service_type;
  boost::json::value sync_cursor;  // 8.9, incremental jobs (spec §24.3)
};

// A document of `.elastic-connectors-sync-jobs` (spec §8.1, §8.2; `job_type` from 8.9).
// Same discipline as Connector: a typed view plus the raw `_source`, a tolerant `read`
// listing malformed fields in `problems`, and a strict `parse`.
struct SyncJob {
  std::string id;
  DocumentVersion version;
  boost::json::object source;  // the raw `_source`

  JobConnectorSnapshot connector;
  std::optional<TriggerMethod> trigger_method;
  // Missing or unknown reads as `error` (a job whose status cannot be read must not run)
  // and is listed in `problems`.
  JobStatus status = JobStatus::error;
  std::optional<std::string> error;
  std::optional<Timestamp> cancelation_requested_at;
  std::optional<Timestamp> canceled_at;
  std::optional<Timestamp> completed_at;
  std::optional<Timestamp> created_at;
  std::optional<Timestamp> last_seen;
  std::optional<Timestamp> started_at;
  JobCounters counters;
  std::optional<std::int64_t> total_document_count;
  boost::json::object metadata;
  std::optional<std::string> worker_hostname;
  std::optional<JobType> job_type;  // absent in 8.8 documents

  FieldProblems problems;

  static SyncJob read(std::string id, boost::json::object source, DocumentVersion version = {});
  // Throws ProtocolError (`job <id>: <path>: <message>; ...`).
  static SyncJob parse(std::string id, boost::json::object source, DocumentVersion version = {});

  bool well_formed() const { return problems.empty(); }
  bool has_problem_at(std::string_view path) const;
  void throw_if_malformed() const;

  // A job without `job_type` is an 8.8 job: a full sync.
  JobType effective_job_type() const { return job_type.value_or(JobType::full); }
  bool terminated() const { return is_terminal(status); }
};

// The document of a new pending job for `connector` (spec §8.1), to be indexed with an
// engine-generated id. `job_type` is written only when given: 8.8 does not write it.
boost::json::object new_sync_job_document(const Connector& connector, TriggerMethod trigger,
                                          core::TimePoint now,
                                          std::optional<JobType> job_type = std::nullopt);

}  // namespace ei::protocol
