#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ei::protocol {

// One language of the analysis settings (spec §12.4; reference
// connectors/es/language_data.yml (8.8)).
struct LanguageData {
  std::string code;
  std::string name;
  std::string stemmer;
  boost::json::value stop_words;  // a predefined set name like "_english_" (or a list)
  boost::json::object custom_filter_definitions;
  std::vector<std::string> prepended_filters;
  std::vector<std::string> postpended_filters;
};

// The whole table as the YAML file holds it: code → {name, stemmer, stop_words, optional
// custom_filter_definitions, prepended_filters, postpended_filters}. 14 codes.
const boost::json::object& language_table();

// Nothing for a code the table does not have.
std::optional<LanguageData> find_language(std::string_view code);

}  // namespace ei::protocol
