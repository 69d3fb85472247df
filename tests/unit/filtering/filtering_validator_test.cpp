#include "filtering/filtering_validator.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "core/run_to_completion.hpp"
#include "filtering/validation_report.hpp"

namespace ei::filtering {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using protocol::Filter;
using protocol::FilteringValidation;
using protocol::FilterValidationError;
using protocol::ValidationState;

bool is_valid(const FilteringValidation& validation) {
  return validation.state == ValidationState::valid;
}

template <typename T>
T run(asio::awaitable<T> task) {
  asio::io_context io;
  return core::run_to_completion(io, std::move(task));
}

json::object rule(const char* id, const char* kind, const char* value, const char* field = "f") {
  return json::object{{"id", id},     {"policy", "include"}, {"field", field},
                      {"rule", kind}, {"value", value},      {"order", 1}};
}

json::object default_rule() {
  return rule("DEFAULT", "regex", ".*", "_");
}

Filter filter_with(json::array rules, json::value advanced = json::object{}) {
  return Filter(json::object{{"rules", std::move(rules)},
                             {"advanced_snippet", json::object{{"value", std::move(advanced)}}}});
}

// Records what it was given and answers a fixed result.
class FakeAdvancedValidator : public AdvancedRulesValidator {
 public:
  explicit FakeAdvancedValidator(SyncRuleValidationResult answer) : answer_(std::move(answer)) {}
  asio::awaitable<SyncRuleValidationResult> validate(const json::value& rules) override {
    seen.push_back(rules);
    co_return answer_;
  }
  std::vector<json::value> seen;

 private:
  SyncRuleValidationResult answer_;
};

TEST(FilteringValidator, DefaultRuleAloneIsValid) {
  const auto result = run(FilteringValidator().validate(filter_with({default_rule()})));
  EXPECT_EQ(json::value(result.to_json()), json::parse(R"({"state": "valid", "errors": []})"));
}

TEST(FilteringValidator, EmptyFilterIsValid) {
  EXPECT_TRUE(is_valid(run(FilteringValidator().validate(Filter()))));
}

TEST(FilteringValidator, DuplicatesGiveTheSpecStoredForm) {
  const auto result = run(FilteringValidator().validate(
      filter_with({rule("1", "equals", "a"), rule("2", "equals", "a"), default_rule()})));
  EXPECT_EQ(json::value(result.to_json()), json::parse(R"({"state": "invalid",
    "errors": [{"ids": ["2"], "messages": ["Rule with id '2' is semantically equal to rule with id '1'"]},
               {"ids": ["1"], "messages": ["Rule with id '1' is semantically equal to rule with id '2'"]}]})"));
}

TEST(FilteringValidator, ErrorsAreGroupedByValidatorInListOrder) {
  json::object bad_schema = rule("3", "equals", "x");
  bad_schema["order"] = "first";
  const json::array rules{rule("1", "regex", ".*"), rule("2", "contains", "a"), bad_schema,
                          rule("4", "contains", "a"), rule("5", "regex", "(")};
  const auto result = FilteringValidator().validate_basic_rules(rules);
  ASSERT_EQ(result.errors.size(), 5u);
  EXPECT_EQ(result.errors[0],
            (FilterValidationError{json::array{"3"}, {"data.order must be number"}}));
  EXPECT_EQ(result.errors[1],
            (FilterValidationError{json::array{"1"},
                                   {"Match all regexps: '['.*', '(.*)']' are not allowed."}}));
  EXPECT_EQ(result.errors[2].ids, json::array{"4"});
  EXPECT_EQ(result.errors[3].ids, json::array{"2"});
  EXPECT_EQ(result.errors[4].ids, json::array{"5"});
  EXPECT_EQ(result.state, ValidationState::invalid);
}

TEST(FilteringValidator, SchemaFailuresAreReportedOnceNotByLaterValidators) {
  json::object numeric_value = rule("1", "regex", ".*");
  numeric_value["value"] = 5;
  const auto result = FilteringValidator().validate_basic_rules(json::array{numeric_value});
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0],
            (FilterValidationError{json::array{"1"}, {"data.value must be string"}}));
}

TEST(FilteringValidator, AdvancedValidatorsRunAfterBasicOnesWithTheValue) {
  auto advanced = std::make_shared<FakeAdvancedValidator>(SyncRuleValidationResult::invalid(
      "advanced_snippet", "Tables not found or inaccessible: t."));
  FilteringValidator validator(default_basic_rules_validators(), {advanced});
  const json::value snippet = json::parse(R"([{"tables": ["t"], "query": "SELECT 1"}])");
  const auto result =
      run(validator.validate(filter_with({rule("1", "regex", ".*"), default_rule()}, snippet)));
  ASSERT_EQ(advanced->seen.size(), 1u);
  EXPECT_EQ(advanced->seen[0], snippet);
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(result.errors[1], (FilterValidationError{json::array{"advanced_snippet"},
                                                     {"Tables not found or inaccessible: t."}}));
}

TEST(FilteringValidator, AdvancedValidatorsAreNotCalledWithoutAdvancedRules) {
  auto advanced = std::make_shared<FakeAdvancedValidator>(
      SyncRuleValidationResult::invalid("advanced_snippet", "never"));
  FilteringValidator validator(default_basic_rules_validators(), {advanced});
  EXPECT_TRUE(is_valid(run(validator.validate(filter_with({default_rule()}, json::object{})))));
  EXPECT_TRUE(is_valid(run(validator.validate(filter_with({default_rule()}, json::array{})))));
  EXPECT_TRUE(is_valid(run(validator.validate(filter_with({default_rule()}, nullptr)))));
  EXPECT_TRUE(advanced->seen.empty());
}

TEST(FilteringValidator, WithoutAdvancedValidatorsAnySnippetIsValid) {
  EXPECT_TRUE(is_valid(run(FilteringValidator().validate(
      filter_with({default_rule()}, json::parse(R"({"anything": [1]})"))))));
}

TEST(ValidationReport, AddingResults) {
  FilteringValidation result;
  add_result(result, std::nullopt);
  add_result(result, SyncRuleValidationResult::valid("1"));
  EXPECT_EQ(result, FilteringValidation());
  add_result(result, SyncRuleValidationResult::invalid(nullptr, "data must be object"));
  EXPECT_EQ(
      json::value(result.to_json()),
      json::parse(
          R"({"state":"invalid","errors":[{"ids":[null],"messages":["data must be object"]}]})"));
}

TEST(ValidationReport, JobErrorMessageUsesTheErrorsTextForm) {
  FilteringValidation result;
  add_result(result, SyncRuleValidationResult::invalid(
                         "2", "Rule with id '2' is semantically equal to rule with id '1'"));
  add_result(result, SyncRuleValidationResult::invalid("3", "data.order must be number"));
  EXPECT_EQ(job_error_message(result),
            "Filtering in state FilteringValidationState.INVALID, errors: [(ids: ['2'], messages: "
            "[\"Rule with id '2' is semantically equal to rule with id '1'\"]), (ids: ['3'], "
            "messages: ['data.order must be number'])].");
}

}  // namespace
}  // namespace ei::filtering
