// prepare_content_index against the engine under test (spec §12.1-12.4, issue 3 item 4).
#include "sync/content_index.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "integration/sync_content/sync_content_support.hpp"
#include "protocol/content_index_settings.hpp"
#include "protocol/protocol_error.hpp"

namespace ei::sync::testing {
namespace {

class ContentIndex : public SyncContentTest {
 protected:
  const json::object& analyzer(const json::object& settings, const std::string& name) {
    return settings.at("index").at("analysis").at("analyzer").at(name).as_object();
  }

  // The mapping of dynamically mapped strings (the dynamic template "data").
  static const json::object& text_template(const json::object& mappings) {
    return mappings.at("dynamic_templates").at(0).at("data").at("mapping").as_object();
  }

  void index_and_refresh(const std::string& index, const std::string& id, json::object doc) {
    es::WriteOptions options;
    options.refresh = "true";
    run(client().index_document(index, id, std::move(doc), options));
  }
};

TEST_F(ContentIndex, AbsentIndexIsCreatedWithTheSpecsSettingsAndMappings) {
  const std::string index = content_index("absent");
  ASSERT_FALSE(run(client().index_exists(index)));
  run(prepare_content_index(client(), index));
  ASSERT_TRUE(run(client().index_exists(index)));

  const json::object mappings = run(client().get_mapping(index));
  EXPECT_EQ(mappings.at("dynamic"), "true");
  EXPECT_EQ(text_template(mappings), protocol::text_field_mapping());
  EXPECT_EQ(mappings.at("properties").at("id").at("type"), "keyword");
  EXPECT_EQ(mappings.at("properties").at("_subextracted_as_of").at("type"), "date");
  EXPECT_EQ(mappings.at("properties").at("_subextracted_version").at("type"), "keyword");

  const json::object settings = run(client().get_settings(index));
  EXPECT_EQ(settings.at("index").at("similarity").at("default").at("type"), "BM25");
  if (core_only_engine()) {
    // No analysis-common: the same analyzer names, each the engine's standard analyzer.
    EXPECT_EQ(analyzer(settings, "iq_text_stem").at("type"), "standard");
    EXPECT_EQ(analyzer(settings, "i_prefix").at("type"), "standard");
  } else {
    const json::object& stem = analyzer(settings, "iq_text_stem");
    EXPECT_EQ(stem.at("tokenizer"), "standard");
    EXPECT_EQ(stem.at("filter"), (json::array{"cjk_width", "lowercase", "asciifolding",
                                              "en-stop-words-filter", "en-stem-filter"}));
    const json::object& filters = settings.at("index").at("analysis").at("filter").as_object();
    EXPECT_EQ(filters.at("en-stem-filter").at("type"), "stemmer");
    EXPECT_EQ(filters.at("front_ngram").at("type"), "edge_ngram");
  }

  // A document's strings get the sub-fields, analysed as the engine allows.
  index_and_refresh(index, "1", json::object{{"title", "Running shoes for trails"}});
  const json::object after = run(client().get_mapping(index));
  const json::object& title = after.at("properties").at("title").as_object();
  EXPECT_EQ(title.at("analyzer"), "iq_text_base");
  EXPECT_TRUE(title.at("fields").as_object().contains("stem"));
  EXPECT_EQ(title.at("fields").at("enum").at("type"), "keyword");
  EXPECT_EQ(search_ids(index, match("title", "shoes")), std::vector<std::string>{"1"});
  EXPECT_EQ(search_ids(index, match("title.enum", "Running shoes for trails")).size(), 1u);
  // Stemming and prefixes exist only with the analysis module.
  const std::size_t analysed = core_only_engine() ? 0u : 1u;
  EXPECT_EQ(search_ids(index, match("title.stem", "shoe")).size(), analysed);
  EXPECT_EQ(search_ids(index, match("title.prefix", "trai")).size(), analysed);
}

TEST_F(ContentIndex, LanguageChoosesTheAnalysis) {
  const std::string index = content_index("french");
  run(prepare_content_index(client(), index, "fr"));
  const json::object settings = run(client().get_settings(index));
  if (core_only_engine()) {
    EXPECT_EQ(analyzer(settings, "iq_text_stem").at("type"), "standard");
    return;
  }
  const json::object& filters = settings.at("index").at("analysis").at("filter").as_object();
  EXPECT_EQ(filters.at("fr-elision").at("type"), "elision");
  EXPECT_EQ(filters.at("fr-stem-filter").at("name"), "light_french");
  EXPECT_EQ(analyzer(settings, "iq_text_stem").at("filter").at(0), "fr-elision");
  // The elision filter is at work: "l'avion" is found by "avion".
  index_and_refresh(index, "1", json::object{{"title", "l'avion décolle"}});
  EXPECT_EQ(search_ids(index, match("title.stem", "avion")), std::vector<std::string>{"1"});
}

TEST_F(ContentIndex, UnsupportedLanguageFailsBeforeAnyChange) {
  const std::string index = content_index("klingon");
  EXPECT_THROW(run(prepare_content_index(client(), index, "tlh")), protocol::ProtocolError);
  EXPECT_FALSE(run(client().index_exists(index)));
}

TEST_F(ContentIndex, ExistingIndexWithMappingsIsLeftUntouched) {
  const std::string index = content_index("mapped");
  json::object body = settings();
  body["mappings"] =
      json::object{{"properties", json::object{{"path", json::object{{"type", "keyword"}}}}}};
  run(client().create_index(index, body));
  const json::object mappings_before = run(client().get_mapping(index));
  const json::object settings_before = run(client().get_settings(index));

  run(prepare_content_index(client(), index));

  EXPECT_EQ(run(client().get_mapping(index)), mappings_before);
  EXPECT_FALSE(run(client().get_mapping(index)).contains("dynamic_templates"));
  const json::object settings_after = run(client().get_settings(index));
  EXPECT_EQ(settings_after, settings_before);
  EXPECT_FALSE(settings_after.at("index").as_object().contains("analysis"));
}

TEST_F(ContentIndex, EmptyIndexWithTheAnalysisGetsTheFullDefaultMappings) {
  const std::string index = content_index("empty-analysed");
  // As Kibana creates it: the §12.3 settings, no mappings (a standard fallback where the
  // engine has no analysis module).
  json::object analysis = core_only_engine() ? json::parse(R"({"analysis": {"analyzer": {
                                    "i_prefix": {"type": "standard"}, "q_prefix": {"type": "standard"},
                                    "iq_text_base": {"type": "standard"}, "iq_text_stem": {"type": "standard"},
                                    "iq_text_delimiter": {"type": "standard"},
                                    "i_text_bigram": {"type": "standard"},
                                    "q_text_bigram": {"type": "standard"}}}})")
                                                   .as_object()
                                             : protocol::analysis_settings("en");
  run(client().create_index(index, json::object{{"settings", analysis}}));
  ASSERT_TRUE(run(client().get_mapping(index)).empty());

  run(prepare_content_index(client(), index));

  const json::object mappings = run(client().get_mapping(index));
  EXPECT_EQ(mappings.at("dynamic"), "true");
  EXPECT_EQ(text_template(mappings), protocol::text_field_mapping());
  EXPECT_EQ(mappings.at("properties").at("id").at("type"), "keyword");
}

TEST_F(ContentIndex, EmptyBareIndexGetsTheMappingsWithItsDefaultAnalyzer) {
  // Created by hand without the analysis settings: the analyzers the defaults name do not
  // exist there, so the mappings are added without them rather than failing every sync.
  const std::string index = content_index("empty-bare");
  run(client().create_index(index, settings()));
  ASSERT_TRUE(run(client().get_mapping(index)).empty());

  run(prepare_content_index(client(), index));

  const json::object mappings = run(client().get_mapping(index));
  const json::object& text = text_template(mappings);
  EXPECT_EQ(text.at("type"), "text");
  EXPECT_FALSE(text.contains("analyzer"));
  EXPECT_EQ(text.at("fields").at("prefix").as_object(),
            (json::object{{"type", "text"}, {"index_options", "docs"}}));
  EXPECT_EQ(text.at("fields").at("enum").at("ignore_above"), 2048);
  EXPECT_EQ(mappings.at("properties").at("id").at("type"), "keyword");
  index_and_refresh(index, "1", json::object{{"title", "Bare index document"}});
  EXPECT_EQ(search_ids(index, match("title", "bare")), std::vector<std::string>{"1"});
}

TEST_F(ContentIndex, PreparingTwiceChangesNothing) {
  const std::string index = content_index("twice");
  run(prepare_content_index(client(), index));
  const json::object mappings = run(client().get_mapping(index));
  const json::object settings = run(client().get_settings(index));
  run(prepare_content_index(client(), index));
  EXPECT_EQ(run(client().get_mapping(index)), mappings);
  EXPECT_EQ(run(client().get_settings(index)), settings);
}

TEST_F(ContentIndex, ConcurrentPreparationsBothSucceed) {
  // Two services preparing the same absent index: the loser of the creation race sees
  // `resource_already_exists_exception` and carries on.
  const std::string index = content_index("race");
  int finished = 0;
  std::vector<std::exception_ptr> failures;
  for (int i = 0; i < 2; ++i) {
    boost::asio::co_spawn(io_, prepare_content_index(client(), index),
                          [&](std::exception_ptr failure) {
                            ++finished;
                            if (failure) failures.push_back(failure);
                          });
  }
  io_.restart();
  io_.run();
  EXPECT_EQ(finished, 2);
  for (const std::exception_ptr& failure : failures) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }
  EXPECT_EQ(text_template(run(client().get_mapping(index))), protocol::text_field_mapping());
}

}  // namespace
}  // namespace ei::sync::testing
