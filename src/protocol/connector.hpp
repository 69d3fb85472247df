#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/configuration_entry.hpp"
#include "protocol/connector_status.hpp"
#include "protocol/document_version.hpp"
#include "protocol/features.hpp"
#include "protocol/filtering.hpp"
#include "protocol/job_status.hpp"
#include "protocol/pipeline.hpp"
#include "protocol/protocol_error.hpp"
#include "protocol/timestamp.hpp"

namespace ei::protocol {

// `scheduling` of an 8.8 connector: `{enabled, interval}` (spec §7.1, §9.6).
struct Schedule {
  bool enabled = false;
  std::optional<std::string> interval;  // Quartz cron expression

  friend bool operator==(const Schedule&, const Schedule&) = default;
};

// A document of `.elastic-connectors` as the service reads it (spec §7.1; the fields Kibana
// writes and the 8.9 additions are read too). Absent or null fields take the protocol
// defaults. The service writes connectors only through partial updates (spec §7.2,
// connector_updates.hpp), so this is a typed view plus the raw `_source`, which keeps every
// field (known or not) exactly as stored.
//
// Reading never throws on the document's content: a field of the wrong type (as a buggy
// client might write) reads as its default and is listed in `problems` by path. `parse`
// is the strict variant that throws ProtocolError naming the connector and every bad field.
struct Connector {
  std::string id;
  DocumentVersion version;
  boost::json::object source;  // the raw `_source`

  std::optional<std::string> api_key_id;
  // The stored `configuration` object verbatim (null/absent/not an object → empty): jobs
  // copy it as is (spec §8.1). Typed entries in `configuration_entries`.
  boost::json::object configuration;
  std::vector<std::pair<std::string, ConfigurationEntry>> configuration_entries;
  boost::json::object custom_scheduling;  // documented, ignored by 8.8 (spec §7.1)
  std::optional<std::string> description;
  std::optional<std::string> error;
  Features features;
  Filtering filtering;
  std::optional<std::string> index_name;
  bool is_native = false;
  std::optional<std::string> language;
  std::optional<std::int64_t> last_deleted_document_count;
  std::optional<std::int64_t> last_indexed_document_count;
  std::optional<Timestamp> last_seen;
  std::optional<std::string> last_sync_error;
  std::optional<Timestamp> last_sync_scheduled_at;  // written naive by the scheduler (§9.6)
  std::optional<JobStatus> last_sync_status;        // the content-sync lock (spec §7.5)
  std::optional<Timestamp> last_synced;
  std::optional<std::string> name;
  Pipeline pipeline;  // effective: defaults overlaid by the stored object (spec §7.7)
  Schedule scheduling;
  std::optional<std::string> service_type;
  // null → nothing. An unknown string reads as `configured` (spec §7.1 advice) and is
  // listed in `problems`.
  std::optional<ConnectorStatus> status;
  bool sync_now = false;
  // 8.9 additions (spec §24.3): the access-control lock and the incremental cursor.
  std::optional<JobStatus> last_access_control_sync_status;
  std::optional<std::string> last_access_control_sync_error;
  boost::json::value sync_cursor;

  // Fields that could not be read as the protocol says, by path.
  FieldProblems problems;

  // Tolerant read of a stored document.
  static Connector read(std::string id, boost::json::object source, DocumentVersion version = {});
  // Strict read: throws ProtocolError (`connector <id>: <path>: <message>; ...`) when any
  // field is malformed.
  static Connector parse(std::string id, boost::json::object source, DocumentVersion version = {});

  bool well_formed() const { return problems.empty(); }
  // Whether a field at `path` or below it was malformed, e.g. "configuration": the service
  // must not treat a malformed configuration as empty and overwrite it (spec §9.3).
  bool has_problem_at(std::string_view path) const;
  // Throws the ProtocolError describing `problems`, if any.
  void throw_if_malformed() const;

  // Status for gating (spec §7.4): nothing stored reads as allowing syncs, like any status
  // past `needs_configuration`.
  bool allows_sync() const { return !status || status_allows_sync(*status); }
  // The content-sync lock is held (spec §7.5, §10.2).
  bool is_syncing() const { return last_sync_status == JobStatus::in_progress; }
  // The stored configuration is empty (spec §9.3: the service then writes the schema).
  bool has_empty_configuration() const { return configuration.empty(); }
  const ConfigurationEntry* configuration_entry(std::string_view key) const;
};

}  // namespace ei::protocol
