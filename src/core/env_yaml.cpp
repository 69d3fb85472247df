#include "core/env_yaml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "core/config_error.hpp"
#include "core/yaml_json.hpp"

extern char** environ;

namespace ei::core {

Environment process_environment() {
  Environment environment;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    environment.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
  }
  return environment;
}

namespace env_yaml {

namespace {

bool is_name_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  // Python's \w is Unicode-aware: treat every non-ASCII byte of UTF-8 text as a letter.
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || byte >= 0x80;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string read_file(const std::filesystem::path& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    throw ConfigError(path.string(), "",
                      fmt::format("cannot read the {}: {}", what, std::strerror(error)));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw ConfigError(path.string(), "", fmt::format("cannot read the {}", what));
  return std::move(content).str();
}

// Splits text into lines, each keeping its '\n' (the last one may have none).
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const std::size_t length = newline == std::string_view::npos ? text.size() : newline + 1;
    lines.push_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

std::string_view without_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

class Interpolator {
 public:
  explicit Interpolator(const Environment& variables) : variables_(variables) {}

  // One line (with its line end, which is never part of a default).
  std::string run(std::string_view line) {
    const std::string_view body = without_line_end(line);
    std::string out;
    out.reserve(line.size());
    std::size_t i = 0;
    while (i < body.size()) {
      const char c = body[i];
      if (c != '$' || i + 1 >= body.size()) {
        out += c;
        ++i;
        continue;
      }
      const char next = body[i + 1];
      if (next == '$') {  // escaped dollar
        out += '$';
        i += 2;
      } else if (next == '{') {
        i = braced(body, i, out);
      } else if (is_name_char(next) && !is_digit(next)) {
        i = named(body, i, out);
      } else {  // `$1`, `$ ` ...: not a variable
        out += '$';
        ++i;
      }
    }
    out += line.substr(body.size());
    return out;
  }

  const std::vector<std::string>& missing() const { return missing_; }

 private:
  // `${NAME}` or `${NAME|default}` starting at `start`; returns the index after it.
  std::size_t braced(std::string_view body, std::size_t start, std::string& out) {
    const auto close = body.find('}', start + 2);
    if (close == std::string_view::npos) {
      out += '$';
      return start + 1;
    }
    const std::string_view inner = body.substr(start + 2, close - start - 2);
    const auto bar = inner.find('|');
    const std::string_view name = inner.substr(0, bar);
    const std::string_view original = body.substr(start, close + 1 - start);
    if (name.empty()) {
      out += original;
    } else {
      std::optional<std::string_view> fallback;
      if (bar != std::string_view::npos) fallback = inner.substr(bar + 1);
      resolve(name, fallback, original, out);
    }
    return close + 1;
  }

  // `$NAME` or `$NAME|default` starting at `start`; returns the index after it.
  std::size_t named(std::string_view body, std::size_t start, std::string& out) {
    std::size_t end = start + 1;
    while (end < body.size() && is_name_char(body[end])) ++end;
    const std::string_view name = body.substr(start + 1, end - start - 1);
    std::optional<std::string_view> fallback;
    if (end < body.size() && body[end] == '|') {
      // The reference takes the rest of the line; a quote that opened right before the
      // `$` closes the value instead of ending up inside it.
      std::size_t fallback_end = body.size();
      if (start > 0 && (body[start - 1] == '"' || body[start - 1] == '\'')) {
        const auto quote = body.rfind(body[start - 1]);
        if (quote != std::string_view::npos && quote > end) fallback_end = quote;
      }
      fallback = body.substr(end + 1, fallback_end - end - 1);
      end = fallback_end;
    }
    resolve(name, fallback, body.substr(start, end - start), out);
    return end;
  }

  void resolve(std::string_view name, std::optional<std::string_view> fallback,
               std::string_view original, std::string& out) {
    const auto found = variables_.find(std::string(name));
    if (found != variables_.end()) {
      out += found->second;
    } else if (fallback) {
      out += *fallback;
    } else {
      if (std::find(missing_.begin(), missing_.end(), name) == missing_.end()) {
        missing_.emplace_back(name);
      }
      out += original;
    }
  }

  const Environment& variables_;
  std::vector<std::string> missing_;
};

std::string dollar_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += '$';
    out += name;
  }
  return out;
}

}  // namespace

bool strict_mode(const Environment& environment) {
  return environment.find("ENVYAML_STRICT_DISABLE") == environment.end();
}

Environment read_dotenv(const std::filesystem::path& path, bool strict) {
  const std::string content = read_file(path, ".env file");
  Environment result;
  std::vector<std::string> duplicates;
  for (std::string_view line : split_lines(content)) {
    line = without_line_end(line);
    std::size_t name_end = 0;
    while (name_end < line.size() && is_name_char(line[name_end])) ++name_end;
    if (name_end == 0 || is_digit(line[0]) || name_end >= line.size() || line[name_end] != '=') {
      continue;
    }
    const std::string name(line.substr(0, name_end));
    std::string_view value = line.substr(name_end + 1);
    if (!value.empty() && (value.front() == '"' || value.front() == '\'')) value.remove_prefix(1);
    if (!value.empty() && (value.back() == '"' || value.back() == '\'')) value.remove_suffix(1);
    if (result.count(name) != 0 &&
        std::find(duplicates.begin(), duplicates.end(), name) == duplicates.end()) {
      duplicates.push_back(name);
    }
    result[name] = std::string(value);
  }
  if (strict && !duplicates.empty()) {
    throw ConfigError(path.string(), "",
                      fmt::format("Strict mode enabled, variables {} defined several times!",
                                  dollar_list(duplicates)));
  }
  return result;
}

Environment variables(const Environment& environment,
                      const std::filesystem::path& working_directory) {
  const std::filesystem::path base =
      working_directory.empty() ? std::filesystem::current_path() : working_directory;
  std::optional<std::filesystem::path> dotenv;
  if (const auto named = environment.find("ENV_FILE");
      named != environment.end() && !named->second.empty()) {
    dotenv = base / named->second;  // an absolute ENV_FILE replaces the base
  } else if (std::error_code ignored; std::filesystem::is_regular_file(base / ".env", ignored)) {
    dotenv = base / ".env";
  }
  Environment result = environment;
  if (dotenv) {
    for (auto& [name, value] : read_dotenv(*dotenv, strict_mode(environment))) {
      result[name] = std::move(value);
    }
  }
  return result;
}

Preprocessed preprocess(std::string_view text, const Environment& variables, bool strict,
                        std::string_view file) {
  Preprocessed result;
  result.text.reserve(text.size());
  Interpolator interpolator(variables);
  int original_line = 0;
  for (std::string_view line : split_lines(text)) {
    ++original_line;
    // EnvYAML's `^#.*\n`: a comment line without a line end (last line) stays; YAML
    // ignores it anyway.
    if (line.front() == '#' && line.back() == '\n') continue;
    const std::string expanded = interpolator.run(line);
    result.text += expanded;
    const auto lines_out =
        std::count(expanded.begin(), expanded.end(), '\n') + (expanded.back() == '\n' ? 0 : 1);
    result.original_lines.insert(result.original_lines.end(), static_cast<std::size_t>(lines_out),
                                 original_line);
  }
  if (strict && !interpolator.missing().empty()) {
    throw ConfigError(std::string(file), "",
                      fmt::format("Strict mode enabled, variables {} are not defined!",
                                  dollar_list(interpolator.missing())));
  }
  return result;
}

boost::json::value load(const std::filesystem::path& path, const Environment& variables,
                        bool strict) {
  const std::string file = path.string();
  const std::string content = read_file(path, "configuration file");
  const Preprocessed preprocessed = preprocess(content, variables, strict, file);
  return parse_yaml(preprocessed.text, file, preprocessed.original_lines);
}

}  // namespace env_yaml

}  // namespace ei::core
