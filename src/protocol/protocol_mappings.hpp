#pragma once

// Mappings and settings of the two protocol indices. The spec does not reproduce them
// (fake-kibana creates the indices without mappings, spec §21.2; "the protocol document
// defines the full schema", spec §7): these follow the connector protocol document of 8.8
// (`_meta.version` "1" and 1, `dynamic: false`, spec §7 and §8 intros), with the 8.9 fields
// the service may query or write added. `dynamic: false` keeps every field in `_source`
// while indexing only the mapped ones, so free-form parts (configuration values, advanced
// snippets, metadata) can never cause a mapping conflict.

#include <boost/json.hpp>

namespace ei::protocol {

boost::json::object connectors_index_mappings();
boost::json::object jobs_index_mappings();

// Hidden, one shard, replicas 0-1 (green on a one-node cluster).
boost::json::object protocol_index_settings();

// Body of `PUT /<concrete index>`: settings, mappings, and the hidden alias.
boost::json::object connectors_index_creation_body();
boost::json::object jobs_index_creation_body();

}  // namespace ei::protocol
