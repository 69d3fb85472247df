#pragma once

// Pure helpers of content-index preparation (spec §12.2-12.3): which analyzers the default
// mappings name, how to probe an engine for the analysis components the settings use, and
// what to fall back to where those components do not exist (core-only Elasticsearch 8/9).

#include <boost/json/object.hpp>
#include <set>
#include <string>
#include <vector>

namespace ei::sync {

// Every `analyzer` and `search_analyzer` named in `mappings`, dynamic templates included.
std::set<std::string> analyzers_named_by(const boost::json::object& mappings);

// The analyzer names an index defines, read from its settings as `GET /<index>/_settings`
// returns them ({"index": {"analysis": {"analyzer": {...}}}}); flat keys are accepted too.
std::set<std::string> analyzers_defined_in(const boost::json::object& index_settings);

// `mappings` without the analyzer references that are not in `defined`; such a field then
// uses the index's default analyzer. The names removed are added to `dropped`.
boost::json::object without_undefined_analyzers(boost::json::object mappings,
                                                const std::set<std::string>& defined,
                                                std::set<std::string>& dropped);

// `_analyze` request bodies exercising every tokenizer and filter the analyzers of
// `settings` ({"analysis": {"analyzer", "filter"}}) use: one body per tokenizer, its filters
// given inline when `settings` defines them, by name otherwise. An engine that answers all
// of them with 2xx can create an index with `settings`.
std::vector<boost::json::object> analysis_probes(const boost::json::object& settings);

// Settings for an engine without the analysis modules: each of `analyzer_names` is the
// engine's standard analyzer, so the default mappings stay valid; BM25 similarity as in §12.3.
boost::json::object standard_analysis_settings(const std::set<std::string>& analyzer_names);

}  // namespace ei::sync
