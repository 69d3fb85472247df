#pragma once

#include <boost/json.hpp>

namespace ei::source {

// The job's filter as a source sees it (spec §17): the filter object (`rules`,
// `advanced_snippet`). Sources only ask whether there are advanced rules and read them; basic
// rules are applied by the framework. Kept apart from filtering::Filter so sources do not
// depend on the rule engine; the sync run builds one from the job's filter JSON.
class SyncFilter {
 public:
  SyncFilter() = default;
  // Null or a non-object reads as the empty filter.
  explicit SyncFilter(const boost::json::value& filter);

  const boost::json::object& to_json() const { return object_; }

  // `rules`, or [] when absent or not a list.
  boost::json::array basic_rules() const;
  // `advanced_snippet.value`, or {} when either is absent.
  boost::json::value advanced_rules() const;
  // The advanced rules are non-null and non-empty ({}, [], "" and null are none).
  bool has_advanced_rules() const;

 private:
  boost::json::object object_;
};

}  // namespace ei::source
