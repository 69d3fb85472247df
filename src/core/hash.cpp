#include "core/hash.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <memory>

#include "core/error.hpp"

namespace ei::core {

namespace {

std::string digest(const EVP_MD* algorithm, std::string_view bytes) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!context || EVP_DigestInit_ex(context.get(), algorithm, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), out, &size) != 1) {
    throw Error("OpenSSL digest failed");
  }
  return hex_lower(std::string_view(reinterpret_cast<const char*>(out), size));
}

// An algorithm fetched once: with OpenSSL 3, EVP_md5() and friends make every digest fetch
// its implementation again, which cost more than hashing a short id.
const EVP_MD* fetched(const char* name) {
  EVP_MD* algorithm = EVP_MD_fetch(nullptr, name, nullptr);
  if (algorithm == nullptr) throw Error(std::string("OpenSSL has no ") + name + " digest");
  return algorithm;  // kept for the life of the process
}

}  // namespace

std::string md5_hex(std::string_view bytes) {
  static const EVP_MD* const kMd5 = fetched("MD5");
  return digest(kMd5, bytes);
}

std::string sha256_hex(std::string_view bytes) {
  static const EVP_MD* const kSha256 = fetched("SHA256");
  return digest(kSha256, bytes);
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  static const EVP_MD* const kSha256 = fetched("SHA256");
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (HMAC(kSha256, key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out,
           &size) == nullptr) {
    throw Error("OpenSSL HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(out), size);
}

std::string hex_lower(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0x0F];
  }
  return out;
}

}  // namespace ei::core
