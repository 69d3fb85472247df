#include "protocol/content_index_settings.hpp"

#include <initializer_list>
#include <string>
#include <vector>

#include "protocol/language_data.hpp"
#include "protocol/protocol_error.hpp"

namespace ei::protocol {

namespace {

namespace json = boost::json;

json::object text_subfield(
    std::initializer_list<std::pair<std::string_view, std::string_view>> settings) {
  json::object field{{"type", "text"}};
  for (const auto& [key, value] : settings) field[key] = value;
  return field;
}

// Joins filter-name lists into one JSON array.
json::array chain(std::initializer_list<std::vector<std::string>> parts) {
  json::array filters;
  for (const auto& part : parts) {
    for (const std::string& name : part) filters.emplace_back(name);
  }
  return filters;
}

json::object analyzer(std::string_view tokenizer, json::array filters) {
  return json::object{{"type", "custom"}, {"tokenizer", tokenizer}, {"filter", std::move(filters)}};
}

json::object generic_filters() {
  const json::value yes = "true";
  return json::object{
      {"front_ngram", json::object{{"type", "edge_ngram"}, {"min_gram", 1}, {"max_gram", 12}}},
      {"bigram_joiner", json::object{{"type", "shingle"},
                                     {"token_separator", ""},
                                     {"max_shingle_size", 2},
                                     {"output_unigrams", "false"}}},
      {"bigram_joiner_unigrams", json::object{{"type", "shingle"},
                                              {"token_separator", ""},
                                              {"max_shingle_size", 2},
                                              {"output_unigrams", "true"}}},
      {"delimiter", json::object{{"type", "word_delimiter_graph"},
                                 {"generate_word_parts", yes},
                                 {"generate_number_parts", yes},
                                 {"catenate_words", yes},
                                 {"catenate_numbers", yes},
                                 {"catenate_all", yes},
                                 {"preserve_original", "false"},
                                 {"split_on_case_change", yes},
                                 {"split_on_numerics", yes},
                                 {"stem_english_possessive", yes}}},
      {"bigram_max_size", json::object{{"type", "length"}, {"min", 0}, {"max", 16}}},
  };
}

}  // namespace

json::object text_field_mapping() {
  json::object fields{
      {"stem", text_subfield({{"analyzer", "iq_text_stem"}})},
      {"prefix",
       text_subfield(
           {{"analyzer", "i_prefix"}, {"search_analyzer", "q_prefix"}, {"index_options", "docs"}})},
      {"delimiter", text_subfield({{"analyzer", "iq_text_delimiter"}, {"index_options", "freqs"}})},
      {"joined", text_subfield({{"analyzer", "i_text_bigram"},
                                {"search_analyzer", "q_text_bigram"},
                                {"index_options", "freqs"}})},
      {"enum", json::object{{"type", "keyword"}, {"ignore_above", 2048}}},
  };
  json::object mapping = text_subfield({{"analyzer", "iq_text_base"}, {"index_options", "freqs"}});
  mapping["fields"] = std::move(fields);
  return mapping;
}

json::object default_content_mappings() {
  // The second template is ours: a `_timestamp` that dynamic mapping takes for a date (the
  // format it detected is kept) also keeps its exact text as doc values, so that a resync
  // reads every id and timestamp without Elasticsearch parsing each document's _source.
  json::array templates{
      json::object{{"data", json::object{{"match_mapping_type", "string"},
                                         {"mapping", text_field_mapping()}}}},
      json::object{
          {"timestamp_exact",
           json::object{
               {"match", "_timestamp"},
               {"match_mapping_type", "date"},
               {"mapping",
                json::object{
                    {"type", "date"},
                    {"fields", json::object{{"exact", json::object{{"type", "keyword"},
                                                                   {"index", false}}}}}}}}}}};
  json::object properties{{"id", json::object{{"type", "keyword"}}},
                          {"_subextracted_as_of", json::object{{"type", "date"}}},
                          {"_subextracted_version", json::object{{"type", "keyword"}}}};
  return json::object{{"dynamic", "true"},
                      {"dynamic_templates", std::move(templates)},
                      {"properties", std::move(properties)}};
}

json::object analysis_settings(std::string_view language_code, bool icu) {
  const std::optional<LanguageData> language = find_language(language_code);
  if (!language) {
    throw ProtocolError("Language '" + std::string(language_code) + "' is not supported");
  }
  const std::string tokenizer = icu ? "icu_tokenizer" : "standard";
  const std::vector<std::string> folding =
      icu ? std::vector<std::string>{"icu_folding"}
          : std::vector<std::string>{"cjk_width", "lowercase", "asciifolding"};
  const std::string stem = language->code + "-stem-filter";
  const std::string stop = language->code + "-stop-words-filter";
  const std::vector<std::string>& pre = language->prepended_filters;
  const std::vector<std::string>& post = language->postpended_filters;

  json::object filters = generic_filters();
  filters[stem] = json::object{{"type", "stemmer"}, {"name", language->stemmer}};
  filters[stop] = json::object{{"type", "stop"}, {"stopwords", language->stop_words}};
  for (const auto& [name, definition] : language->custom_filter_definitions) {
    filters[name] = definition;
  }

  json::object analyzers{
      {"i_prefix", analyzer(tokenizer, chain({folding, {"front_ngram"}}))},
      {"q_prefix", analyzer(tokenizer, chain({folding}))},
      {"iq_text_base", analyzer(tokenizer, chain({folding, {stop}}))},
      {"iq_text_stem", analyzer(tokenizer, chain({pre, folding, {stop, stem}, post}))},
      {"iq_text_delimiter",
       analyzer("whitespace", chain({pre, {"delimiter"}, folding, {stop, stem}, post}))},
      {"i_text_bigram",
       analyzer(tokenizer, chain({folding, {stem, "bigram_joiner", "bigram_max_size"}}))},
      {"q_text_bigram",
       analyzer(tokenizer, chain({folding, {stem, "bigram_joiner_unigrams", "bigram_max_size"}}))},
  };

  return json::object{
      {"analysis",
       json::object{{"analyzer", std::move(analyzers)}, {"filter", std::move(filters)}}},
      {"index",
       json::object{{"similarity", json::object{{"default", json::object{{"type", "BM25"}}}}}}}};
}

json::object content_index_creation_body(std::string_view language_code, bool icu) {
  return json::object{{"settings", analysis_settings(language_code, icu)},
                      {"mappings", default_content_mappings()}};
}

}  // namespace ei::protocol
