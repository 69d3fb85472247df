#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ei::sources::mysql {

// One advanced rule of the MySQL source (sources spec §3.7): a custom query and the tables
// it reads (their primary keys make the `_id`).
struct MySqlQueryRule {
  std::vector<std::string> tables;
  std::string query;
};

// The schema check of §3.7: an array of objects with exactly `tables` (array of ≥ 1
// strings) and `query` (non-empty string). Returns the error message, or nothing when valid.
std::optional<std::string> mysql_rules_schema_error(const boost::json::value& rules);

// The rules of a valid value (call mysql_rules_schema_error first); {} and [] give none.
std::vector<MySqlQueryRule> parse_mysql_rules(const boost::json::value& rules);

}  // namespace ei::sources::mysql
