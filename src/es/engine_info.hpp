#pragma once

#include <string>
#include <string_view>

namespace ei::es {

enum class EngineKind { elasticsearch, opensearch };

std::string_view to_string(EngineKind kind);

struct EngineVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;

  bool at_least(int major_, int minor_ = 0) const {
    return major > major_ || (major == major_ && minor >= minor_);
  }
  friend bool operator==(const EngineVersion&, const EngineVersion&) = default;
};

// What `GET /` says about the engine, and the API differences the client derives from it.
struct EngineInfo {
  EngineKind kind = EngineKind::elasticsearch;
  EngineVersion version;
  std::string number;  // version.number as sent, e.g. "8.19.21" or "3.8.0"
  std::string name;    // node name
  std::string cluster_name;

  // PIT search with the `_shard_doc` tiebreaker sort exists from Elasticsearch 7.12. On
  // 7.10/7.11 PIT belongs to x-pack (absent from the OSS node here) and has no tiebreaker;
  // OpenSearch's PIT has another API and no `_shard_doc`. Those use scroll.
  bool pit_with_shard_doc() const {
    return kind == EngineKind::elasticsearch && version.at_least(7, 12);
  }
  // Where point in time lives: `_pit` (Elasticsearch) or `_search/point_in_time`.
  bool opensearch_pit_api() const { return kind == EngineKind::opensearch; }

  std::string describe() const;  // "Elasticsearch 8.19.21"
};

// Parses the body of `GET /`; throws core::Error when it is not an engine's root info.
EngineInfo parse_engine_info(std::string_view body);

// Parses "8.19.21", "7.10.2-SNAPSHOT", "3.0.0-beta1"; throws core::Error on garbage.
EngineVersion parse_engine_version(std::string_view number);

}  // namespace ei::es
