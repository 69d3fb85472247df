#include <gtest/gtest.h>

#include "protocol/content_index_settings.hpp"
#include "protocol/index_names.hpp"
#include "protocol/language_data.hpp"
#include "protocol/protocol_error.hpp"
#include "protocol/protocol_mappings.hpp"

namespace ei::protocol {
namespace {

namespace json = boost::json;

TEST(IndexNames, AliasesOverVersionedIndices) {
  EXPECT_EQ(kConnectorsIndex, ".elastic-connectors");
  EXPECT_EQ(kConnectorsConcreteIndex, ".elastic-connectors-v1");
  EXPECT_EQ(kJobsIndex, ".elastic-connectors-sync-jobs");
  EXPECT_EQ(kJobsConcreteIndex, ".elastic-connectors-sync-jobs-v1");
  EXPECT_TRUE(is_valid_content_index_name("search-mongo"));
  EXPECT_FALSE(is_valid_content_index_name("mongo"));
  EXPECT_FALSE(is_valid_content_index_name("search"));
  EXPECT_EQ(access_control_index_name("search-foo"), ".search-acl-filter-search-foo");
}

TEST(ContentMappings, DefaultsOfSpec122) {
  const json::value text_field = json::parse(R"({
      "type": "text", "analyzer": "iq_text_base", "index_options": "freqs",
      "fields": {
        "stem": {"type": "text", "analyzer": "iq_text_stem"},
        "prefix": {"type": "text", "analyzer": "i_prefix", "search_analyzer": "q_prefix",
                   "index_options": "docs"},
        "delimiter": {"type": "text", "analyzer": "iq_text_delimiter", "index_options": "freqs"},
        "joined": {"type": "text", "analyzer": "i_text_bigram", "search_analyzer": "q_text_bigram",
                   "index_options": "freqs"},
        "enum": {"type": "keyword", "ignore_above": 2048}}})");
  EXPECT_EQ(text_field_mapping(), text_field);
  json::object expected{
      {"dynamic", "true"},
      {"dynamic_templates",
       json::array{
           json::object{
               {"data", json::object{{"match_mapping_type", "string"}, {"mapping", text_field}}}},
           // Ours, after the spec's: a date `_timestamp` keeps its exact text in doc values.
           json::parse(R"({"timestamp_exact": {
               "match": "_timestamp", "match_mapping_type": "date",
               "mapping": {"type": "date",
                           "fields": {"exact": {"type": "keyword", "index": false}}}}})")}},
      {"properties", json::parse(R"({"id": {"type": "keyword"},
                                     "_subextracted_as_of": {"type": "date"},
                                     "_subextracted_version": {"type": "keyword"}})")}};
  EXPECT_EQ(default_content_mappings(), expected);
}

json::value analyzer(const char* tokenizer, json::array filters) {
  return json::object{{"type", "custom"}, {"tokenizer", tokenizer}, {"filter", std::move(filters)}};
}

TEST(AnalysisSettings, EnglishNonIcuOfSpec123) {
  const json::object settings = analysis_settings();
  const json::array fold{"cjk_width", "lowercase", "asciifolding"};
  auto with = [&](std::initializer_list<json::value> before,
                  std::initializer_list<json::value> after) {
    json::array chain;
    for (const auto& f : before) chain.push_back(f);
    for (const auto& f : fold) chain.push_back(f);
    for (const auto& f : after) chain.push_back(f);
    return chain;
  };
  json::object analyzers{
      {"i_prefix", analyzer("standard", with({}, {"front_ngram"}))},
      {"q_prefix", analyzer("standard", with({}, {}))},
      {"iq_text_base", analyzer("standard", with({}, {"en-stop-words-filter"}))},
      {"iq_text_stem", analyzer("standard", with({}, {"en-stop-words-filter", "en-stem-filter"}))},
      {"iq_text_delimiter",
       analyzer("whitespace", with({"delimiter"}, {"en-stop-words-filter", "en-stem-filter"}))},
      {"i_text_bigram",
       analyzer("standard", with({}, {"en-stem-filter", "bigram_joiner", "bigram_max_size"}))},
      {"q_text_bigram", analyzer("standard", with({}, {"en-stem-filter", "bigram_joiner_unigrams",
                                                       "bigram_max_size"}))}};
  const json::value filters = json::parse(R"({
      "front_ngram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 12},
      "bigram_joiner": {"type": "shingle", "token_separator": "", "max_shingle_size": 2,
                        "output_unigrams": "false"},
      "bigram_joiner_unigrams": {"type": "shingle", "token_separator": "", "max_shingle_size": 2,
                                 "output_unigrams": "true"},
      "delimiter": {"type": "word_delimiter_graph", "generate_word_parts": "true",
                    "generate_number_parts": "true", "catenate_words": "true",
                    "catenate_numbers": "true", "catenate_all": "true",
                    "preserve_original": "false", "split_on_case_change": "true",
                    "split_on_numerics": "true", "stem_english_possessive": "true"},
      "bigram_max_size": {"type": "length", "min": 0, "max": 16},
      "en-stem-filter": {"type": "stemmer", "name": "light_english"},
      "en-stop-words-filter": {"type": "stop", "stopwords": "_english_"}})");
  EXPECT_EQ(settings.at("analysis").at("analyzer"), analyzers);
  EXPECT_EQ(settings.at("analysis").at("filter"), filters);
  EXPECT_EQ(settings.at("index"), json::parse(R"({"similarity": {"default": {"type": "BM25"}}})"));
}

TEST(AnalysisSettings, FrenchPrependsElision) {
  const json::object settings = analysis_settings("fr");
  const json::value& analyzers = settings.at("analysis").at("analyzer");
  EXPECT_EQ(analyzers.at("iq_text_stem").at("filter"),
            json::parse(R"(["fr-elision", "cjk_width", "lowercase", "asciifolding",
                            "fr-stop-words-filter", "fr-stem-filter"])"));
  EXPECT_EQ(analyzers.at("iq_text_delimiter").at("filter").at(0), "fr-elision");
  EXPECT_EQ(analyzers.at("iq_text_base").at("filter"),
            json::parse(R"(["cjk_width", "lowercase", "asciifolding", "fr-stop-words-filter"])"));
  EXPECT_EQ(settings.at("analysis").at("filter").at("fr-elision"),
            json::parse(R"({"type": "elision", "articles_case": true, "articles":
                ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu",
                 "puisqu"]})"));
  EXPECT_EQ(settings.at("analysis").at("filter").at("fr-stem-filter").at("name"), "light_french");
}

TEST(AnalysisSettings, JapanesePostpendsCjkBigramWithIcu) {
  const json::object settings = analysis_settings("ja", /*icu=*/true);
  const json::value& analyzers = settings.at("analysis").at("analyzer");
  EXPECT_EQ(analyzers.at("iq_text_stem"),
            analyzer("icu_tokenizer", json::array{"icu_folding", "ja-stop-words-filter",
                                                  "ja-stem-filter", "cjk_bigram"}));
  EXPECT_EQ(analyzers.at("iq_text_delimiter").at("tokenizer"), "whitespace");
  EXPECT_EQ(analyzers.at("i_prefix").at("filter"),
            json::parse(R"(["icu_folding", "front_ngram"])"));
}

TEST(AnalysisSettings, UnknownLanguage) {
  try {
    (void)analysis_settings("xx");
    FAIL() << "expected ProtocolError";
  } catch (const ProtocolError& error) {
    EXPECT_STREQ(error.what(), "Language 'xx' is not supported");
  }
}

TEST(LanguageData, FourteenCodesOfSpec124) {
  const std::vector<std::tuple<const char*, const char*, const char*, const char*>> table = {
      {"da", "Danish", "danish", "_danish_"},
      {"de", "German", "light_german", "_german_"},
      {"en", "English", "light_english", "_english_"},
      {"es", "Spanish", "light_spanish", "_spanish_"},
      {"fr", "French", "light_french", "_french_"},
      {"it", "Italian", "light_italian", "_italian_"},
      {"ja", "Japanese", "light_english", "_english_"},
      {"ko", "Korean", "light_english", "_english_"},
      {"nl", "Dutch", "dutch", "_dutch_"},
      {"pt", "Portuguese", "light_portuguese", "_portuguese_"},
      {"pt-br", "Portuguese (Brazil)", "brazilian", "_brazilian_"},
      {"ru", "Russian", "russian", "_russian_"},
      {"th", "Thai", "light_english", "_thai_"},
      {"zh", "Chinese", "light_english", "_english_"}};
  EXPECT_EQ(language_table().size(), table.size());
  for (const auto& [code, name, stemmer, stop_words] : table) {
    const std::optional<LanguageData> language = find_language(code);
    ASSERT_TRUE(language) << code;
    EXPECT_EQ(language->name, name);
    EXPECT_EQ(language->stemmer, stemmer);
    EXPECT_EQ(language->stop_words, stop_words);
    EXPECT_NO_THROW((void)analysis_settings(code)) << code;
  }
  EXPECT_EQ(find_language("it")->prepended_filters, std::vector<std::string>{"it-elision"});
  EXPECT_EQ(find_language("it")
                ->custom_filter_definitions.at("it-elision")
                .at("articles")
                .as_array()
                .size(),
            21u);
  EXPECT_EQ(find_language("zh")->postpended_filters, std::vector<std::string>{"cjk_bigram"});
  EXPECT_EQ(find_language("ko")->postpended_filters, std::vector<std::string>{"cjk_bigram"});
  EXPECT_TRUE(find_language("th")->postpended_filters.empty());
  EXPECT_FALSE(find_language("EN"));
}

TEST(ContentIndexCreationBody, SettingsAndMappings) {
  const json::object body = content_index_creation_body();
  EXPECT_EQ(body.at("settings"), analysis_settings("en"));
  EXPECT_EQ(body.at("mappings"), default_content_mappings());
}

TEST(ProtocolMappings, ConnectorsIndex) {
  const json::object mappings = connectors_index_mappings();
  EXPECT_EQ(mappings.at("dynamic"), false);
  EXPECT_EQ(mappings.at("_meta").at("version"), "1");
  const json::value& properties = mappings.at("properties");
  // The fields the service queries (spec §7.3) must be mapped as exact values.
  EXPECT_EQ(properties.at("is_native").at("type"), "boolean");
  EXPECT_EQ(properties.at("service_type").at("type"), "keyword");
  EXPECT_EQ(properties.at("last_seen").at("type"), "date");
  EXPECT_EQ(properties.at("configuration").at("type"), "object");
  EXPECT_EQ(properties.at("scheduling").at("properties").at("interval").at("type"), "text");
  EXPECT_EQ(properties.at("filtering")
                .at("properties")
                .at("draft")
                .at("properties")
                .at("validation")
                .at("properties")
                .at("state")
                .at("type"),
            "keyword");
  // Every top-level field the model reads is mapped.
  for (const char* field :
       {"api_key_id", "custom_scheduling", "description", "error", "features", "index_name",
        "language", "last_deleted_document_count", "last_indexed_document_count", "last_sync_error",
        "last_sync_scheduled_at", "last_sync_status", "last_synced", "name", "pipeline", "status",
        "sync_now", "sync_cursor"}) {
    EXPECT_TRUE(properties.as_object().contains(field)) << field;
  }
}

TEST(ProtocolMappings, JobsIndex) {
  const json::object mappings = jobs_index_mappings();
  EXPECT_EQ(mappings.at("dynamic"), false);
  EXPECT_EQ(mappings.at("_meta").at("version"), 1);
  const json::value& properties = mappings.at("properties");
  // The fields of the queries of spec §8.4.
  EXPECT_EQ(properties.at("status").at("type"), "keyword");
  EXPECT_EQ(properties.at("connector").at("properties").at("id").at("type"), "keyword");
  EXPECT_EQ(properties.at("created_at").at("type"), "date");
  EXPECT_EQ(properties.at("last_seen").at("type"), "date");
  EXPECT_EQ(properties.at("job_type").at("type"), "keyword");
  for (const char* field :
       {"cancelation_requested_at", "canceled_at", "completed_at", "deleted_document_count",
        "error", "indexed_document_count", "indexed_document_volume", "metadata", "started_at",
        "total_document_count", "trigger_method", "worker_hostname"}) {
    EXPECT_TRUE(properties.as_object().contains(field)) << field;
  }
}

TEST(ProtocolMappings, CreationBodiesHideIndexAndAlias) {
  const json::object body = connectors_index_creation_body();
  EXPECT_EQ(body.at("settings").at("index").at("hidden"), true);
  EXPECT_EQ(body.at("aliases"), json::parse(R"({".elastic-connectors": {"is_hidden": true}})"));
  EXPECT_EQ(body.at("mappings"), connectors_index_mappings());
  EXPECT_EQ(jobs_index_creation_body().at("aliases"),
            json::parse(R"({".elastic-connectors-sync-jobs": {"is_hidden": true}})"));
}

}  // namespace
}  // namespace ei::protocol
