#pragma once

// What the SQL sources share about primary keys: a row's id is made of its key columns'
// values, and a table without a key is skipped (it could get no stable id).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ei::sources::sql {

// The positions of `keys` among `columns`, in the order of `keys`; a key missing from the
// columns (a custom query that does not select it) is left out.
std::vector<std::size_t> key_positions(const std::vector<std::string>& columns,
                                       const std::vector<std::string>& keys);

// The reference's warning for a table it skips because it has no primary key.
void warn_no_primary_key(std::string_view table, std::string_view database);

}  // namespace ei::sources::sql
