// Pure parts of content-index preparation (spec §12.2-12.3): analyzer references, probes
// and the core-only fallback.
#include "sync/content_index_analysis.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "protocol/content_index_settings.hpp"

namespace ei::sync {
namespace {

namespace json = boost::json;

const std::set<std::string> kDefaultAnalyzers{"i_prefix",          "i_text_bigram", "iq_text_base",
                                              "iq_text_delimiter", "iq_text_stem",  "q_prefix",
                                              "q_text_bigram"};

TEST(ContentIndexAnalysis, DefaultMappingsNameTheSevenAnalyzersOfTheSettings) {
  EXPECT_EQ(analyzers_named_by(protocol::default_content_mappings()), kDefaultAnalyzers);
  // Every analyzer the mappings use is defined by the settings of every language.
  for (const char* language : {"en", "fr", "ja", "de"}) {
    const json::object settings = protocol::analysis_settings(language);
    std::set<std::string> defined;
    for (const auto& [name, definition] : settings.at("analysis").at("analyzer").as_object()) {
      defined.emplace(name);
    }
    EXPECT_EQ(defined, kDefaultAnalyzers) << language;
  }
}

TEST(ContentIndexAnalysis, AnalyzersInNestedFieldsAndTemplatesAreFound) {
  const json::object mappings = json::parse(R"({
    "dynamic_templates": [{"t": {"mapping": {"type": "text", "analyzer": "a1",
                                             "fields": {"x": {"type": "text", "search_analyzer": "a2"}}}}}],
    "properties": {"title": {"type": "text", "analyzer": "a3"},
                   "nested": {"properties": {"deep": {"type": "text", "analyzer": "a1"}}},
                   "n": {"type": "long"}}})")
                                    .as_object();
  EXPECT_EQ(analyzers_named_by(mappings), (std::set<std::string>{"a1", "a2", "a3"}));
  EXPECT_TRUE(analyzers_named_by(json::object{}).empty());
}

TEST(ContentIndexAnalysis, DefinedAnalyzersFromNestedOrFlatSettings) {
  const json::object nested = json::parse(R"({"index": {"number_of_shards": "1",
      "analysis": {"analyzer": {"iq_text_base": {"type": "custom"}, "other": {}}}}})")
                                  .as_object();
  EXPECT_EQ(analyzers_defined_in(nested), (std::set<std::string>{"iq_text_base", "other"}));
  const json::object flat = json::parse(R"({"index.analysis.analyzer.q_prefix.type": "custom",
      "index.analysis.analyzer.q_prefix.tokenizer": "standard", "index.number_of_shards": "1"})")
                                .as_object();
  EXPECT_EQ(analyzers_defined_in(flat), (std::set<std::string>{"q_prefix"}));
  EXPECT_TRUE(analyzers_defined_in(json::parse(R"({"index": {}})").as_object()).empty());
}

TEST(ContentIndexAnalysis, UndefinedAnalyzersAreDroppedAndReported) {
  std::set<std::string> dropped;
  const json::object mappings = without_undefined_analyzers(protocol::default_content_mappings(),
                                                            {"iq_text_base", "i_prefix"}, dropped);
  EXPECT_EQ(dropped, (std::set<std::string>{"iq_text_delimiter", "iq_text_stem", "q_prefix",
                                            "i_text_bigram", "q_text_bigram"}));
  EXPECT_EQ(analyzers_named_by(mappings), (std::set<std::string>{"iq_text_base", "i_prefix"}));
  // The structure stays: the text field and its sub-fields, only the references go.
  const json::object& text =
      mappings.at("dynamic_templates").at(0).at("data").at("mapping").as_object();
  EXPECT_EQ(text.at("analyzer"), "iq_text_base");
  EXPECT_EQ(text.at("fields").at("prefix").at("analyzer"), "i_prefix");
  EXPECT_FALSE(text.at("fields").at("prefix").as_object().contains("search_analyzer"));
  EXPECT_EQ(text.at("fields").at("stem").as_object(), (json::object{{"type", "text"}}));
  EXPECT_EQ(mappings.at("properties").at("id").at("type"), "keyword");
  EXPECT_EQ(mappings.at("dynamic"), "true");

  std::set<std::string> none;
  EXPECT_EQ(
      without_undefined_analyzers(protocol::default_content_mappings(), kDefaultAnalyzers, none),
      protocol::default_content_mappings());
  EXPECT_TRUE(none.empty());
}

TEST(ContentIndexAnalysis, ProbesCoverEveryTokenizerAndFilterInline) {
  const json::object settings = protocol::analysis_settings("fr");
  const std::vector<json::object> probes = analysis_probes(settings);
  ASSERT_EQ(probes.size(), 2u);  // standard and whitespace (iq_text_delimiter)
  EXPECT_EQ(probes[0].at("tokenizer"), "standard");
  EXPECT_EQ(probes[1].at("tokenizer"), "whitespace");
  const json::object& defined = settings.at("analysis").at("filter").as_object();
  std::set<std::string> used;
  for (const auto& [name, analyzer] : settings.at("analysis").at("analyzer").as_object()) {
    for (const json::value& filter : analyzer.at("filter").as_array()) {
      used.emplace(filter.as_string());
    }
  }
  std::size_t probed = 0;
  bool elision_inline = false;
  for (const json::object& probe : probes) {
    EXPECT_EQ(probe.at("text"), "probe");
    for (const json::value& filter : probe.at("filter").as_array()) {
      ++probed;
      if (filter.is_string()) {
        // A built-in filter: never one the settings define.
        EXPECT_FALSE(defined.contains(filter.as_string())) << filter;
      } else {
        EXPECT_TRUE(filter.as_object().contains("type")) << filter;
        if (filter.at("type") == "elision") elision_inline = true;
      }
    }
  }
  EXPECT_TRUE(elision_inline);
  // Each filter once per tokenizer: at least every used filter, no more than twice each.
  EXPECT_GE(probed, used.size());
  EXPECT_LE(probed, 2 * used.size());
  EXPECT_TRUE(analysis_probes(json::object{}).empty());
}

TEST(ContentIndexAnalysis, IcuSettingsProbeTheIcuTokenizer) {
  const std::vector<json::object> probes =
      analysis_probes(protocol::analysis_settings("en", /*icu=*/true));
  ASSERT_EQ(probes.size(), 2u);
  EXPECT_EQ(probes[0].at("tokenizer"), "icu_tokenizer");
  EXPECT_EQ(probes[0].at("filter").at(0), "icu_folding");
}

TEST(ContentIndexAnalysis, StandardFallbackKeepsTheAnalyzerNames) {
  const json::object settings = standard_analysis_settings(kDefaultAnalyzers);
  const json::object& analyzers = settings.at("analysis").at("analyzer").as_object();
  EXPECT_EQ(analyzers.size(), kDefaultAnalyzers.size());
  for (const std::string& name : kDefaultAnalyzers) {
    EXPECT_EQ(analyzers.at(name).as_object(), (json::object{{"type", "standard"}})) << name;
  }
  EXPECT_FALSE(settings.at("analysis").as_object().contains("filter"));
  EXPECT_EQ(settings.at("index").at("similarity").at("default").at("type"), "BM25");
  // Nothing to probe: the standard analyzer is part of every engine.
  EXPECT_TRUE(analysis_probes(settings).empty());
}

}  // namespace
}  // namespace ei::sync
