#include "sources/sql/primary_key.hpp"

#include <gtest/gtest.h>

namespace ei::sources::sql {
namespace {

TEST(PrimaryKey, PositionsFollowTheKeysAndSkipMissingColumns) {
  const std::vector<std::string> columns{"name", "region", "id"};
  EXPECT_EQ(key_positions(columns, {"id", "region"}), (std::vector<std::size_t>{2, 1}));
  EXPECT_EQ(key_positions(columns, {"id", "gone"}), (std::vector<std::size_t>{2}));
  EXPECT_TRUE(key_positions(columns, {}).empty());
}

}  // namespace
}  // namespace ei::sources::sql
