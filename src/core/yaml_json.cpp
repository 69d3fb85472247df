#include "core/yaml_json.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <regex>
#include <string>

#include "core/config_error.hpp"

namespace ei::core {

namespace json = boost::json;

namespace {

// PyYAML's implicit resolvers (yaml/resolver.py), sexagesimal forms left out.
const std::regex& bool_pattern() {
  static const std::regex pattern(
      "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  return pattern;
}

const std::regex& int_pattern() {
  static const std::regex pattern(
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+");
  return pattern;
}

const std::regex& float_pattern() {
  static const std::regex pattern(
      "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?|"
      "[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
  return pattern;
}

std::string without_underscores(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '_') out += c;
  }
  return out;
}

json::value resolve_int(std::string_view text) {
  std::string digits = without_underscores(text);
  bool negative = false;
  std::string_view rest = digits;
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {
    negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  int base = 10;
  if (rest.size() > 1 && rest[0] == '0' && (rest[1] == 'x' || rest[1] == 'b')) {
    base = rest[1] == 'x' ? 16 : 2;
    rest.remove_prefix(2);
  } else if (rest.size() > 1 && rest[0] == '0') {
    base = 8;
    rest.remove_prefix(1);
  }
  std::uint64_t magnitude = 0;
  const auto [end, error] =
      std::from_chars(rest.data(), rest.data() + rest.size(), magnitude, base);
  if (error == std::errc() && end == rest.data() + rest.size()) {
    if (!negative) {
      if (magnitude <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return static_cast<std::int64_t>(magnitude);
      }
      return magnitude;
    }
    if (magnitude <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) {
      return static_cast<std::int64_t>(0 - magnitude);
    }
  }
  // Too large for 64 bits: the nearest double, as good as JSON can carry.
  double approximate = 0;
  for (char c : rest) {
    const int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    approximate = approximate * base + digit;
  }
  return negative ? -approximate : approximate;
}

json::value resolve_float(std::string_view text) {
  if (text.find_first_of("aA") != std::string_view::npos) {  // .nan, .NaN, .NAN
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (text.find_first_of("iI") != std::string_view::npos) {
    return text.front() == '-' ? -std::numeric_limits<double>::infinity()
                               : std::numeric_limits<double>::infinity();
  }
  std::string digits = without_underscores(text);
  if (!digits.empty() && digits.front() == '+') digits.erase(0, 1);
  double value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

}  // namespace

json::value resolve_plain_scalar(std::string_view text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  const std::string scalar(text);
  if (std::regex_match(scalar, bool_pattern())) {
    const char first = scalar.front();
    return first == 'y' || first == 'Y' || first == 't' || first == 'T' || scalar == "on" ||
           scalar == "On" || scalar == "ON";
  }
  if (std::regex_match(scalar, int_pattern())) return resolve_int(scalar);
  if (std::regex_match(scalar, float_pattern())) return resolve_float(scalar);
  return json::string(scalar);
}

namespace {

// Aliases make a YAML tree a graph: `a: &a [*a]` is a cycle, and a few lines of nested
// aliases ("billion laughs") expand to billions of nodes. The conversion walks the graph
// with the anchors on its path and counts every node it writes.
class YamlExpansion {
 public:
  explicit YamlExpansion(YamlLimits limits) : limits_(limits) {}

  json::value convert(const YAML::Node& node) {
    if (++nodes_ > limits_.max_nodes) {
      throw YamlLimitError(fmt::format(
          "YAML aliases expand to more than {} nodes (an alias fan-out such as 'billion laughs')",
          limits_.max_nodes));
    }
    if (node.IsSequence() || node.IsMap()) {
      for (const YAML::Node& ancestor : path_) {
        if (ancestor.is(node)) {
          throw YamlLimitError("a YAML alias refers to a node that contains it (an alias cycle)");
        }
      }
      if (path_.size() >= limits_.max_depth) {
        throw YamlLimitError(
            fmt::format("YAML nesting is deeper than {} levels", limits_.max_depth));
      }
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar:
        // yaml-cpp tags plain scalars "?" and quoted or block scalars "!"; explicit tags
        // other than the standard scalar types are kept as text.
        if (node.Tag() == "?") return resolve_plain_scalar(node.Scalar());
        if (node.Tag() == "tag:yaml.org,2002:int" || node.Tag() == "tag:yaml.org,2002:float" ||
            node.Tag() == "tag:yaml.org,2002:bool" || node.Tag() == "tag:yaml.org,2002:null") {
          return resolve_plain_scalar(node.Scalar());
        }
        return json::string(node.Scalar());
      case YAML::NodeType::Sequence: {
        path_.push_back(node);
        json::array array;
        array.reserve(node.size());
        for (const auto& item : node) array.push_back(convert(item));
        path_.pop_back();
        return array;
      }
      case YAML::NodeType::Map: {
        path_.push_back(node);
        json::object object;
        for (const auto& entry : node) {
          // A key that is a collection is written as its YAML text, and so never expanded.
          const std::string key =
              entry.first.IsScalar() ? entry.first.Scalar() : YAML::Dump(entry.first);
          object[key] = convert(entry.second);
        }
        path_.pop_back();
        return object;
      }
    }
    return nullptr;
  }

 private:
  YamlLimits limits_;
  std::size_t nodes_ = 0;
  std::vector<YAML::Node> path_;
};

}  // namespace

json::value yaml_to_json(const YAML::Node& node, YamlLimits limits) {
  return YamlExpansion(limits).convert(node);
}

json::value parse_yaml(std::string_view text, std::string_view file,
                       const std::vector<int>& original_lines) {
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    return yaml_to_json(root);
  } catch (const YamlLimitError& error) {
    throw ConfigError(std::string(file), "", fmt::format("invalid YAML: {}", error.what()));
  } catch (const YAML::Exception& error) {
    int line = error.mark.line + 1;
    if (error.mark.line >= 0 && static_cast<std::size_t>(error.mark.line) < original_lines.size()) {
      line = original_lines[static_cast<std::size_t>(error.mark.line)];
    }
    const std::string problem = error.mark.is_null()
                                    ? fmt::format("invalid YAML: {}", error.msg)
                                    : fmt::format("invalid YAML at line {}, column {}: {}", line,
                                                  error.mark.column + 1, error.msg);
    throw ConfigError(std::string(file), "", problem);
  }
}

}  // namespace ei::core
