#include "core/hash.hpp"

#include <openssl/evp.h>

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

}  // namespace

std::string md5_hex(std::string_view bytes) {
  return digest(EVP_md5(), bytes);
}

std::string sha256_hex(std::string_view bytes) {
  return digest(EVP_sha256(), bytes);
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
