#include "sources/mysql/mysql_advanced_rules.hpp"

#include "source/errors.hpp"

namespace ei::sources::mysql {

namespace json = boost::json;

std::optional<std::string> mysql_rules_schema_error(const json::value& rules) {
  if (rules.is_object() && rules.get_object().empty()) return std::nullopt;
  if (!rules.is_array()) return "data must be array";
  const auto& array = rules.get_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string where = "data[" + std::to_string(i) + "]";
    if (!array[i].is_object()) return where + " must be object";
    const auto& rule = array[i].get_object();
    if (!rule.contains("tables") || !rule.contains("query")) {
      return where + " must contain ['tables', 'query'] properties";
    }
    for (const auto& [key, value] : rule) {
      if (key != "tables" && key != "query") {
        return where + " must not contain {'" + std::string(key) + "'} properties";
      }
    }
    const auto& tables = rule.at("tables");
    if (!tables.is_array()) return where + ".tables must be array";
    if (tables.get_array().empty()) return where + ".tables must contain at least 1 items";
    for (std::size_t t = 0; t < tables.get_array().size(); ++t) {
      if (!tables.get_array()[t].is_string()) {
        return where + ".tables[" + std::to_string(t) + "] must be string";
      }
    }
    const auto& query = rule.at("query");
    if (!query.is_string()) return where + ".query must be string";
    if (query.get_string().empty())
      return where + ".query must be longer than or equal to 1 characters";
  }
  return std::nullopt;
}

std::vector<MySqlQueryRule> parse_mysql_rules(const json::value& rules) {
  if (auto error = mysql_rules_schema_error(rules)) {
    throw source::ConfigurationError("Invalid MySQL advanced rules: " + *error);
  }
  std::vector<MySqlQueryRule> parsed;
  if (!rules.is_array()) return parsed;
  for (const auto& item : rules.get_array()) {
    const auto& rule = item.get_object();
    MySqlQueryRule query_rule;
    for (const auto& table : rule.at("tables").get_array()) {
      query_rule.tables.emplace_back(table.get_string());
    }
    query_rule.query = std::string(rule.at("query").get_string());
    parsed.push_back(std::move(query_rule));
  }
  return parsed;
}

}  // namespace ei::sources::mysql
