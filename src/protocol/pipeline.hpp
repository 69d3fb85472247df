#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/protocol_error.hpp"

namespace ei::protocol {

inline constexpr std::string_view kDefaultPipelineName = "ent-search-generic-ingestion";

// The effective ingest pipeline settings of a connector (spec §7.7): the defaults overlaid
// by the stored `pipeline` object. A stored null replaces the default with null, so every
// setting is optional (nothing = JSON null). The effective object is copied into new jobs
// and decides the control fields of every document (spec §11.2).
struct Pipeline {
  std::optional<std::string> name{std::string(kDefaultPipelineName)};
  std::optional<bool> extract_binary_content{true};
  std::optional<bool> reduce_whitespace{true};
  std::optional<bool> run_ml_inference{true};
  boost::json::object extra;  // other stored keys, carried along like the reference's dict

  // Overlays `stored` (the `pipeline` field, or nullptr when absent/null) on the defaults.
  // A setting of the wrong type keeps its default and is recorded at `<at>.<key>`.
  static Pipeline effective(const boost::json::value* stored, std::string_view at,
                            FieldProblems& problems);

  // {"name", "extract_binary_content", "reduce_whitespace", "run_ml_inference", extras...}
  boost::json::object to_json() const;

  friend bool operator==(const Pipeline&, const Pipeline&) = default;
};

}  // namespace ei::protocol
