#include "sources/sql/sql_quoting.hpp"

#include <gtest/gtest.h>

namespace ei::sources::sql {
namespace {

TEST(SqlQuoting, IdentifiersAreQuotedWithTheQuoteDoubled) {
  EXPECT_EQ(quote_identifier("items", Dialect::postgresql), "\"items\"");
  EXPECT_EQ(quote_identifier("Mixed Case", Dialect::postgresql), "\"Mixed Case\"");
  EXPECT_EQ(quote_identifier("a\"; DROP TABLE x; --", Dialect::postgresql),
            "\"a\"\"; DROP TABLE x; --\"");
  EXPECT_EQ(quote_identifier("items", Dialect::mysql), "`items`");
  EXPECT_EQ(quote_identifier("a`b", Dialect::mysql), "`a``b`");
}

TEST(SqlQuoting, LiteralsAreEscapedForTheDialect) {
  EXPECT_EQ(quote_literal("it's", Dialect::postgresql), "'it''s'");
  EXPECT_EQ(quote_literal("a\\b", Dialect::postgresql), "'a\\b'");  // standard strings
  EXPECT_EQ(quote_literal("it's", Dialect::mysql), "'it''s'");
  EXPECT_EQ(quote_literal("a\\' OR 1=1 --", Dialect::mysql), "'a\\\\'' OR 1=1 --'");
}

}  // namespace
}  // namespace ei::sources::sql
