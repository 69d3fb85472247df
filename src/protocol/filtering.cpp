#include "protocol/filtering.hpp"

#include "protocol/field_reader.hpp"

namespace ei::protocol {

namespace {

std::string_view state_key(FilterState state) {
  return state == FilterState::active ? "active" : "draft";
}

bool has_domain(const json::value& element, std::string_view domain) {
  const json::object* object = element.if_object();
  if (object == nullptr) return false;
  const json::value* value = object->if_contains("domain");
  return value != nullptr && value->is_string() && value->get_string() == domain;
}

}  // namespace

Filtering Filtering::from_json(const json::value& value) {
  if (const json::array* array = value.if_array()) return Filtering(*array);
  return Filtering();
}

Filter Filtering::get_filter(FilterState state, std::string_view domain) const {
  for (const json::value& element : elements_) {
    if (!has_domain(element, domain)) continue;
    const json::value* filter = element.get_object().if_contains(state_key(state));
    return filter != nullptr ? Filter::from_json(*filter) : Filter();
  }
  return Filter();
}

json::array Filtering::with_draft_validation(const FilteringValidation& result,
                                             std::string_view domain) const {
  json::array elements = elements_;
  for (json::value& element : elements) {
    if (!has_domain(element, domain)) continue;
    json::object& object = element.get_object();
    json::value& draft = object["draft"];
    if (!draft.is_object()) draft = json::object();
    draft.get_object()["validation"] = result.to_json();
    if (result.state == ValidationState::valid) object["active"] = draft;
  }
  return elements;
}

void Filtering::check(const json::value& value, std::string_view at, FieldProblems& problems) {
  FieldReader reader(problems);
  if (value.is_null()) return;
  const json::array* elements = value.if_array();
  if (elements == nullptr) {
    reader.wrong_type(std::string(at), "an array", value);
    return;
  }
  for (std::size_t i = 0; i < elements->size(); ++i) {
    const std::string path = FieldReader::path_of(at, i);
    const json::object* element = (*elements)[i].if_object();
    if (element == nullptr) {
      reader.wrong_type(path, "an object", (*elements)[i]);
      continue;
    }
    (void)reader.string(*element, "domain", path);
    for (std::string_view key : {"active", "draft"}) {
      if (const json::value* filter = FieldReader::find(*element, key)) {
        Filter::check(*filter, FieldReader::path_of(path, key), problems);
      }
    }
  }
}

}  // namespace ei::protocol
