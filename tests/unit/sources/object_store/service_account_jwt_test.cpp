// The service-account assertion of Google's OAuth 2.0 flow. RS256 (PKCS#1 v1.5) is
// deterministic, so the expected token was made once with `openssl dgst -sha256 -sign` over
// the same header and claims, with a throw-away key made for this test only.
#include "sources/object_store/service_account_jwt.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/base64.hpp"
#include "core/error.hpp"

namespace ei::sources::object_store {
namespace {

namespace json = boost::json;

// A throw-away 2048-bit RSA key (openssl genpkey), for this test only.
constexpr const char* kTestKey =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQClZe0MLtq8n6Gc\n"
    "t+Vqges2bObYP1BaTh+CJqwT26btpO74wnISLfQNKJVvuC+OVHldITcAKDrmD7VA\n"
    "M29FcRrBW3C2cQ0FQb3QEYo6x4c9b8H4rQ40isZiRP5DbpAW9J65wVxXq8S8YxHG\n"
    "Np3M+8lZfpKo4O1edl6u2DxZXgXOyt8odKYWimoHUx5DIqbfCTdAFmqkHI6SSBNH\n"
    "IqbheRn9bWoeUsE3AxzcJz7+SygUCrRmXvkcThTficpjxRi+oP9KwMfe77YcazSK\n"
    "bXeI+nt9krLQBgoSaWd5P41lSjXxOp78i0LZt+Po9MtRBy/Fc3nHJMgpDewzQvic\n"
    "gLbY/ZXpAgMBAAECggEAC86rbfe4UMfaiywLmh9dMbzze9OFQnUaRbnKBf7ju0pP\n"
    "bv2+k/Ko3fmcNWYCKxh3s4DIAuBcWAkeCM/DLUNmRBBpivSmF856JOzjn8+XpXih\n"
    "ccW04mZXxDMlrZ2qdqEO5bbahz2xZTtzTOGgQT5mQNfK03h/KYOsvbGdGUofgwQW\n"
    "AqP71zYbGjNWiplpd4aqmFKxpl+ZeJh45L78wFFmT/+UJcYNivMGSaH1IGXkH/d/\n"
    "1T9pcEYcQYOf4a1KF9Qd9h7vpaGuVgf31i4fmp2E/yku84zSCeKXCg1RxfwgBTdv\n"
    "OY1M9VgP7rwny7w0r2e+I8Iiln7jr+3wjSTYA1AFCQKBgQDj9UYgYnDfZn9Bowba\n"
    "S19KoUKx70zJtLkc8nGVbimCUWA738AAEiZ/Blht+ikFlPac9pxIAUr2rsY+ZvTO\n"
    "jUIwbT/04ZN62tEr88lg3BwfQiU7FGPKYVJeLY5U5OJqJFVNkvPNjnc6+KBDCKXZ\n"
    "So2pVB2urHp8mI5b6a/rbTAGFQKBgQC5voy/lbvms9hx5o+iZG87cV4bFhZWPdar\n"
    "2N7XGpqosfCOEH1JnI35Js4XSE+9xIJjLj/LlDz0IfEUB0Fnwv3pzRDiD5dGPjhJ\n"
    "T+ttAgDvqTXQHiOuKC1yl+w3eP8lmhebgH1pYoG7eNkIAF7oPmkUyuPzj0N0e/Jj\n"
    "5W+ULKD5hQKBgAZVgV5S/ennMjADtKQKJhqvwmepS4vrPp2ESw2o4vRhCHiBbhdS\n"
    "aclrxrc/lTY3fma8H3mMt6WFE7MWL0Ux/Z3U20sVnYBzZg5/lp/fXdSshNZQabls\n"
    "3NoLEAJh3byvR8OBCs8yXzO/Rsy2B82y2Z7T3ING/ZxKrOH261FyVjxFAoGANRWa\n"
    "UB7RBswbbeIA5t5hU9HAnWkglSEzOwXOGhfGX7QLFe7sf584jB5lBA5si8WfpgzP\n"
    "urTw/qy8o4a3UJpPywQKcTEXgMHDgGBQ3mSWM+heMs6KT/m3k2qL3ga8lNiHKq/8\n"
    "J6Q5g4S0Mi848JL1oTWjFDa7hozt51LpIqXmk6kCgYEAwL9Wuazk2EcBUnHULwZl\n"
    "dO5DqRRAor5RA5yDiOEMvcGdmRCovnrS2MMyZt2a8vXP/mbgpy0kaPyoXTxOIYFF\n"
    "KyIzpKsFavrIgDA0rnNoCyCvKsHlnxf3AUY19IDvI3T/Wkr7UMEhgEmWO0dIQjv4\n"
    "WM8mgbLBo1uyqbjLRekaCY8=\n"
    "-----END PRIVATE KEY-----\n";

constexpr std::string_view kExpected =
    "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJzeW5jQGV4YW1wbGUtcHJvamVjdC5pYW0uZ3NlcnZpY2VhY2NvdW50LmNvbSIsInNjb3BlIjoiaHR0cHM6Ly"
    "93d3cuZ29vZ2xlYXBpcy5jb20vYXV0aC9kZXZzdG9yYWdlLnJlYWRfb25seSIsImF1ZCI6Imh0dHBzOi8vb2F1dGgyLmdv"
    "b2dsZWFwaXMuY29tL3Rva2VuIiwiaWF0IjoxNDQwOTM4MTYwLCJleHAiOjE0NDA5NDE3NjB9."
    "M20we1hkCyW1sze78MT3Mg49kCD_NmCeWlpUec08kTlEw_gIGPFvMv0Zz7TiHG7keVdt7vHPlP9ij84WnT_"
    "8mxWneR1DLk3biLgODOVC3ZxcBkeVJQQaNjpLT-aXMecwO5_YUimEivPmPxpd9EooCY8CxvU0VRSMQ0Jza_pseLHk-"
    "zP2oeXnv2Dz2vKEzID4YV0QJ6nV3S3PQRDwAg17tISUhJ6qjO7Yg7OQPbsSepCvja4obPBBl1hdcfaJjPceFPOjMdjXtMT"
    "AsCvwjzGQgSEc5MdZ7BcK4U01ItyZx_pqhvN6QT1pSzCwolCg-RlslqFfR7mTmGl1huVhc3H9pQ";

TEST(ServiceAccountJwt, MatchesOpenSslOverTheSameClaims) {
  const core::TimePoint issued =
      core::to_time_point(*core::parse_iso_datetime("2015-08-30T12:36:00Z"));
  EXPECT_EQ(
      service_account_assertion("sync@example-project.iam.gserviceaccount.com", kTestKey,
                                "https://oauth2.googleapis.com/token",
                                "https://www.googleapis.com/auth/devstorage.read_only", issued),
      kExpected);
}

TEST(ServiceAccountJwt, ClaimsReadBackFromTheToken) {
  const std::string token = rs256_jwt(json::object{{"iss", "a"}, {"exp", 2}}, kTestKey);
  const std::string claims =
      token.substr(token.find('.') + 1, token.rfind('.') - token.find('.') - 1);
  std::string padded = claims;
  for (char& c : padded) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (padded.size() % 4 != 0) padded += '=';
  EXPECT_EQ(json::parse(*core::base64_decode(padded)), json::parse(R"({"iss":"a","exp":2})"));
}

TEST(ServiceAccountJwt, Base64UrlHasNoPaddingAndNoPlusOrSlash) {
  EXPECT_EQ(base64url(std::string("\xfb\xff\xbf", 3)), "-_-_");
  EXPECT_EQ(base64url("a"), "YQ");
  EXPECT_EQ(base64url(""), "");
}

TEST(ServiceAccountJwt, AKeyThatIsNotAPemPrivateKeyIsAClearError) {
  try {
    (void)rs256_jwt(json::object{}, "-----BEGIN PRIVATE KEY-----\nnot a key\n");
    ADD_FAILURE() << "signed with no key";
  } catch (const core::Error& error) {
    EXPECT_NE(std::string(error.what()).find("private_key is not a PEM private key"),
              std::string::npos)
        << error.what();
  }
}

TEST(ServiceAccountJwt, AKeyThatIsNotRsaIsAClearError) {
  const char* ec_key =  // a throw-away P-256 key (openssl genpkey), for this test only
      "-----BEGIN PRIVATE KEY-----\n"
      "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgmCuq9FuW30YpR4X7\n"
      "4h642lC6LHYGZNF9Y5rP28uWnQWhRANCAASlUlY4Vf3kLWtGCG0GrOpEmFTahezM\n"
      "p8eKsO9sP/IJDt1vViYhcqpl/VthT+vbCKu20VajyK6kA7le8csNLGu6\n"
      "-----END PRIVATE KEY-----\n";
  try {
    (void)rs256_jwt(json::object{}, ec_key);
    ADD_FAILURE() << "signed RS256 with an EC key";
  } catch (const core::Error& error) {
    EXPECT_NE(std::string(error.what()).find("not an RSA key"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace ei::sources::object_store
