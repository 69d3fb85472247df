#pragma once

// What a scan of an index asks for and what each of its hits holds.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace ei::es {

enum class ScanMethod {
  automatic,      // PIT + search_after where the engine has a `_shard_doc` sort, else scroll
  point_in_time,  // forced (Elasticsearch ≥ 7.12 only)
  scroll,         // forced; works on every engine
};

struct IdScanOptions {
  std::size_t page_size = 1000;
  std::vector<std::string> source_fields;    // e.g. {"id", "_timestamp"}; empty: no _source
  std::vector<std::string> docvalue_fields;  // read from doc values, not from _source
  boost::json::value query = boost::json::object{{"match_all", boost::json::object{}}};
  ScanMethod method = ScanMethod::automatic;
  std::chrono::seconds keep_alive{300};  // of the PIT or scroll, between two pages
};

struct ScanHit {
  std::string id;
  boost::json::object source;  // only the requested fields (empty when none match)
  boost::json::object fields;  // the requested doc values, each an array (absent when none)
};

}  // namespace ei::es
