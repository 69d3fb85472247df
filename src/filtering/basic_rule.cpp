#include "filtering/basic_rule.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/json.hpp"
#include "filtering/errors.hpp"
#include "filtering/python_text.hpp"
#include "filtering/value_coercion.hpp"

namespace ei::filtering {

namespace json = boost::json;

namespace {

std::string rule_name(const json::object& rule, std::size_t position) {
  const auto* id = rule.if_contains("id");
  if (id != nullptr && id->is_string())
    return fmt::format("'{}'", std::string_view(id->get_string()));
  return fmt::format("at index {}", position);
}

const json::value& required(const json::object& rule, std::string_view key,
                            const std::string& name) {
  const auto* value = rule.if_contains(key);
  if (value == nullptr) {
    throw InvalidRuleError(fmt::format("Basic rule {}: missing key '{}'", name, key));
  }
  return *value;
}

std::string_view required_string(const json::object& rule, std::string_view key,
                                 const std::string& name) {
  const json::value& value = required(rule, key, name);
  if (!value.is_string()) {
    throw InvalidRuleError(fmt::format("Basic rule {}: '{}' must be a string, got {}", name, key,
                                       core::describe_json(value)));
  }
  return value.get_string();
}

}  // namespace

BasicRule::BasicRule(std::string id, double order, Policy policy, std::string field, RuleKind kind,
                     std::string value)
    : id_(std::move(id)),
      order_(order),
      policy_(policy),
      field_(std::move(field)),
      kind_(kind),
      value_(std::move(value)) {
  // Compiled once per rule; an invalid pattern is reported when the rule is evaluated.
  if (kind_ == RuleKind::regex) regex_ = std::make_shared<const PythonRegex>(value_);
}

BasicRule BasicRule::from_json(const json::value& rule, std::size_t position) {
  if (!rule.is_object()) {
    throw InvalidRuleError(fmt::format("Basic rule at index {}: expected an object, got {}",
                                       position, core::describe_json(rule)));
  }
  const json::object& object = rule.get_object();
  const std::string name = rule_name(object, position);

  const std::string id(required_string(object, "id", name));

  const std::string_view policy_text = required_string(object, "policy", name);
  const auto policy = parse_policy(policy_text);
  if (!policy) {
    throw InvalidRuleError(fmt::format(
        "Basic rule {}: unknown policy '{}' (allowed: include, exclude)", name, policy_text));
  }

  const std::string field(required_string(object, "field", name));

  const std::string_view kind_text = required_string(object, "rule", name);
  const auto kind = parse_rule_kind(kind_text);
  if (!kind) {
    throw InvalidRuleError(fmt::format(
        "Basic rule {}: unknown rule '{}' (allowed: equals, starts_with, ends_with, contains, "
        "regex, >, <)",
        name, kind_text));
  }

  const json::value& value = required(object, "value", name);
  if (!value.is_string() && !value.is_number()) {
    throw InvalidRuleError(fmt::format("Basic rule {}: 'value' must be a string, got {}", name,
                                       core::describe_json(value)));
  }

  const json::value& order = required(object, "order", name);
  if (!order.is_number()) {
    throw InvalidRuleError(fmt::format("Basic rule {}: 'order' must be a number, got {}", name,
                                       core::describe_json(order)));
  }

  return BasicRule(id, order.to_number<double>(), *policy, field, *kind, python_str(value));
}

bool BasicRule::matches(const json::object& document) const {
  if (is_default_rule()) return true;
  const auto* found = document.if_contains(field_);
  if (found == nullptr) return false;
  const json::value& document_value = *found;

  // The string rules look at Python's str() of the value; a string field is used as is.
  std::string storage;
  const std::string_view text = document_value.is_string()
                                    ? std::string_view(document_value.get_string())
                                    : std::string_view(storage = python_str(document_value));

  switch (kind_) {
    case RuleKind::starts_with:
      return text.starts_with(value_);
    case RuleKind::ends_with:
      return text.ends_with(value_);
    case RuleKind::contains:
      return text.find(value_) != std::string_view::npos;
    case RuleKind::regex:
      if (!regex_->ok()) {
        throw InvalidRuleError(fmt::format("Basic rule '{}': invalid or unsupported regex '{}': {}",
                                           id_, value_, regex_->error()));
      }
      return regex_->match_prefix(text);
    case RuleKind::equals: {
      const auto order = compare_to_rule_value(document_value, value_);
      return order && *order == std::partial_ordering::equivalent;
    }
    case RuleKind::less_than: {
      const auto order = compare_to_rule_value(document_value, value_);
      return order && *order == std::partial_ordering::less;
    }
    case RuleKind::greater_than: {
      const auto order = compare_to_rule_value(document_value, value_);
      return order && *order == std::partial_ordering::greater;
    }
  }
  return false;
}

std::string BasicRule::regex_error() const {
  return regex_ ? regex_->error() : std::string();
}

std::vector<BasicRule> parse_basic_rules(const json::value& rules) {
  std::vector<BasicRule> parsed;
  if (rules.is_null()) return parsed;
  if (!rules.is_array()) {
    throw InvalidRuleError(
        fmt::format("Basic rules: expected an array, got {}", core::describe_json(rules)));
  }
  std::size_t position = 0;
  for (const auto& rule : rules.get_array()) {
    BasicRule basic_rule = BasicRule::from_json(rule, position++);
    if (!basic_rule.is_default_rule()) parsed.push_back(std::move(basic_rule));
  }
  std::stable_sort(parsed.begin(), parsed.end(),
                   [](const BasicRule& a, const BasicRule& b) { return a.order() < b.order(); });
  return parsed;
}

}  // namespace ei::filtering
