#include "sync/content_index_analysis.hpp"

#include <boost/json.hpp>
#include <map>
#include <string_view>

namespace ei::sync {

namespace {

namespace json = boost::json;

constexpr std::string_view kAnalyzerKeys[] = {"analyzer", "search_analyzer"};

// Visits every object in `value`, depth first (mappings nest fields, sub-fields and
// dynamic-template mappings to any depth).
template <class Visit>
void for_each_object(json::value& value, const Visit& visit) {
  if (value.is_object()) {
    json::object& object = value.get_object();
    visit(object);
    for (auto& [key, child] : object) for_each_object(child, visit);
  } else if (value.is_array()) {
    for (json::value& child : value.get_array()) for_each_object(child, visit);
  }
}

const json::object* object_at(const json::object& parent, std::string_view key) {
  const json::value* value = parent.if_contains(key);
  return value != nullptr && value->is_object() ? &value->get_object() : nullptr;
}

}  // namespace

std::set<std::string> analyzers_named_by(const json::object& mappings) {
  std::set<std::string> names;
  json::value copy = mappings;
  for_each_object(copy, [&](const json::object& object) {
    for (std::string_view key : kAnalyzerKeys) {
      if (const json::value* name = object.if_contains(key); name && name->is_string()) {
        names.emplace(name->get_string());
      }
    }
  });
  return names;
}

std::set<std::string> analyzers_defined_in(const json::object& index_settings) {
  std::set<std::string> names;
  const json::object* index = object_at(index_settings, "index");
  const json::object* analysis = index ? object_at(*index, "analysis") : nullptr;
  const json::object* analyzers = analysis ? object_at(*analysis, "analyzer") : nullptr;
  if (analyzers != nullptr) {
    for (const auto& [name, definition] : *analyzers) names.emplace(name);
  }
  // flat_settings form: "index.analysis.analyzer.<name>.<property>".
  constexpr std::string_view kFlatPrefix = "index.analysis.analyzer.";
  for (const auto& [key, value] : index_settings) {
    const std::string_view flat = key;
    if (flat.starts_with(kFlatPrefix)) {
      const std::string_view rest = flat.substr(kFlatPrefix.size());
      names.emplace(rest.substr(0, rest.find('.')));
    }
  }
  return names;
}

json::object without_undefined_analyzers(json::object mappings,
                                         const std::set<std::string>& defined,
                                         std::set<std::string>& dropped) {
  json::value root = std::move(mappings);
  for_each_object(root, [&](json::object& object) {
    for (std::string_view key : kAnalyzerKeys) {
      const json::value* name = object.if_contains(key);
      if (name == nullptr || !name->is_string()) continue;
      const std::string analyzer(name->get_string());
      if (!defined.contains(analyzer)) {
        dropped.insert(analyzer);
        object.erase(key);
      }
    }
  });
  return std::move(root.get_object());
}

std::vector<json::object> analysis_probes(const json::object& settings) {
  const json::object* analysis = object_at(settings, "analysis");
  const json::object* analyzers = analysis ? object_at(*analysis, "analyzer") : nullptr;
  const json::object* filters = analysis ? object_at(*analysis, "filter") : nullptr;
  if (analyzers == nullptr) return {};

  // tokenizer → its filters in order of first use, each once.
  std::map<std::string, std::pair<json::array, std::set<std::string>>> chains;
  for (const auto& [name, definition] : *analyzers) {
    if (!definition.is_object()) continue;
    const json::object& analyzer = definition.get_object();
    const json::value* tokenizer = analyzer.if_contains("tokenizer");
    if (tokenizer == nullptr || !tokenizer->is_string()) continue;
    auto& [chain, seen] = chains[std::string(tokenizer->get_string())];
    const json::value* used = analyzer.if_contains("filter");
    if (used == nullptr || !used->is_array()) continue;
    for (const json::value& filter : used->get_array()) {
      if (!filter.is_string()) continue;
      const std::string filter_name(filter.get_string());
      if (!seen.insert(filter_name).second) continue;
      const json::value* custom = filters ? filters->if_contains(filter_name) : nullptr;
      chain.push_back(custom != nullptr ? *custom : filter);
    }
  }

  std::vector<json::object> probes;
  for (auto& [tokenizer, chain] : chains) {
    probes.push_back(json::object{
        {"tokenizer", tokenizer}, {"filter", std::move(chain.first)}, {"text", "probe"}});
  }
  return probes;
}

json::object standard_analysis_settings(const std::set<std::string>& analyzer_names) {
  json::object analyzers;
  for (const std::string& name : analyzer_names) {
    analyzers[name] = json::object{{"type", "standard"}};
  }
  return json::object{
      {"analysis", json::object{{"analyzer", std::move(analyzers)}}},
      {"index",
       json::object{{"similarity", json::object{{"default", json::object{{"type", "BM25"}}}}}}}};
}

}  // namespace ei::sync
