#pragma once

// Google's OAuth 2.0 token endpoint for service accounts (the JWT-bearer grant of
// developers.google.com/identity/protocols/oauth2/service-account), as a test server of our
// own: it verifies each assertion's RS256 signature with OpenSSL against the public half of
// the test's key pair, and its claims (iss, aud, scope, iat/exp), and answers as Google does:
// an access token, or 400 `invalid_grant`. fake-gcs-server checks no token, so this is where
// the source's signing is proven.

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/base64.hpp"
#include "support/http_test_server.hpp"

namespace ei::gcs_testing {

namespace json = boost::json;

// A fresh RSA key pair.
class KeyPair {
 public:
  KeyPair() : key_(EVP_RSA_gen(2048), &EVP_PKEY_free) {}
  std::string private_pem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
  }
  EVP_PKEY* key() const { return key_.get(); }

 private:
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key_;
};

inline std::optional<std::string> base64url_decode(std::string text) {
  for (char& c : text) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (text.size() % 4 != 0) text += '=';
  return core::base64_decode(text);
}

inline std::string form_value(const std::string& body, const std::string& name) {
  const std::string key = name + "=";
  std::size_t at = 0;
  while (at < body.size()) {
    std::size_t end = body.find('&', at);
    if (end == std::string::npos) end = body.size();
    if (body.compare(at, key.size(), key) == 0) {
      std::string raw = body.substr(at + key.size(), end - at - key.size());
      std::string out;
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size()) {
          out += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          out += raw[i] == '+' ? ' ' : raw[i];
        }
      }
      return out;
    }
    at = end + 1;
  }
  return "";
}

class TokenEndpoint {
 public:
  // Accepts assertions of `client_email` signed by `trusted`.
  TokenEndpoint(const KeyPair& trusted, std::string client_email)
      : trusted_(trusted),
        client_email_(std::move(client_email)),
        server_(
            [this](const http::test::TestServer::Received& request) { return answer(request); }) {}

  std::string token_uri() const { return server_.url("/token"); }
  int granted() const { return granted_; }
  int refused() const { return refused_; }

 private:
  static http::test::TestServer::Reply reply(unsigned status, std::string body) {
    http::test::TestServer::Reply made;
    made.status = status;
    made.headers = {{"Content-Type", "application/json"}};
    made.body = std::move(body);
    return made;
  }

  http::test::TestServer::Reply answer(const http::test::TestServer::Received& request) {
    if (request.method != "POST" || request.target != "/token") return reply(404, "{}");
    const std::string why = check(request.body);
    if (!why.empty()) {
      ++refused_;
      return reply(400, json::serialize(
                            json::object{{"error", "invalid_grant"}, {"error_description", why}}));
    }
    const int number = ++granted_;
    return reply(
        200, json::serialize(json::object{{"access_token", "ya29.test-" + std::to_string(number)},
                                          {"expires_in", 3599},
                                          {"token_type", "Bearer"}}));
  }

  // "" when the grant is good, else Google's description of what is wrong.
  std::string check(const std::string& body) const {
    if (form_value(body, "grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return "Invalid grant_type";
    }
    const std::string assertion = form_value(body, "assertion");
    const std::size_t first = assertion.find('.');
    const std::size_t second = assertion.find('.', first + 1);
    if (first == std::string::npos || second == std::string::npos) return "Invalid JWT";
    const auto header = base64url_decode(assertion.substr(0, first));
    const auto claims = base64url_decode(assertion.substr(first + 1, second - first - 1));
    const auto signature = base64url_decode(assertion.substr(second + 1));
    if (!header || !claims || !signature) return "Invalid JWT";
    if (json::parse(*header) != json::parse(R"({"alg":"RS256","typ":"JWT"})"))
      return "Invalid JWT header";
    // The signature over `<header>.<claims>` as sent, with the trusted public key.
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    const std::string signed_part = assertion.substr(0, second);
    if (EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, trusted_.key()) != 1 ||
        EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature->data()),
                         signature->size(),
                         reinterpret_cast<const unsigned char*>(signed_part.data()),
                         signed_part.size()) != 1) {
      return "Invalid JWT Signature.";
    }
    const json::object payload = json::parse(*claims).as_object();
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    if (payload.at("iss") != json::value(client_email_)) return "Invalid issuer";
    if (payload.at("aud") != json::value(token_uri())) return "Invalid audience";
    if (payload.at("scope") != "https://www.googleapis.com/auth/devstorage.read_only") {
      return "Invalid scope";
    }
    const std::int64_t issued = payload.at("iat").to_number<std::int64_t>();
    const std::int64_t expires = payload.at("exp").to_number<std::int64_t>();
    if (issued > now + 60 || expires <= now || expires - issued > 3600) {
      return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable "
             "timeframe.";
    }
    return "";
  }

  const KeyPair& trusted_;
  std::string client_email_;
  std::atomic<int> granted_{0};
  std::atomic<int> refused_{0};
  http::test::TestServer server_;
};

}  // namespace ei::gcs_testing
