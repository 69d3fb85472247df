#include "source/sync_filter.hpp"

namespace ei::source {

namespace json = boost::json;

SyncFilter::SyncFilter(const json::value& filter) {
  if (filter.is_object()) object_ = filter.get_object();
}

json::array SyncFilter::basic_rules() const {
  const json::value* rules = object_.if_contains("rules");
  if (rules == nullptr || !rules->is_array()) return {};
  return rules->get_array();
}

json::value SyncFilter::advanced_rules() const {
  const json::value* snippet = object_.if_contains("advanced_snippet");
  if (snippet == nullptr || !snippet->is_object()) return json::object();
  const json::value* value = snippet->get_object().if_contains("value");
  if (value == nullptr) return json::object();
  return *value;
}

bool SyncFilter::has_advanced_rules() const {
  const json::value rules = advanced_rules();
  if (rules.is_null()) return false;
  if (rules.is_object()) return !rules.get_object().empty();
  if (rules.is_array()) return !rules.get_array().empty();
  if (rules.is_string()) return !rules.get_string().empty();
  return true;
}

}  // namespace ei::source
