#pragma once

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ei::core {

// Environment variables by name (the process environment, or a test's own map).
using Environment = std::map<std::string, std::string>;

// The current process environment.
Environment process_environment();

// What the reference's EnvYAML (1.10) does to a YAML file before parsing it (spec §3.1).
// Errors are ConfigError naming the file.
namespace env_yaml {

// Strict mode is on unless ENVYAML_STRICT_DISABLE is set (to anything).
bool strict_mode(const Environment& environment);

// `NAME=value` lines of a .env file (optional quotes around the value). In strict mode a
// name defined twice is an error: `Strict mode enabled, variables $A defined several times!`.
Environment read_dotenv(const std::filesystem::path& path, bool strict);

// The variables interpolation sees: the environment, overridden by the .env file named by
// ENV_FILE (relative to working_directory; an error when missing) or else
// working_directory/.env when it exists.
Environment variables(const Environment& environment,
                      const std::filesystem::path& working_directory);

// Text after comment removal and interpolation, with the original line number of each of
// its lines so YAML errors point into the file the user wrote.
struct Preprocessed {
  std::string text;
  std::vector<int> original_lines;  // 1-based, indexed by 0-based output line
};

// Drops lines starting with `#` at column 0, then replaces `$$` by `$` and `$NAME`,
// `${NAME}`, `${NAME|default}`, `$NAME|default` (the unbraced default runs to the end of the
// line, less a closing quote matching one just before the `$`). Names are word characters,
// `-` and `.`. In strict mode undefined names without a default are an error listing them;
// otherwise they stay as written.
Preprocessed preprocess(std::string_view text, const Environment& variables, bool strict,
                        std::string_view file);

// Reads, preprocesses and parses one YAML file into JSON (see yaml_json.hpp for types).
boost::json::value load(const std::filesystem::path& path, const Environment& variables,
                        bool strict);

}  // namespace env_yaml

}  // namespace ei::core
