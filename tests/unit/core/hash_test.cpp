#include "core/hash.hpp"

#include <gtest/gtest.h>

namespace ei::core {
namespace {

// RFC 1321, appendix A.5.
TEST(Md5Hex, Rfc1321Vectors) {
  EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(md5_hex("a"), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(md5_hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(md5_hex("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b");
  EXPECT_EQ(
      md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"),
      "57edf4a22be3c955ac49da2e2107b67a");
}

TEST(Md5Hex, HashesUtf8BytesAndBinary) {
  // python3 -c 'import hashlib; print(hashlib.md5("héllo".encode()).hexdigest())'
  EXPECT_EQ(md5_hex("h\xC3\xA9llo"), "be50e8478cf24ff3595bc7307fb91b50");
  EXPECT_EQ(md5_hex(std::string_view("\0\1", 2)).size(), 32u);
}

TEST(Sha256Hex, KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HexLower, EncodesEveryByte) {
  EXPECT_EQ(hex_lower(std::string_view("\x00\x0f\xa0\xff", 4)), "000fa0ff");
}

// RFC 4231, test cases 1 and 2.
TEST(Hmac, Sha256KnownAnswers) {
  EXPECT_EQ(hex_lower(hmac_sha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hex_lower(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace ei::core
