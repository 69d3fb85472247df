#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "filtering/policy.hpp"
#include "filtering/python_regex.hpp"
#include "filtering/rule_kind.hpp"

namespace ei::filtering {

// One basic sync rule (spec §15.1): when the document's top-level `field` compares to
// `value` as `kind` says, `policy` decides whether the document is ingested.
class BasicRule {
 public:
  // The default rule is recognized by its id alone (spec §15.2).
  static constexpr std::string_view kDefaultRuleId = "DEFAULT";

  BasicRule(std::string id, double order, Policy policy, std::string field, RuleKind kind,
            std::string value);

  // Reads a protocol rule object. Throws InvalidRuleError naming the rule (its id, or its
  // index in the `rules` array when the id is missing) and the key at fault: a missing key,
  // an unknown policy or rule name, or a key of the wrong type. `value` may be a string or a
  // number (its Python text form, e.g. `5.0`), `order` a number.
  static BasicRule from_json(const boost::json::value& rule, std::size_t position = 0);

  const std::string& id() const { return id_; }
  double order() const { return order_; }
  Policy policy() const { return policy_; }
  const std::string& field() const { return field_; }
  RuleKind kind() const { return kind_; }
  const std::string& value() const { return value_; }

  bool is_default_rule() const { return id_ == kDefaultRuleId; }
  bool is_include() const { return policy_ == Policy::include; }

  // Spec §15.4. A missing field never matches; `<`/`>` between values Python cannot order
  // (a boolean field, null, a number against a non-numeric rule value, ...) do not match
  // either: the one deliberate deviation of spec §15.5 (the reference fails the sync).
  // Throws InvalidRuleError for a `regex` rule whose pattern RE2 cannot compile, as the
  // reference fails the sync for an invalid pattern.
  bool matches(const boost::json::object& document) const;

  // The reason the pattern of a `regex` rule cannot be used; empty otherwise.
  std::string regex_error() const;

 private:
  std::string id_;
  double order_;
  Policy policy_;
  std::string field_;
  RuleKind kind_;
  std::string value_;
  std::shared_ptr<const PythonRegex> regex_;  // `regex` rules only; shared by copies
};

// Spec §15.2: parses every rule of a `rules` array (null or empty: none), drops the rules
// whose id is `DEFAULT` and sorts the rest by `order`, stable for equal orders.
std::vector<BasicRule> parse_basic_rules(const boost::json::value& rules);

}  // namespace ei::filtering
