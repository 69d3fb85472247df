#include "core/base64.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace ei::core {
namespace {

// RFC 4648 §10.
const std::vector<std::pair<std::string, std::string>> kRfc4648 = {
    {"", ""},
    {"f", "Zg=="},
    {"fo", "Zm8="},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="},
    {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
};

TEST(Base64, EncodesRfc4648Vectors) {
  for (const auto& [plain, encoded] : kRfc4648) EXPECT_EQ(base64_encode(plain), encoded) << plain;
}

TEST(Base64, DecodesRfc4648Vectors) {
  for (const auto& [plain, encoded] : kRfc4648) {
    const auto decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded.has_value()) << encoded;
    EXPECT_EQ(*decoded, plain);
  }
}

TEST(Base64, UsesStandardAlphabetForHighBytes) {
  EXPECT_EQ(base64_encode(std::string("\xfb\xff\xbf", 3)), "+/+/");
  EXPECT_EQ(base64_decode("+/+/"), std::string("\xfb\xff\xbf", 3));
}

TEST(Base64, RoundTripsAllByteValues) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
}

TEST(Base64, DecodeSkipsWhitespace) {
  EXPECT_EQ(base64_decode("Zm9v\r\nYmFy\n"), "foobar");
  EXPECT_EQ(base64_decode(" Zg = = "), "f");
}

TEST(Base64, DecodeRejectsMalformedInput) {
  EXPECT_FALSE(base64_decode("Zm9").has_value());       // truncated group
  EXPECT_FALSE(base64_decode("Zm9v!").has_value());     // outside the alphabet
  EXPECT_FALSE(base64_decode("Z===").has_value());      // too much padding
  EXPECT_FALSE(base64_decode("Zg=a").has_value());      // data after padding in a group
  EXPECT_FALSE(base64_decode("Zg==Zm9v").has_value());  // data after the final group
  EXPECT_FALSE(base64_decode("Zm-v").has_value());      // URL-safe alphabet is not standard
}

TEST(Base64Encoder, ChunkedOutputEqualsOneShot) {
  std::string input;
  for (int i = 0; i < 1000; ++i) input += static_cast<char>((i * 37) & 0xFF);
  for (std::size_t chunk : {1u, 2u, 3u, 4u, 5u, 7u, 64u, 999u}) {
    Base64Encoder encoder;
    std::string out;
    for (std::size_t offset = 0; offset < input.size(); offset += chunk) {
      encoder.append(std::string_view(input).substr(offset, chunk), out);
    }
    encoder.finish(out);
    EXPECT_EQ(out, base64_encode(input)) << "chunk " << chunk;
  }
}

TEST(Base64Encoder, EncodedSize) {
  EXPECT_EQ(Base64Encoder::encoded_size(0), 0u);
  EXPECT_EQ(Base64Encoder::encoded_size(1), 4u);
  EXPECT_EQ(Base64Encoder::encoded_size(3), 4u);
  EXPECT_EQ(Base64Encoder::encoded_size(4), 8u);
}

}  // namespace
}  // namespace ei::core
