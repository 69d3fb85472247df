#include "cli/connectors_rules_file.hpp"

#include <fstream>
#include <sstream>

#include "cli/connectors_input.hpp"
#include "core/json.hpp"
#include "filtering/policy.hpp"
#include "filtering/rule_kind.hpp"

namespace ei::cli {

namespace json = boost::json;

namespace {

std::string location(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

[[noreturn]] void fail(std::string_view name, const std::string& at, const std::string& what) {
  throw InputError(std::string(name) + ": " + at + ": " + what);
}

json::object normalise_rule(const json::value& value, std::size_t index, std::string_view name) {
  std::string at = "rules[" + std::to_string(index) + "]";
  if (!value.is_object()) {
    fail(name, at, "expected a rule object, got " + core::describe_json(value));
  }
  json::object rule = value.as_object();
  auto require_string = [&](std::string_view key) -> std::string {
    const auto* field = rule.if_contains(key);
    if (field == nullptr) fail(name, at, "missing \"" + std::string(key) + "\"");
    if (!field->is_string() || field->as_string().empty()) {
      fail(name, at + "." + std::string(key),
           "expected a non-empty string, got " + core::describe_json(*field));
    }
    return std::string(field->as_string());
  };
  require_string("field");
  auto kind = require_string("rule");
  if (!filtering::parse_rule_kind(kind)) {
    fail(name, at + ".rule",
         "unknown rule \"" + kind +
             "\" (expected equals, starts_with, ends_with, contains, regex, > or <)");
  }
  require_string("value");
  if (rule.contains("policy")) {
    auto policy = require_string("policy");
    if (!filtering::parse_policy(policy)) {
      fail(name, at + ".policy", "unknown policy \"" + policy + "\" (expected include or exclude)");
    }
  } else {
    rule["policy"] = "include";
  }
  if (rule.contains("id")) {
    require_string("id");
  } else {
    rule["id"] = "rule-" + std::to_string(index + 1);
  }
  if (const auto* order = rule.if_contains("order")) {
    if (!order->is_number()) {
      fail(name, at + ".order", "expected a number, got " + core::describe_json(*order));
    }
  } else {
    rule["order"] = static_cast<std::int64_t>(index);
  }
  return rule;
}

}  // namespace

json::value parse_json_with_location(std::string_view text, std::string_view name) {
  json::stream_parser parser;
  boost::system::error_code error;
  std::size_t consumed = parser.write_some(text.data(), text.size(), error);
  if (!error) parser.finish(error);
  if (error) {
    throw InputError(std::string(name) + ":" + location(text, consumed) +
                     ": invalid JSON: " + error.message());
  }
  return parser.release();
}

DraftRules rules_from_json(const json::value& document, std::string_view name) {
  DraftRules draft;
  const json::value* rules = nullptr;
  if (document.is_array()) {
    rules = &document;
  } else if (document.is_object()) {
    const auto& object = document.as_object();
    for (const auto& [key, value] : object) {
      if (key != "rules" && key != "advanced_rules" && key != "advanced_snippet") {
        fail(name, std::string(key),
             "unknown key (expected \"rules\", \"advanced_rules\" or \"advanced_snippet\")");
      }
    }
    rules = object.if_contains("rules");
    if (rules != nullptr && !rules->is_array()) {
      fail(name, "rules", "expected an array of rules, got " + core::describe_json(*rules));
    }
    if (object.contains("advanced_rules") && object.contains("advanced_snippet")) {
      fail(name, "advanced_snippet", "give either \"advanced_rules\" or \"advanced_snippet\"");
    }
    if (const auto* advanced = object.if_contains("advanced_rules")) draft.advanced = *advanced;
    if (const auto* snippet = object.if_contains("advanced_snippet")) {
      if (!snippet->is_object() || !snippet->as_object().contains("value")) {
        fail(name, "advanced_snippet",
             "expected {\"value\": <advanced rules>}, got " + core::describe_json(*snippet));
      }
      draft.advanced = snippet->as_object().at("value");
    }
    if (rules == nullptr && !draft.advanced) {
      fail(name, "(top level)", "expected \"rules\" and/or \"advanced_rules\"");
    }
  } else {
    fail(name, "(top level)",
         "expected an array of rules or an object with \"rules\", got " +
             core::describe_json(document));
  }
  if (rules != nullptr) {
    const auto& array = rules->as_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
      draft.rules.push_back(normalise_rule(array[i], i, name));
    }
  }
  return draft;
}

DraftRules read_rules_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read rules file " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  auto name = path.string();
  auto document = parse_json_with_location(text.str(), name);
  return rules_from_json(document, name);
}

}  // namespace ei::cli
