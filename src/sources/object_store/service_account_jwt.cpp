#include "sources/object_store/service_account_jwt.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <boost/json/serialize.hpp>
#include <chrono>
#include <memory>

#include "core/base64.hpp"
#include "core/error.hpp"

namespace ei::sources::object_store {

namespace json = boost::json;

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Key read_private_key(std::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) throw core::Error("Cannot read the service account's private key: out of memory");
  Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (!key) {
    throw core::Error(
        "The service account's private_key is not a PEM private key (check the JSON's "
        "\"private_key\", newlines included)");
  }
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
    throw core::Error("The service account's private_key is not an RSA key: RS256 needs one");
  }
  return key;
}

std::string sign_sha256(EVP_PKEY* key, std::string_view data) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  std::size_t size = 0;
  if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &size,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    throw core::Error("Signing the token request failed (OpenSSL)");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    throw core::Error("Signing the token request failed (OpenSSL)");
  }
  signature.resize(size);
  return signature;
}

}  // namespace

std::string base64url(std::string_view bytes) {
  std::string text = core::base64_encode(bytes);
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return text;
}

std::string rs256_jwt(const json::object& claims, std::string_view private_key_pem) {
  const Key key = read_private_key(private_key_pem);
  const std::string signing_input =
      base64url(R"({"alg":"RS256","typ":"JWT"})") + "." + base64url(json::serialize(claims));
  return signing_input + "." + base64url(sign_sha256(key.get(), signing_input));
}

std::string service_account_assertion(std::string_view client_email,
                                      std::string_view private_key_pem, std::string_view token_uri,
                                      std::string_view scope, core::TimePoint now) {
  const auto issued =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  json::object claims;
  claims["iss"] = client_email;
  claims["scope"] = scope;
  claims["aud"] = token_uri;
  claims["iat"] = issued;
  claims["exp"] = issued + 3600;
  return rs256_jwt(claims, private_key_pem);
}

}  // namespace ei::sources::object_store
