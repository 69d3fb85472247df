#include "service/protocol_queries.hpp"

namespace ei::service {

namespace json = boost::json;

namespace {

json::array to_array(const std::vector<std::string>& values) {
  json::array array;
  for (const auto& value : values) array.emplace_back(value);
  return array;
}

json::object terms(std::string_view field, json::array values) {
  return {{"terms", {{field, std::move(values)}}}};
}

json::object term(std::string_view field, json::value value) {
  return {{"term", {{field, std::move(value)}}}};
}

}  // namespace

std::optional<json::object> supported_connectors_query(const ConnectorSelection& selection) {
  std::optional<json::object> native;
  std::optional<json::object> custom;
  if (!selection.native_service_types.empty()) {
    native = json::object{
        {"bool",
         {{"filter",
           json::array{term("is_native", true),
                       terms("service_type", to_array(selection.native_service_types))}}}}};
  }
  if (selection.connector_id) {
    custom = json::object{
        {"bool",
         {{"filter",
           json::array{term("is_native", false),
                       terms("_id", json::array{json::value(*selection.connector_id)})}}}}};
  }
  if (native && custom) return json::object{{"bool", {{"should", json::array{*native, *custom}}}}};
  if (native) return native;
  return custom;
}

json::object pending_jobs_query(const std::vector<std::string>& connector_ids) {
  return {{"bool",
           {{"must", json::array{terms("status", json::array{"pending", "suspended"}),
                                 terms("connector.id", to_array(connector_ids))}}}}};
}

json::object orphaned_jobs_query(const std::vector<std::string>& connector_ids) {
  return {{"bool", {{"must_not", json::array{terms("connector.id", to_array(connector_ids))}}}}};
}

json::object idle_jobs_query(const std::vector<std::string>& connector_ids,
                             std::chrono::seconds idle_after) {
  json::object range{
      {"range", {{"last_seen", {{"lte", "now-" + std::to_string(idle_after.count()) + "s"}}}}}};
  return {{"bool",
           {{"filter", json::array{terms("connector.id", to_array(connector_ids)),
                                   terms("status", json::array{"in_progress", "canceling"}),
                                   std::move(range)}}}}};
}

json::object running_jobs_of_connector_query(const std::string& connector_id) {
  return {{"bool",
           {{"filter", json::array{term("connector.id", json::value(connector_id)),
                                   terms("status", json::array{"in_progress", "canceling"})}}}}};
}

}  // namespace ei::service
