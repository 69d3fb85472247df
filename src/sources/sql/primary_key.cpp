#include "sources/sql/primary_key.hpp"

#include <algorithm>

#include "core/logging.hpp"

namespace ei::sources::sql {

std::vector<std::size_t> key_positions(const std::vector<std::string>& columns,
                                       const std::vector<std::string>& keys) {
  std::vector<std::size_t> positions;
  for (const auto& key : keys) {
    auto found = std::find(columns.begin(), columns.end(), key);
    if (found != columns.end())
      positions.push_back(static_cast<std::size_t>(found - columns.begin()));
  }
  return positions;
}

void warn_no_primary_key(std::string_view table, std::string_view database) {
  core::log().warn(
      "Skipping {} table from database {} since no primary key is associated with it. Assign "
      "primary key to the table to index it in the next sync interval.",
      table, database);
}

}  // namespace ei::sources::sql
