#pragma once

// The sync-rules file of `connector set-rules --file rules.json`: what a user would type in
// Kibana's sync-rules editor, as JSON. Accepted shapes:
//   [ {rule}, ... ]                                   basic rules only
//   {"rules": [ {rule}, ... ], "advanced_rules": <any JSON value>}
// (`advanced_snippet: {"value": ...}` is accepted for `advanced_rules`, as copied from a
// connector document). A rule is `{"field", "rule", "value"}` plus optional `id` (default
// `rule-<n>`), `policy` (default `include`) and `order` (default its position). Semantic
// checks (duplicates, match-all regexes, source-specific advanced rules) are the service's
// draft validation (spec §16); this file checks only the shape, naming the location.

#include <boost/json.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ei::cli {

struct DraftRules {
  boost::json::array rules;                    // normalised rule objects, file order
  std::optional<boost::json::value> advanced;  // the advanced snippet value, when given
};

// Parses JSON text; a syntax error throws InputError `<name>:<line>:<column>: <what>`.
boost::json::value parse_json_with_location(std::string_view text, std::string_view name);

// Checks and normalises a parsed rules document; errors name `<name>: rules[<i>].<key>`.
DraftRules rules_from_json(const boost::json::value& document, std::string_view name);

// Reads, parses and checks a rules file (unreadable file → InputError naming it).
DraftRules read_rules_file(const std::filesystem::path& path);

}  // namespace ei::cli
