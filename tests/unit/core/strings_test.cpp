#include "core/strings.hpp"

#include <gtest/gtest.h>

namespace ei::core {
namespace {

TEST(TruncateId, KeepsIdsUpToTwentyCharacters) {
  EXPECT_EQ(truncate_id(""), "");
  EXPECT_EQ(truncate_id("12345678901234567890"), "12345678901234567890");
}

TEST(TruncateId, ShortensLongerIdsToHeadDotsTail) {
  EXPECT_EQ(truncate_id("123456789012345678901"), "12345678...45678901");
  EXPECT_EQ(truncate_id("abcdefghijklmnopqrstuvwxyz"), "abcdefgh...stuvwxyz");
}

TEST(Strings, CaseHelpers) {
  EXPECT_EQ(to_lower("InFo-42"), "info-42");
  EXPECT_EQ(to_upper("warning"), "WARNING");
  EXPECT_TRUE(iequals("Debug", "DEBUG"));
  EXPECT_FALSE(iequals("Debug", "DEBUGS"));
  EXPECT_FALSE(iequals("abc", "abd"));
}

TEST(Strings, TrimRemovesOuterWhitespaceOnly) {
  EXPECT_EQ(trim("  a b \t\n"), "a b");
  EXPECT_EQ(trim(" \n "), "");
}

TEST(Strings, Join) {
  EXPECT_EQ(join({}, ", "), "");
  EXPECT_EQ(join({"a"}, ", "), "a");
  EXPECT_EQ(join({"a", "", "c"}, "_"), "a__c");
}

TEST(CollapseWhitespace, TrimsAndMakesInnerRunsOneSpace) {
  EXPECT_EQ(collapse_whitespace("  a   b\t\tc \r\n d  "), "a b c d");
  EXPECT_EQ(collapse_whitespace("plain"), "plain");
  EXPECT_EQ(collapse_whitespace(" \t "), "");
}

}  // namespace
}  // namespace ei::core
