#include "protocol/filtering.hpp"

#include <gtest/gtest.h>

namespace ei::protocol {
namespace {

namespace json = boost::json;

Filtering filtering_of(const char* text) {
  return Filtering::from_json(json::parse(text));
}

TEST(Filter, AccessorsOfSpec17) {
  const Filter filter = Filter::from_json(json::parse(R"({"rules": [{"id": "1"}],
      "advanced_snippet": {"value": {"find": {}}}, "validation": {"state": "edited",
      "errors": []}})"));
  EXPECT_EQ(filter.basic_rules().size(), 1u);
  EXPECT_EQ(filter.advanced_rules(), json::parse(R"({"find": {}})"));
  EXPECT_TRUE(filter.has_advanced_rules());
  EXPECT_TRUE(filter.has_validation_state(ValidationState::edited));
}

TEST(Filter, DefaultsOfSpec17) {
  const Filter empty;
  EXPECT_TRUE(empty.basic_rules().empty());
  EXPECT_EQ(empty.advanced_rules(), json::object{});
  EXPECT_FALSE(empty.has_advanced_rules());
  EXPECT_EQ(empty.validation(), FilteringValidation{});  // {state: valid, errors: []}
  EXPECT_TRUE(Filter::from_json(nullptr).empty());
  EXPECT_EQ(Filter::from_json(json::parse(R"({"advanced_snippet": {}})")).advanced_rules(),
            json::object{});
}

TEST(Filter, HasAdvancedRulesTreatsEmptyValuesAsNone) {
  for (const char* value : {"{}", "[]", "null", "\"\""}) {
    const Filter filter = Filter::from_json(
        json::parse(std::string(R"({"advanced_snippet": {"value": )") + value + "}}"));
    EXPECT_FALSE(filter.has_advanced_rules()) << value;
  }
  EXPECT_TRUE(Filter::from_json(json::parse(R"({"advanced_snippet": {"value": [{"q": 1}]}})"))
                  .has_advanced_rules());
}

TEST(Filter, TransformForJob) {
  EXPECT_EQ(Filter().transform_for_job(), json::parse(R"({"advanced_snippet": {}, "rules": []})"));
  const json::object full = json::parse(R"({"rules": [], "x": 1})").as_object();
  EXPECT_EQ(Filter(full).transform_for_job(), full);
}

TEST(FilteringValidation, StoredFormOfSpec161) {
  const json::value stored = json::parse(R"({"state": "invalid",
   "errors": [{"ids": ["2"], "messages": ["Rule with id '2' is semantically equal to rule with id '1'"]},
              {"ids": ["1"], "messages": ["Rule with id '1' is semantically equal to rule with id '2'"]}]})");
  FieldProblems problems;
  const FilteringValidation validation = FilteringValidation::from_json(stored, "v", problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(validation.state, ValidationState::invalid);
  ASSERT_EQ(validation.errors.size(), 2u);
  EXPECT_EQ(validation.errors[0].ids, json::array{"2"});
  EXPECT_EQ(validation.to_json(), stored);
  EXPECT_EQ(FilteringValidation{}.to_json(), json::parse(R"({"state": "valid", "errors": []})"));
}

TEST(FilteringValidation, UnknownStateReadsAsInvalidAndIsReported) {
  FieldProblems problems;
  const FilteringValidation validation = FilteringValidation::from_json(
      json::parse(R"({"state": "ok", "errors": [1]})"), "filtering[0].draft.validation", problems);
  EXPECT_EQ(validation.state, ValidationState::invalid);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].path, "filtering[0].draft.validation.state");
  EXPECT_EQ(problems[1].describe(),
            "filtering[0].draft.validation.errors[0]: expected an object, got 1");
}

TEST(Filtering, FirstElementOfTheDomainWins) {
  const Filtering filtering = filtering_of(R"([
      {"domain": "OTHER", "active": {"rules": [{"id": "other"}]}},
      {"domain": "DEFAULT", "active": {"rules": [{"id": "first"}]}, "draft": {"rules": []}},
      {"domain": "DEFAULT", "active": {"rules": [{"id": "second"}]}}])");
  EXPECT_EQ(filtering.active_filter().basic_rules()[0].at("id"), "first");
  EXPECT_EQ(filtering.active_filter("OTHER").basic_rules()[0].at("id"), "other");
  EXPECT_TRUE(filtering.draft_filter().basic_rules().empty());
  EXPECT_TRUE(filtering.active_filter("NONE").empty());
  EXPECT_TRUE(filtering.draft_filter("OTHER").empty());  // element without a draft
}

TEST(Filtering, DraftValidationValidPromotesTheDraft) {
  const Filtering filtering = filtering_of(R"([
      {"domain": "DEFAULT", "active": {"rules": [{"id": "old"}]},
       "draft": {"rules": [{"id": "new"}], "validation": {"state": "edited", "errors": []}}},
      {"domain": "OTHER", "draft": {"validation": {"state": "edited", "errors": []}}}])");
  const json::array written = filtering.with_draft_validation(FilteringValidation{});
  const json::value expected_draft =
      json::parse(R"({"rules": [{"id": "new"}], "validation": {"state": "valid", "errors": []}})");
  EXPECT_EQ(written.at(0).at("draft"), expected_draft);
  EXPECT_EQ(written.at(0).at("active"),
            expected_draft);                            // the whole draft, new validation included
  EXPECT_EQ(written.at(1), filtering.to_json().at(1));  // other domains untouched
}

TEST(Filtering, DraftValidationInvalidLeavesActive) {
  const Filtering filtering = filtering_of(R"([{"domain": "DEFAULT",
      "active": {"rules": [{"id": "old"}]}, "draft": {"rules": [{"id": "new"}]}}])");
  FilteringValidation invalid{ValidationState::invalid, {{json::array{"new"}, {"bad rule"}}}};
  const json::array written = filtering.with_draft_validation(invalid);
  EXPECT_EQ(written.at(0).at("active"), json::parse(R"({"rules": [{"id": "old"}]})"));
  EXPECT_EQ(written.at(0).at("draft").at("validation"),
            json::parse(
                R"({"state": "invalid", "errors": [{"ids": ["new"], "messages": ["bad rule"]}]})"));
}

TEST(Filtering, CheckReportsStructuralProblemsOnly) {
  FieldProblems problems;
  Filtering::check(json::parse(R"([
      {"domain": "DEFAULT", "active": {"rules": [{"policy": 5}]}, "draft": {"rules": {}}},
      "junk", {"domain": 1, "active": []}])"),
                   "filtering", problems);
  std::vector<std::string> described;
  for (const FieldProblem& problem : problems) described.push_back(problem.describe());
  EXPECT_EQ(described,
            (std::vector<std::string>{"filtering[0].draft.rules: expected an array, got {}",
                                      "filtering[1]: expected an object, got \"junk\"",
                                      "filtering[2].domain: expected a string, got 1",
                                      "filtering[2].active: expected an object, got []"}));
}

// The filtering fake-kibana writes into a new connector (spec §21.2), as stored, plus a
// second domain and an unknown key: nothing is lost or reordered.
const char* kStored =
    R"([{"domain":"DEFAULT","draft":{"advanced_snippet":{"value":{},"created_at":"2023-01-31T16:38:49.244Z","updated_at":"2023-01-31T16:41:27.341Z"},)"
    R"("rules":[{"id":"DEFAULT","field":"_","rule":"regex","value":".*","order":1,"policy":"include","created_at":"2023-01-31T16:38:49.244Z","updated_at":"2023-01-31T16:41:27.341Z"}],)"
    R"("validation":{"state":"valid","errors":[]}},)"
    R"("active":{"advanced_snippet":{"value":{},"created_at":"2023-01-31T16:38:49.244Z","updated_at":"2023-01-31T16:41:27.341Z"},)"
    R"("rules":[{"id":"DEFAULT","field":"_","rule":"regex","value":".*","order":1,"policy":"include","created_at":"2023-01-31T16:38:49.244Z","updated_at":"2023-01-31T16:41:27.341Z"}],)"
    R"("validation":{"state":"valid","errors":[]}},"x-extra":true},)"
    R"({"domain":"OTHER","draft":{"rules":[],"validation":{"state":"edited","errors":[]}},"active":{}}])";

TEST(Filtering, RoundTripsTheStoredJsonExactly) {
  const Filtering filtering = filtering_of(kStored);
  EXPECT_EQ(json::serialize(filtering.to_json()), kStored);
  EXPECT_EQ(json::serialize(filtering.active_filter().to_json()),
            json::serialize(json::parse(kStored).at(0).at("active")));
  EXPECT_TRUE(filtering.draft_filter("OTHER").has_validation_state(ValidationState::edited));
  EXPECT_TRUE(filtering.active_filter("OTHER").empty());
}

TEST(Filtering, PromotionKeepsUnknownKeysAndLeavesTheOriginalAlone) {
  json::value stored = json::parse(kStored);
  stored.at(0).at("draft").at("validation").at("state") = "edited";
  const Filtering filtering = Filtering::from_json(stored);
  const json::array written = filtering.with_draft_validation(FilteringValidation{});
  EXPECT_EQ(written.at(0).at("x-extra"), json::value(true));
  EXPECT_EQ(written.at(0).at("active").at("validation").at("state"), "valid");
  EXPECT_EQ(filtering.to_json(), stored.as_array());
}

TEST(Filtering, WrongShapesReadAsEmptyForCheckToReport) {
  EXPECT_TRUE(Filtering::from_json(json::object{}).to_json().empty());
  EXPECT_TRUE(filtering_of(R"(["junk", {"domain": "DEFAULT"}])").draft_filter().empty());
  EXPECT_TRUE(filtering_of(R"([{"domain": "DEFAULT", "draft": 3}])").draft_filter().empty());
  FieldProblems problems;
  Filtering::check(json::object{}, "filtering", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].describe(), "filtering: expected an array, got {}");
}

// A source reads the job's filter with the same accessors; a malformed part reads as none
// (the job was refused as malformed when it was read, see Filter::check).
TEST(Filter, AccessorsAreTolerant) {
  EXPECT_TRUE(Filter::from_json(json::parse("3")).to_json().empty());
  EXPECT_TRUE(Filter::from_json(json::array{}).empty());
  for (const char* text :
       {R"({"advanced_snippet": {"value": {}}})", R"({"advanced_snippet": {"value": []}})",
        R"({"advanced_snippet": {"value": null}})", R"({"advanced_snippet": {"value": ""}})",
        R"({"advanced_snippet": {}})", R"({"advanced_snippet": 3})", R"({"rules": 5})"}) {
    const Filter none = Filter::from_json(json::parse(text));
    EXPECT_FALSE(none.has_advanced_rules()) << text;
    EXPECT_TRUE(none.basic_rules().empty()) << text;
  }
  EXPECT_TRUE(
      Filter::from_json(json::parse(R"({"advanced_snippet": {"value": 0}})")).has_advanced_rules());
  EXPECT_TRUE(Filter::from_json(json::parse(R"({"advanced_snippet": {"value": null}})"))
                  .advanced_rules()
                  .is_null());
  const Filter malformed(json::object{{"validation", json::object{{"state", 3}}}});
  EXPECT_FALSE(malformed.has_validation_state(ValidationState::valid));
  FieldProblems problems;
  Filter::check(json::value(malformed.to_json()), "filter", problems);
  EXPECT_FALSE(problems.empty());
}

TEST(Filter, TransformForJobCopiesEveryKey) {
  const Filter only_extra(json::object{{"something", 1}});
  EXPECT_EQ(json::serialize(only_extra.transform_for_job()), R"({"something":1})");
}

}  // namespace
}  // namespace ei::protocol
