#include "filtering/basic_rule_schema_validator.hpp"

#include <array>
#include <string_view>

#include "filtering/errors.hpp"

namespace ei::filtering {

namespace json = boost::json;

namespace {

// Checks of a `{"type": "string", "minLength": 1}` property.
std::optional<std::string> non_empty_string_error(const json::object& rule, std::string_view key) {
  const json::value& value = rule.at(key);
  if (!value.is_string()) return "data." + std::string(key) + " must be string";
  if (value.get_string().empty()) {
    return "data." + std::string(key) + " must be longer than or equal to 1 characters";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> BasicRuleSchemaValidator::schema_error(const json::value& rule) {
  if (!rule.is_object()) return "data must be object";
  const json::object& object = rule.get_object();

  static constexpr std::array<std::string_view, 6> kRequired = {"id",   "policy", "field",
                                                                "rule", "value",  "order"};
  for (const auto key : kRequired) {
    if (!object.contains(key)) {
      return "data must contain ['id', 'policy', 'field', 'rule', 'value', 'order'] properties";
    }
  }

  if (auto error = non_empty_string_error(object, "id")) return error;
  // Formats are only checked on strings, as JSON schema does.
  if (const json::value& policy = object.at("policy");
      policy.is_string() && !parse_policy(policy.get_string())) {
    return "data.policy must be policy";
  }
  if (auto error = non_empty_string_error(object, "field")) return error;
  if (const json::value& kind = object.at("rule");
      kind.is_string() && !parse_rule_kind(kind.get_string())) {
    return "data.rule must be rule";
  }
  if (auto error = non_empty_string_error(object, "value")) return error;
  if (!object.at("order").is_number()) return "data.order must be number";  // bool isn't
  return std::nullopt;
}

std::optional<SyncRuleValidationResult> BasicRuleSchemaValidator::validate_rule(
    const json::value& rule) const {
  json::value rule_id = nullptr;
  if (rule.is_object()) {
    if (const auto* id = rule.get_object().if_contains("id")) rule_id = *id;
  }
  if (auto error = schema_error(rule)) {
    return SyncRuleValidationResult::invalid(std::move(rule_id), std::move(*error));
  }
  return SyncRuleValidationResult::valid(std::move(rule_id));
}

std::optional<BasicRule> parse_schema_valid_rule(const json::value& rule) {
  if (BasicRuleSchemaValidator::schema_error(rule)) return std::nullopt;
  try {
    return BasicRule::from_json(rule);
  } catch (const InvalidRuleError&) {
    return std::nullopt;  // e.g. a numeric policy: the schema only checks string formats
  }
}

}  // namespace ei::filtering
