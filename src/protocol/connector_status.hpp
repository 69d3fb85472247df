#pragma once

#include <optional>
#include <string_view>

#include "protocol/enum_names.hpp"

namespace ei::protocol {

// `status` of a connector document (spec §7.1, §7.4).
enum class ConnectorStatus { created, needs_configuration, configured, connected, error };

inline constexpr EnumNames<ConnectorStatus, 5> kConnectorStatusNames{{
    {ConnectorStatus::created, "created"},
    {ConnectorStatus::needs_configuration, "needs_configuration"},
    {ConnectorStatus::configured, "configured"},
    {ConnectorStatus::connected, "connected"},
    {ConnectorStatus::error, "error"},
}};

std::string_view to_string(ConnectorStatus status);
std::optional<ConnectorStatus> try_parse_connector_status(std::string_view text);
// Throws ProtocolError for anything but the five names.
ConnectorStatus parse_connector_status(std::string_view text);

// The scheduler only prepares and heartbeats `created` and `needs_configuration`
// connectors; every other status, `error` included, may sync (spec §7.4 "Gating").
bool status_allows_sync(ConnectorStatus status);

}  // namespace ei::protocol
