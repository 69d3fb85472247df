#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <variant>

namespace ei::sources::mongodb {

// `{"find": {...}}`: a find on the configured collection with exactly the options given
// (sources spec §2.5). The option names are the rule's (snake case).
struct FindRule {
  boost::json::object filter;
  boost::json::object options;  // the rule's object without `filter`
};

// `{"aggregate": {...}}`: an aggregation with `pipeline` and the other keys as its options.
struct AggregateRule {
  boost::json::array pipeline;
  boost::json::object options;  // the rule's object without `pipeline`
};

using MongoRule = std::variant<std::monostate, FindRule, AggregateRule>;

// Why the advanced rules break the schema of spec §2.5 (nothing when they keep it): only
// `find` or `aggregate` (not both) at the top; each option known and of its type; a
// `projection` with at least one item; a `pipeline` with at least one stage. Names the
// offending key, e.g. `find.limit must be an integer`.
std::optional<std::string> mongo_rules_schema_error(const boost::json::value& rules);

// The rule of valid advanced rules; monostate for `{}` (no rules).
MongoRule parse_mongo_rules(const boost::json::value& rules);

// The find options as the driver takes them (camel case; a projection list becomes
// {"field": 1, ...}).
boost::json::object driver_find_options(const FindRule& rule);

}  // namespace ei::sources::mongodb
