#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "filtering/filter.hpp"

namespace ei::filtering {

// A connector's `filtering` array of `{domain, active, draft}` elements (spec §7.8, §17),
// kept exactly as stored.
class Filtering {
 public:
  static constexpr std::string_view kDefaultDomain = "DEFAULT";

  Filtering() = default;
  explicit Filtering(boost::json::array elements) : elements_(std::move(elements)) {}

  // Null reads as no elements; anything but an array throws FilteringError.
  static Filtering from_json(const boost::json::value& value);
  const boost::json::array& to_json() const { return elements_; }

  enum class Version { active, draft };

  // The `active` or `draft` filter of the first element whose `domain` is `domain`; an empty
  // Filter when there is none. Elements that are not objects are passed over. The reference
  // fails on an element lacking the version's key; the port reads it as an empty filter.
  Filter get_filter(Version version, std::string_view domain = kDefaultDomain) const;
  Filter active_filter(std::string_view domain = kDefaultDomain) const {
    return get_filter(Version::active, domain);
  }
  Filter draft_filter(std::string_view domain = kDefaultDomain) const {
    return get_filter(Version::draft, domain);
  }

  // Spec §16.5 step 5: a copy where, in every element of `domain`, `draft.validation` is
  // `result` and, when `result` is valid, `active` is that whole draft.
  Filtering with_draft_validation(const FilteringValidationResult& result,
                                  std::string_view domain = kDefaultDomain) const;

  bool operator==(const Filtering&) const = default;

 private:
  boost::json::array elements_;
};

}  // namespace ei::filtering
