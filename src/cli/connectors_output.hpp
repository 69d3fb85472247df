#pragma once

// How the `connectors` CLI shows connectors and jobs: aligned tables and `key: value`
// details for people, JSON for scripts (`--json`: an object `{"id": ..., <stored fields>}`
// per document, an array of them for lists).

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/connector.hpp"
#include "protocol/sync_job.hpp"

namespace ei::cli {

using TableRow = std::vector<std::string>;

// Columns padded to their widest cell, two spaces apart, header first; no trailing spaces.
std::string render_table(const TableRow& header, const std::vector<TableRow>& rows);

// `{"id": id}` followed by the stored fields.
boost::json::object document_with_id(std::string_view id, const boost::json::object& source);

std::string connectors_table(const std::vector<protocol::Connector>& connectors);
std::string jobs_table(const std::vector<protocol::SyncJob>& jobs);

// Every field a person needs to act on, one per line; sensitive configuration values are
// masked, as Kibana masks them.
std::string connector_details(const protocol::Connector& connector);
std::string job_details(const protocol::SyncJob& job);

// A JSON value indented by two spaces, for people reading rules and snippets.
std::string pretty_json(const boost::json::value& value, int indent = 0);

}  // namespace ei::cli
