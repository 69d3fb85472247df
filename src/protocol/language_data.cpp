#include "protocol/language_data.hpp"

#include "core/yaml_json.hpp"

namespace ei::protocol {

namespace {

namespace json = boost::json;

// Kept in the reference's YAML form so the two can be compared line by line.
constexpr std::string_view kLanguageDataYaml = R"yaml(
da:
  name: Danish
  stemmer: danish
  stop_words: _danish_
de:
  name: German
  stemmer: light_german
  stop_words: _german_
en:
  name: English
  stemmer: light_english
  stop_words: _english_
es:
  name: Spanish
  stemmer: light_spanish
  stop_words: _spanish_
fr:
  name: French
  stemmer: light_french
  stop_words: _french_
  custom_filter_definitions:
    fr-elision:
      type: elision
      articles:
        - l
        - m
        - t
        - qu
        - n
        - s
        - j
        - d
        - c
        - jusqu
        - quoiqu
        - lorsqu
        - puisqu
      articles_case: true
  prepended_filters:
    - fr-elision
it:
  name: Italian
  stemmer: light_italian
  stop_words: _italian_
  custom_filter_definitions:
    it-elision:
      type: elision
      articles:
        - c
        - l
        - all
        - dall
        - dell
        - nell
        - sull
        - coll
        - pell
        - gl
        - agl
        - dagl
        - degl
        - negl
        - sugl
        - un
        - m
        - t
        - s
        - v
        - d
      articles_case: true
  prepended_filters:
    - it-elision
ja:
  name: Japanese
  stemmer: light_english
  stop_words: _english_
  postpended_filters:
    - cjk_bigram
ko:
  name: Korean
  stemmer: light_english
  stop_words: _english_
  postpended_filters:
    - cjk_bigram
nl:
  name: Dutch
  stemmer: dutch
  stop_words: _dutch_
pt:
  name: Portuguese
  stemmer: light_portuguese
  stop_words: _portuguese_
pt-br:
  name: Portuguese (Brazil)
  stemmer: brazilian
  stop_words: _brazilian_
ru:
  name: Russian
  stemmer: russian
  stop_words: _russian_
th:
  name: Thai
  stemmer: light_english
  stop_words: _thai_
zh:
  name: Chinese
  stemmer: light_english
  stop_words: _english_
  postpended_filters:
    - cjk_bigram
)yaml";

std::vector<std::string> strings_at(const json::object& language, std::string_view key) {
  std::vector<std::string> items;
  const json::value* value = language.if_contains(key);
  if (value == nullptr || !value->is_array()) return items;
  for (const json::value& item : value->get_array()) {
    if (item.is_string()) items.emplace_back(item.get_string());
  }
  return items;
}

}  // namespace

const json::object& language_table() {
  static const json::object table =
      core::parse_yaml(kLanguageDataYaml, "language_data.yml").as_object();
  return table;
}

std::optional<LanguageData> find_language(std::string_view code) {
  const json::value* entry = language_table().if_contains(code);
  if (entry == nullptr) return std::nullopt;
  const json::object& language = entry->as_object();
  LanguageData data;
  data.code = std::string(code);
  data.name = std::string(language.at("name").as_string());
  data.stemmer = std::string(language.at("stemmer").as_string());
  data.stop_words = language.at("stop_words");
  if (const json::value* custom = language.if_contains("custom_filter_definitions")) {
    data.custom_filter_definitions = custom->as_object();
  }
  data.prepended_filters = strings_at(language, "prepended_filters");
  data.postpended_filters = strings_at(language, "postpended_filters");
  return data;
}

}  // namespace ei::protocol
