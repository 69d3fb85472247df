// O5LOGON with the 12c verifier, checked against values computed independently with Python's
// `cryptography` package (the one python-oracledb uses) from the same inputs and the same
// "random" bytes; and the primitives against published vectors.

#include "tns/o5logon.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ei::tns {
namespace {

TEST(O5Logon, PrimitivesMatchPublishedVectors) {
  // RFC 6070-style PBKDF2 vector for SHA-512 ("password", "salt", 1 iteration).
  EXPECT_EQ(hex_upper(pbkdf2_sha512("password", "salt", 1, 64)).substr(0, 32),
            "867F70CF1ADE02CFF3752599A3A53DC4");
  // FIPS 180-2's SHA-512("abc").
  EXPECT_EQ(hex_upper(sha512("abc")).substr(0, 32), "DDAF35A193617ABACC417349AE204131");
  std::string key;
  for (int i = 0; i < 32; ++i) key.push_back(static_cast<char>(i));
  const auto encrypted = aes_cbc(key, "0123456789abcdef", true);
  EXPECT_EQ(hex_upper(encrypted), "D8C95758E3353E530FA52BD10E73B986");
  EXPECT_EQ(aes_cbc(key, encrypted, false), "0123456789abcdef");
}

TEST(O5Logon, PrimitivesRefuseWhatTheyCannotUse) {
  EXPECT_THROW(aes_cbc("short", std::string(16, 'x'), true), std::invalid_argument);
  EXPECT_THROW(aes_cbc(std::string(32, 'k'), "fifteen bytes!!", true), std::invalid_argument);
  EXPECT_EQ(aes_cbc(std::string(24, 'k'), std::string(16, 'x'), true).size(), 16u);
  EXPECT_EQ(aes_cbc(std::string(16, 'k'), std::string(32, 'x'), true).size(), 32u);
  EXPECT_THROW(from_hex("ABC"), std::invalid_argument);
  EXPECT_THROW(from_hex("ZZ"), std::invalid_argument);
  EXPECT_EQ(from_hex("00ffA0"), std::string("\x00\xff\xa0", 3));
  EXPECT_EQ(hex_upper(std::string("\x00\xff\xa0", 3)), "00FFA0");
  EXPECT_EQ(block_padded("").size(), 16u);
  EXPECT_EQ(block_padded(std::string(16, 'x')), std::string(16, 'x') + std::string(16, '\x10'));
  EXPECT_EQ(block_padded("abc"), "abc" + std::string(13, '\x0d'));
  EXPECT_EQ(secure_random_bytes(24).size(), 24u);
  EXPECT_NE(secure_random_bytes(16), secure_random_bytes(16));
}

// Inputs: salt 00..0F, CSK salt 10..1F, server key 20..3F; the client's random draws are
// 32 bytes of 'A' (its key half), 16 of 'B' (the password's prefix), 16 of 'C' (the speedy
// key's prefix).
TEST(O5Logon, TheAnswerIsWhatOraclesDriverComputesFromTheSameInputs) {
  O5LogonChallenge challenge;
  challenge.session_key_hex = "746B66F6C51AEA321DB788FA8D895BD78F58FADD654E06E21ED067C2450F8B5F";
  challenge.verifier_data_hex = "000102030405060708090A0B0C0D0E0F";
  challenge.csk_salt_hex = "101112131415161718191A1B1C1D1E1F";
  char next = 'A';
  const RandomBytes draws = [&next](std::size_t count) { return std::string(count, next++); };
  const auto answer = answer_12c(challenge, "Ei_Ora_Secret_1", draws);
  EXPECT_EQ(answer.session_key_hex,
            "F4700AFE6AB1B4B22A4CAC2B05608A5B28E8B6A08FE6BEECACA59EA65DD47920");
  EXPECT_EQ(hex_upper(answer.combo_key),
            "4C7A7AC31424DC3D337F9DF7BDAE68FDE8F30B24F34FB8AE3CDB7F3DB2241F59");
  EXPECT_EQ(answer.password_hex,
            "E6B25F30806EC31C39FE8B7580531A9DE78F577E0095CC59DD9ED11D7C46EB3B");
  EXPECT_EQ(answer.speedy_key_hex,
            "F6FD4D0B730D5CC1051216A5C6064CB5B4F0B4D559BDC7174DB61B3FD3376C35038974872224BEBBD7"
            "A688B4D8544BC47E6A9D54C5D2AB73508FFDFF2BC90A0826971199E53E40A62E5E12F87269DBC4");
  // The server's proof, computed the same way: "SERVER_TO_CLIENT" after 16 random bytes.
  EXPECT_TRUE(server_response_valid(answer.combo_key,
                                    "35F70F8D2B98355AA0D58116241435F8150CA09BE4D7041E87B888238DB"
                                    "A882D73330B1B16DA26F4CC74E8803BBF1694"));
  EXPECT_FALSE(server_response_valid(answer.combo_key, answer.password_hex));
  EXPECT_FALSE(server_response_valid(answer.combo_key, "not hex"));
  EXPECT_FALSE(server_response_valid(answer.combo_key, "00"));
}

TEST(O5Logon, AChallengeThatCannotBeUsedIsRefused) {
  O5LogonChallenge challenge;
  challenge.verifier_data_hex = "00";
  challenge.csk_salt_hex = "00";
  challenge.session_key_hex = std::string(96, 'A');  // 48 bytes: an 11g verifier's key
  EXPECT_THROW(answer_12c(challenge, "x"), std::invalid_argument);
  challenge.session_key_hex = "XYZ";
  EXPECT_THROW(answer_12c(challenge, "x"), std::invalid_argument);
  // A server asking for absurd key-derivation work is refused before any is done.
  challenge.session_key_hex = std::string(64, 'A');
  challenge.vgen_count = 2'000'000'000;
  EXPECT_THROW(answer_12c(challenge, "x"), std::invalid_argument);
  challenge.vgen_count = 4096;
  challenge.sder_count = 0;
  EXPECT_THROW(answer_12c(challenge, "x"), std::invalid_argument);
}

}  // namespace
}  // namespace ei::tns
