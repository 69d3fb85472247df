#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "protocol/filter.hpp"
#include "protocol/filtering_validation.hpp"
#include "protocol/protocol_error.hpp"

namespace ei::protocol {

// The domain whose filters the service uses (spec §7.8).
inline constexpr std::string_view kDefaultDomain = "DEFAULT";

enum class FilterState { active, draft };

// A connector's `filtering` array: elements `{domain, active, draft}` (spec §7.8, §17).
// Kept as the array itself: the service writes the whole array back (spec §16.5).
class Filtering {
 public:
  Filtering() = default;
  explicit Filtering(boost::json::array elements) : elements_(std::move(elements)) {}
  // null or a non-array → no elements.
  static Filtering from_json(const boost::json::value& value);

  const boost::json::array& to_json() const { return elements_; }

  // The `active`/`draft` object of the first element whose `domain` is `domain`; the empty
  // filter when there is none (or the element lacks that object).
  Filter get_filter(FilterState state, std::string_view domain = kDefaultDomain) const;
  Filter active_filter(std::string_view domain = kDefaultDomain) const {
    return get_filter(FilterState::active, domain);
  }
  Filter draft_filter(std::string_view domain = kDefaultDomain) const {
    return get_filter(FilterState::draft, domain);
  }

  // The array written after a draft validation (spec §16.5 step 5): in every element of
  // `domain`, `draft.validation` = `result`, and when `result` is valid `active` = that
  // whole draft. Other elements are unchanged.
  boost::json::array with_draft_validation(const FilteringValidation& result,
                                           std::string_view domain = kDefaultDomain) const;

  // Records structural problems under `at` ("filtering"): not an array, an element that is
  // not an object, a non-string `domain`, unreadable `active`/`draft` filters.
  static void check(const boost::json::value& value, std::string_view at, FieldProblems& problems);

  friend bool operator==(const Filtering&, const Filtering&) = default;

 private:
  boost::json::array elements_;
};

}  // namespace ei::protocol
