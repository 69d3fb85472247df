#include "filtering/filtering.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "filtering/errors.hpp"

namespace ei::filtering {
namespace {

namespace json = boost::json;

// The filtering fake-kibana writes into a new connector (spec §21.2), one key per line as
// stored, plus a second domain and an unknown key to show that nothing is lost.
const char* kStored =
    R"([{"domain":"DEFAULT","draft":{"advanced_snippet":{"value":{},"created_at":"2023-01-31T16:38:49.244Z","updated_at":"2023-01-31T16:41:27.341Z"},)"
    R"("rules":[{"id":"DEFAULT","field":"_","rule":"regex","value":".*","order":1,"policy":"include","created_at":"2023-01-31T16:38:49.244Z","updated_at":"2023-01-31T16:41:27.341Z"}],)"
    R"("validation":{"state":"valid","errors":[]}},)"
    R"("active":{"advanced_snippet":{"value":{},"created_at":"2023-01-31T16:38:49.244Z","updated_at":"2023-01-31T16:41:27.341Z"},)"
    R"("rules":[{"id":"DEFAULT","field":"_","rule":"regex","value":".*","order":1,"policy":"include","created_at":"2023-01-31T16:38:49.244Z","updated_at":"2023-01-31T16:41:27.341Z"}],)"
    R"("validation":{"state":"valid","errors":[]}},"x-extra":true},)"
    R"({"domain":"OTHER","draft":{"rules":[],"validation":{"state":"edited","errors":[]}},"active":{}}])";

TEST(Filtering, RoundTripsTheStoredJsonExactly) {
  const Filtering filtering = Filtering::from_json(json::parse(kStored));
  EXPECT_EQ(json::serialize(filtering.to_json()), kStored);
  EXPECT_EQ(json::serialize(filtering.active_filter().to_json()),
            json::serialize(json::parse(kStored).at(0).at("active")));
}

TEST(Filtering, NullIsEmptyAndOtherTypesAreErrors) {
  EXPECT_TRUE(Filtering::from_json(nullptr).to_json().empty());
  EXPECT_TRUE(Filtering::from_json(nullptr).active_filter().empty());
  EXPECT_THROW(Filtering::from_json(json::object{}), FilteringError);
}

TEST(Filtering, PicksTheFirstElementOfTheDomain) {
  const Filtering filtering(json::array{
      json::object{{"domain", "DEFAULT"}, {"active", json::object{{"rules", json::array{1}}}}},
      json::object{{"domain", "DEFAULT"}, {"active", json::object{{"rules", json::array{2}}}}}});
  EXPECT_EQ(filtering.active_filter().basic_rules(), json::array{1});
}

TEST(Filtering, DraftActiveAndOtherDomains) {
  const Filtering filtering = Filtering::from_json(json::parse(kStored));
  EXPECT_TRUE(
      filtering.draft_filter("OTHER").has_validation_state(FilteringValidationState::edited));
  EXPECT_TRUE(filtering.active_filter("OTHER").empty());
  EXPECT_TRUE(filtering.active_filter("MISSING").empty());
}

TEST(Filtering, MissingVersionOrNonObjectElementsReadAsEmpty) {
  const Filtering filtering(json::array{"junk", json::object{{"domain", "DEFAULT"}}});
  EXPECT_TRUE(filtering.draft_filter().empty());
  const Filtering bad(json::array{json::object{{"domain", "DEFAULT"}, {"draft", 3}}});
  EXPECT_THROW(bad.draft_filter(), FilteringError);
}

TEST(Filtering, ValidDraftIsPromotedWithItsValidation) {
  json::value stored = json::parse(kStored);
  stored.at(0).at("draft").at("validation").at("state") = "edited";
  stored.at(0).at("draft").at("rules").as_array().push_back(json::object{{"id", "1"}});
  const Filtering filtering = Filtering::from_json(stored);

  const Filtering updated = filtering.with_draft_validation(FilteringValidationResult());
  json::value expected_draft = stored.at(0).at("draft");
  expected_draft.at("validation") = json::parse(R"({"state":"valid","errors":[]})");
  EXPECT_EQ(json::value(updated.draft_filter().to_json()), expected_draft);
  EXPECT_EQ(json::value(updated.active_filter().to_json()), expected_draft);
  EXPECT_EQ(updated.to_json().at(0).at("x-extra"), json::value(true));
  EXPECT_EQ(updated.to_json().at(1), stored.at(1));   // other domains untouched
  EXPECT_EQ(filtering.to_json(), stored.as_array());  // the original is not modified
}

TEST(Filtering, InvalidDraftLeavesActiveUntouched) {
  const Filtering filtering = Filtering::from_json(json::parse(kStored));
  FilteringValidationResult invalid;
  invalid += SyncRuleValidationResult::invalid("1", "data.order must be number");
  const Filtering updated = filtering.with_draft_validation(invalid);
  EXPECT_EQ(updated.active_filter(), filtering.active_filter());
  EXPECT_EQ(
      json::value(updated.draft_filter().to_json().at("validation")),
      json::parse(
          R"({"state":"invalid","errors":[{"ids":["1"],"messages":["data.order must be number"]}]})"));
}

TEST(Filter, Accessors) {
  const Filter filter = Filtering::from_json(json::parse(kStored)).active_filter();
  ASSERT_EQ(filter.basic_rules().size(), 1u);
  EXPECT_EQ(filter.advanced_rules(), json::object{});
  EXPECT_FALSE(filter.has_advanced_rules());
  EXPECT_TRUE(filter.validation().is_valid());
  EXPECT_TRUE(filter.has_validation_state(FilteringValidationState::valid));
  EXPECT_FALSE(filter.has_validation_state(FilteringValidationState::edited));
}

TEST(Filter, EmptyFilterDefaults) {
  const Filter filter = Filter::from_json(nullptr);
  EXPECT_TRUE(filter.empty());
  EXPECT_EQ(filter.basic_rules(), json::array{});
  EXPECT_EQ(filter.advanced_rules(), json::object{});
  EXPECT_FALSE(filter.has_advanced_rules());
  EXPECT_EQ(filter.validation(), FilteringValidationResult());
  EXPECT_TRUE(filter.has_validation_state(FilteringValidationState::valid));
  EXPECT_EQ(json::serialize(filter.transform_for_job()), R"({"advanced_snippet":{},"rules":[]})");
  EXPECT_THROW(Filter::from_json(json::array{}), FilteringError);
}

TEST(Filter, AdvancedRules) {
  const auto snippet = [](const char* value) {
    return Filter(json::object{{"advanced_snippet", json::parse(value)}});
  };
  EXPECT_EQ(snippet(R"({"value": [{"tables": ["t"]}]})").advanced_rules(),
            json::parse(R"([{"tables": ["t"]}])"));
  EXPECT_TRUE(snippet(R"({"value": [{"tables": ["t"]}]})").has_advanced_rules());
  EXPECT_TRUE(snippet(R"({"value": {"find": {}}})").has_advanced_rules());
  EXPECT_FALSE(snippet(R"({"value": []})").has_advanced_rules());
  EXPECT_FALSE(snippet(R"({"value": {}})").has_advanced_rules());
  EXPECT_FALSE(snippet(R"({"value": null})").has_advanced_rules());
  EXPECT_TRUE(snippet(R"({"value": null})").advanced_rules().is_null());
  EXPECT_EQ(snippet(R"({"created_at": "x"})").advanced_rules(), json::object{});
  EXPECT_EQ(snippet("null").advanced_rules(), json::object{});
  EXPECT_THROW(snippet("[]").advanced_rules(), FilteringError);
}

TEST(Filter, TransformForJobCopiesEveryKey) {
  const Filter filter = Filtering::from_json(json::parse(kStored)).active_filter();
  EXPECT_EQ(filter.transform_for_job(), filter.to_json());
  const Filter only_extra(json::object{{"something", 1}});
  EXPECT_EQ(json::serialize(only_extra.transform_for_job()), R"({"something":1})");
}

TEST(Filter, MalformedValidationState) {
  const Filter filter(json::object{{"validation", json::object{{"state", 3}}}});
  EXPECT_FALSE(filter.has_validation_state(FilteringValidationState::valid));
  EXPECT_THROW(filter.validation(), FilteringError);
}

}  // namespace
}  // namespace ei::filtering
