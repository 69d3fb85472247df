#include "sources/rest/rest_fields.hpp"

#include <algorithm>

namespace ei::sources::rest {

namespace json = boost::json;

source::ConfigField credential_field(std::string key, std::string label, std::int64_t order,
                                     std::string value, std::string data_source_value,
                                     bool sensitive) {
  return source::ConfigField{
      .key = std::move(key),
      .label = std::move(label),
      .order = order,
      .value = json::value(std::move(value)),
      .sensitive = sensitive,
      .depends_on = {source::FieldDependency{"data_source", json::value(data_source_value)}}};
}

source::ConfigField advanced_int(std::string key, std::string label, std::int64_t order,
                                 std::int64_t value,
                                 std::vector<source::FieldValidation> validations) {
  return source::ConfigField{.key = std::move(key),
                             .label = std::move(label),
                             .order = order,
                             .type = source::FieldType::kInt,
                             .value = value,
                             .display = "numeric",
                             .required = false,
                             .validations = std::move(validations),
                             .default_value = value,
                             .ui_restrictions = {"advanced"}};
}

std::vector<source::ConfigField> ssl_fields(std::int64_t order) {
  return {source::ConfigField{.key = "ssl_enabled",
                              .label = "Enable SSL",
                              .order = order,
                              .type = source::FieldType::kBool,
                              .value = false,
                              .display = "toggle"},
          source::ConfigField{.key = "ssl_ca",
                              .label = "SSL certificate",
                              .order = order + 1,
                              .value = "",
                              .depends_on = {source::FieldDependency{"ssl_enabled", true}}}};
}

RestClientSettings client_settings(std::string service, std::string base_url,
                                   const source::DataSourceConfiguration& configuration,
                                   std::int64_t max_downloads) {
  RestClientSettings settings;
  settings.service = std::move(service);
  settings.base_url = std::move(base_url);
  settings.retries =
      static_cast<int>(std::max<std::int64_t>(0, configuration.get_int("retry_count")));
  // Without a `concurrent_downloads` field (SharePoint), `max_downloads` connections.
  const std::int64_t downloads = configuration.find("concurrent_downloads") != nullptr
                                     ? configuration.get_int("concurrent_downloads")
                                     : max_downloads;
  settings.max_connections =
      static_cast<int>(std::clamp<std::int64_t>(downloads, 1, max_downloads));
  if (configuration.get_bool("ssl_enabled") && !configuration.get_string("ssl_ca").empty()) {
    settings.ca_pem = configuration.get_string("ssl_ca");
  }
  return settings;
}

std::vector<std::string> configured_keys(const source::DataSourceConfiguration& configuration,
                                         std::string_view field) {
  std::vector<std::string> keys;
  for (std::string& key : configuration.get_list(field)) {
    if (!key.empty()) keys.push_back(std::move(key));
  }
  if (std::find(keys.begin(), keys.end(), "*") != keys.end()) keys.clear();
  return keys;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace ei::sources::rest
