#include "core/utf8.hpp"

#include <gtest/gtest.h>

namespace ei::core {
namespace {

TEST(Utf8, WellFormedTextIsValid) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ASCII text that is longer than eight bytes"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));
}

TEST(Utf8, IllFormedSequencesAreInvalid) {
  for (const char* text : {
           "caf\xE9",           // Latin-1
           "\xC0\xAF",          // overlong
           "\xE0\x80\xAF",      // overlong, three bytes
           "\xED\xA0\x80",      // a surrogate
           "\xF4\x90\x80\x80",  // past U+10FFFF
           "\xF5\x80\x80\x80",  // not a lead byte
           "abcdefgh\xC3",      // truncated after an ASCII word
           "\x80",              // a lone continuation byte
       }) {
    EXPECT_FALSE(is_valid_utf8(text)) << text;
  }
}

TEST(Utf8, RepairReplacesEachMaximalInvalidSubpart) {
  EXPECT_EQ(to_valid_utf8("caf\xE9!"), "caf\xEF\xBF\xBD!");
  EXPECT_EQ(to_valid_utf8("\xE2\x82x"), "\xEF\xBF\xBDx");            // one for a cut sequence
  EXPECT_EQ(to_valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // two for overlong bytes
  EXPECT_EQ(to_valid_utf8("ok \xC3\xA9"), "ok \xC3\xA9");
  EXPECT_TRUE(is_valid_utf8(to_valid_utf8("\xFF\xFE\xED\xA0\x80\xF0\x9F\x98")));
}

// Python's decode("utf-8", "ignore"), as the SQL sources read byte columns.
TEST(Utf8, DroppingInvalidSequencesIsPythonsIgnore) {
  EXPECT_EQ(drop_invalid_utf8("plain"), "plain");
  EXPECT_EQ(drop_invalid_utf8("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(drop_invalid_utf8("\xe2\x82\xac\xf0\x9f\x98\x80"), "\xe2\x82\xac\xf0\x9f\x98\x80");
  EXPECT_EQ(drop_invalid_utf8("a\xc3"), "a");           // truncated sequence
  EXPECT_EQ(drop_invalid_utf8("a\xc0\xafz"), "az");     // overlong
  EXPECT_EQ(drop_invalid_utf8("\xed\xa0\x80x"), "x");   // surrogate
  EXPECT_EQ(drop_invalid_utf8("\xe2\x28\xa1y"), "(y");  // bad continuation
}

}  // namespace
}  // namespace ei::core
