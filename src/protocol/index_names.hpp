#pragma once

#include <string>
#include <string_view>

namespace ei::protocol {

// The two protocol indices are aliases over versioned concrete indices, so that a mapping
// change can migrate to `-v2` behind the same name (spec §7, §8).
inline constexpr std::string_view kConnectorsIndex = ".elastic-connectors";
inline constexpr std::string_view kConnectorsConcreteIndex = ".elastic-connectors-v1";
inline constexpr std::string_view kJobsIndex = ".elastic-connectors-sync-jobs";
inline constexpr std::string_view kJobsConcreteIndex = ".elastic-connectors-sync-jobs-v1";

// Content indices must start with this (spec §12.1).
inline constexpr std::string_view kContentIndexPrefix = "search-";

inline bool is_valid_content_index_name(std::string_view name) {
  return name.substr(0, kContentIndexPrefix.size()) == kContentIndexPrefix;
}

// The access-control index of a content index, 8.13+ form (spec §24.5):
// `.search-acl-filter-search-foo`.
inline std::string access_control_index_name(std::string_view content_index) {
  return ".search-acl-filter-" + std::string(content_index);
}

}  // namespace ei::protocol
