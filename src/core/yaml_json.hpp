#pragma once

#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <cstddef>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace ei::core {

// YAML to JSON with PyYAML's (YAML 1.1) resolution of plain scalars, so values get the types
// the reference saw: null/~/empty → null; true/false/yes/no/on/off (any of the three
// casings) → bool; decimal, 0x, 0b, 0-octal integers with `_` → integer; numbers with a dot
// or .inf/.nan → double; anything else, and every quoted scalar, → string. Map keys become
// their text; a later duplicate key wins.
//
// Aliases are expanded, within limits: an alias cycle, more than `max_nodes` nodes written
// or collections nested deeper than `max_depth` throw YamlLimitError (a configuration file
// is a few hundred nodes; these guard against crafted input, not real files).
struct YamlLimits {
  std::size_t max_nodes = 100'000;
  std::size_t max_depth = 64;
};
struct YamlLimitError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
boost::json::value yaml_to_json(const YAML::Node& node, YamlLimits limits = {});

// Resolves one plain scalar as above.
boost::json::value resolve_plain_scalar(std::string_view text);

// Parses YAML text (first document). Errors are ConfigError naming `file` and the line,
// mapped through `original_lines` (1-based line per 0-based text line) when given.
boost::json::value parse_yaml(std::string_view text, std::string_view file,
                              const std::vector<int>& original_lines = {});

}  // namespace ei::core
