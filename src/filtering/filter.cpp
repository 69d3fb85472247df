#include "filtering/filter.hpp"

#include <fmt/format.h>

#include "core/json.hpp"
#include "filtering/errors.hpp"

namespace ei::filtering {

namespace json = boost::json;

Filter Filter::from_json(const json::value& value) {
  if (value.is_null()) return Filter();
  if (!value.is_object()) {
    throw FilteringError(
        fmt::format("filter: expected an object, got {}", core::describe_json(value)));
  }
  return Filter(value.get_object());
}

json::array Filter::basic_rules() const {
  const auto* rules = object_.if_contains("rules");
  if (rules == nullptr || rules->is_null()) return {};
  if (!rules->is_array()) {
    throw FilteringError(
        fmt::format("filter.rules: expected an array, got {}", core::describe_json(*rules)));
  }
  return rules->get_array();
}

json::value Filter::advanced_rules() const {
  const auto* snippet = object_.if_contains("advanced_snippet");
  if (snippet == nullptr || snippet->is_null()) return json::object();
  if (!snippet->is_object()) {
    throw FilteringError(fmt::format("filter.advanced_snippet: expected an object, got {}",
                                     core::describe_json(*snippet)));
  }
  const auto* value = snippet->get_object().if_contains("value");
  if (value == nullptr) return json::object();
  return *value;
}

bool Filter::has_advanced_rules() const {
  const json::value rules = advanced_rules();
  switch (rules.kind()) {
    case json::kind::null:
      return false;
    case json::kind::object:
      return !rules.get_object().empty();
    case json::kind::array:
      return !rules.get_array().empty();
    case json::kind::string:
      return !rules.get_string().empty();
    default:
      return true;
  }
}

FilteringValidationResult Filter::validation() const {
  const auto* validation = object_.if_contains("validation");
  if (validation == nullptr || validation->is_null()) return FilteringValidationResult();
  return FilteringValidationResult::from_json(*validation);
}

bool Filter::has_validation_state(FilteringValidationState state) const {
  const auto* validation = object_.if_contains("validation");
  if (validation == nullptr || validation->is_null()) {
    return state == FilteringValidationState::valid;
  }
  const auto* stored =
      validation->is_object() ? validation->get_object().if_contains("state") : nullptr;
  if (stored == nullptr || !stored->is_string()) return false;
  return parse_filtering_validation_state(stored->get_string()) == state;
}

json::object Filter::transform_for_job() const {
  if (object_.empty())
    return json::object{{"advanced_snippet", json::object()}, {"rules", json::array()}};
  return object_;
}

}  // namespace ei::filtering
