#include "filtering/filtering.hpp"

#include <fmt/format.h>

#include "core/json.hpp"
#include "filtering/errors.hpp"

namespace ei::filtering {

namespace json = boost::json;

namespace {

std::string_view version_key(Filtering::Version version) {
  return version == Filtering::Version::active ? "active" : "draft";
}

bool has_domain(const json::value& element, std::string_view domain) {
  if (!element.is_object()) return false;
  const auto* stored = element.get_object().if_contains("domain");
  return stored != nullptr && stored->is_string() && stored->get_string() == domain;
}

}  // namespace

Filtering Filtering::from_json(const json::value& value) {
  if (value.is_null()) return Filtering();
  if (!value.is_array()) {
    throw FilteringError(
        fmt::format("filtering: expected an array, got {}", core::describe_json(value)));
  }
  return Filtering(value.get_array());
}

Filter Filtering::get_filter(Version version, std::string_view domain) const {
  for (const auto& element : elements_) {
    if (!has_domain(element, domain)) continue;
    const auto* filter = element.get_object().if_contains(version_key(version));
    if (filter == nullptr) return Filter();
    try {
      return Filter::from_json(*filter);
    } catch (const FilteringError&) {
      throw FilteringError(fmt::format("filtering[domain={}].{}: expected an object, got {}",
                                       domain, version_key(version), core::describe_json(*filter)));
    }
  }
  return Filter();
}

Filtering Filtering::with_draft_validation(const FilteringValidationResult& result,
                                           std::string_view domain) const {
  json::array elements = elements_;
  for (auto& element : elements) {
    if (!has_domain(element, domain)) continue;
    json::object& object = element.get_object();
    json::value& draft = object["draft"];
    if (!draft.is_object()) draft = json::object();
    draft.get_object()["validation"] = result.to_json();
    if (result.is_valid()) object["active"] = draft;
  }
  return Filtering(std::move(elements));
}

}  // namespace ei::filtering
