// Document preparation (spec §11.2): long ids hashed, control fields set.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/hash.hpp"
#include "sync/document_preparation.hpp"

namespace ei::sync {
namespace {

namespace json = boost::json;

const auto md5 = [](std::string_view id) { return core::md5_hex(id); };

TEST(DocumentPreparation, ControlFieldsAreSetFromThePipeline) {
  json::object document{{"_id", "a"}, {"title", "t"}};
  ASSERT_TRUE(prepare_document(document, md5, ControlFields{true, false, true}));
  EXPECT_EQ(document.at("_extract_binary_content"), json::value(true));
  EXPECT_EQ(document.at("_reduce_whitespace"), json::value(false));
  EXPECT_EQ(document.at("_run_ml_inference"), json::value(true));
  EXPECT_EQ(document.at("_id"), json::value("a"));
  EXPECT_EQ(document.at("title"), json::value("t"));
}

TEST(DocumentPreparation, AnIdAboveFiveHundredTwelveBytesIsHashed) {
  const std::string long_id(513, 'x');
  json::object document{{"_id", long_id}};
  ASSERT_TRUE(prepare_document(document, md5, ControlFields{}));
  EXPECT_EQ(document.at("_id"), json::value(core::md5_hex(long_id)));

  const std::string limit_id(512, 'y');
  json::object kept{{"_id", limit_id}};
  ASSERT_TRUE(prepare_document(kept, md5, ControlFields{}));
  EXPECT_EQ(kept.at("_id"), json::value(limit_id));
}

// The bytes of a non-UTF-8 id are kept apart by their hash, the same at every sync.
TEST(DocumentPreparation, AnIdThatIsNotUtf8IsHashed) {
  const std::string latin1 = "/data/caf\xE9.txt";
  json::object document{{"_id", latin1}};
  ASSERT_TRUE(prepare_document(document, md5, ControlFields{}));
  EXPECT_EQ(document.at("_id"), json::value(core::md5_hex(latin1)));
  json::object other{{"_id", "/data/caf\xE8.txt"}};
  ASSERT_TRUE(prepare_document(other, md5, ControlFields{}));
  EXPECT_NE(other.at("_id"), document.at("_id"));
}

TEST(DocumentPreparation, ShortNumericIdsKeepTheirType) {
  json::object document{{"_id", 42}};
  ASSERT_TRUE(prepare_document(document, md5, ControlFields{}));
  EXPECT_EQ(document.at("_id"), json::value(42));
}

TEST(DocumentPreparation, AHashStillTooLongDropsTheDocument) {
  json::object document{{"_id", std::string(600, 'z')}};
  const auto huge = [](std::string_view) { return std::string(513, 'h'); };
  EXPECT_FALSE(prepare_document(document, huge, ControlFields{}));
}

}  // namespace
}  // namespace ei::sync
