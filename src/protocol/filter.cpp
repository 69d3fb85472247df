#include "protocol/filter.hpp"

#include "protocol/field_reader.hpp"

namespace ei::protocol {

Filter Filter::from_json(const json::value& value) {
  if (const json::object* object = value.if_object()) return Filter(*object);
  return Filter();
}

const json::array& Filter::basic_rules() const {
  static const json::array kNoRules;
  const json::value* rules = FieldReader::find(object_, "rules");
  if (rules != nullptr && rules->is_array()) return rules->get_array();
  return kNoRules;
}

json::value Filter::advanced_rules() const {
  const json::value* snippet = object_.if_contains("advanced_snippet");
  if (snippet == nullptr || !snippet->is_object()) return json::object();
  const json::value* value = snippet->get_object().if_contains("value");
  if (value == nullptr) return json::object();
  return *value;
}

bool Filter::has_advanced_rules() const {
  const json::value rules = advanced_rules();
  if (rules.is_null()) return false;
  if (const auto* object = rules.if_object()) return !object->empty();
  if (const auto* array = rules.if_array()) return !array->empty();
  if (const auto* text = rules.if_string()) return !text->empty();
  return true;
}

FilteringValidation Filter::validation() const {
  const json::value* validation = FieldReader::find(object_, "validation");
  if (validation == nullptr) return FilteringValidation{};
  FieldProblems ignored;
  return FilteringValidation::from_json(*validation, "validation", ignored);
}

json::object Filter::transform_for_job() const {
  if (object_.empty())
    return json::object{{"advanced_snippet", json::object()}, {"rules", json::array()}};
  return object_;
}

void Filter::check(const json::value& value, std::string_view at, FieldProblems& problems) {
  FieldReader reader(problems);
  const json::object* object = value.if_object();
  if (object == nullptr) {
    reader.wrong_type(std::string(at), "an object", value);
    return;
  }
  (void)reader.array(*object, "rules", at);
  (void)reader.object(*object, "advanced_snippet", at);
  if (const json::value* validation = FieldReader::find(*object, "validation")) {
    (void)FilteringValidation::from_json(*validation, FieldReader::path_of(at, "validation"),
                                         problems);
  }
}

}  // namespace ei::protocol
