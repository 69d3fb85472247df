#pragma once

// The configuration fields the REST sources declare alike (sources spec §12.1, §13.1, §14.1).

#include <cstdint>
#include <string>
#include <vector>

#include "source/config_field.hpp"
#include "source/data_source_configuration.hpp"
#include "sources/rest/rest_client.hpp"

namespace ei::sources::rest {

// A text field shown when `data_source` is `data_source_value` (Cloud or Server credentials).
source::ConfigField credential_field(std::string key, std::string label, std::int64_t order,
                                     std::string value, std::string data_source_value,
                                     bool sensitive = false);

// An optional integer under "advanced", with its default value.
source::ConfigField advanced_int(std::string key, std::string label, std::int64_t order,
                                 std::int64_t value,
                                 std::vector<source::FieldValidation> validations = {});

// `ssl_enabled` (a toggle) at `order` and `ssl_ca` (shown when it is on) at `order + 1`.
std::vector<source::ConfigField> ssl_fields(std::int64_t order);

// The client settings a source's configuration gives: `retry_count` retries, as many
// connections as `concurrent_downloads` (1 to `max_downloads`; `max_downloads` without that
// field), and the `ssl_ca` to trust
// when `ssl_enabled` is on and it is not empty.
RestClientSettings client_settings(std::string service, std::string base_url,
                                   const source::DataSourceConfiguration& configuration,
                                   std::int64_t max_downloads);

// The keys of a list field (`projects`, `spaces`): empty for `*` (everything).
std::vector<std::string> configured_keys(const source::DataSourceConfiguration& configuration,
                                         std::string_view field);

// Items joined with ", " (the messages that name keys).
std::string joined(const std::vector<std::string>& items);

}  // namespace ei::sources::rest
