#include "protocol/connector_status.hpp"

namespace ei::protocol {

std::string_view to_string(ConnectorStatus status) {
  return enum_to_string(kConnectorStatusNames, status);
}

std::optional<ConnectorStatus> try_parse_connector_status(std::string_view text) {
  return enum_from_string(kConnectorStatusNames, text);
}

ConnectorStatus parse_connector_status(std::string_view text) {
  return parse_enum(kConnectorStatusNames, "connector status", text);
}

bool status_allows_sync(ConnectorStatus status) {
  return status != ConnectorStatus::created && status != ConnectorStatus::needs_configuration;
}

}  // namespace ei::protocol
