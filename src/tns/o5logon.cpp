#include "tns/o5logon.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

namespace ei::tns {

namespace {

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

std::string secure_random_bytes(std::size_t count) {
  std::string out(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1) {
    throw std::runtime_error("the system's random number generator failed");
  }
  return out;
}

std::string pbkdf2_sha512(std::string_view secret, std::string_view salt, int iterations,
                          std::size_t length) {
  std::string out(length, '\0');
  if (PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()), bytes_of(salt),
                        static_cast<int>(salt.size()), iterations, EVP_sha512(),
                        static_cast<int>(length),
                        reinterpret_cast<unsigned char*>(out.data())) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return out;
}

std::string sha512(std::string_view data) {
  std::string out(64, '\0');
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &size,
                 EVP_sha512(), nullptr) != 1) {
    throw std::runtime_error("SHA-512 failed");
  }
  return out;
}

std::string aes_cbc(std::string_view key, std::string_view data, bool encrypt) {
  const EVP_CIPHER* cipher = key.size() == 32   ? EVP_aes_256_cbc()
                             : key.size() == 24 ? EVP_aes_192_cbc()
                             : key.size() == 16 ? EVP_aes_128_cbc()
                                                : nullptr;
  if (cipher == nullptr)
    throw std::invalid_argument("an AES key of " + std::to_string(key.size()) + " bytes");
  if (data.size() % 16 != 0) throw std::invalid_argument("AES-CBC data that is not whole blocks");
  const std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> context(
      EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  const unsigned char iv[16] = {};
  std::string out(data.size() + 16, '\0');
  int written = 0;
  int final_written = 0;
  auto* output = reinterpret_cast<unsigned char*>(out.data());
  if (!context ||
      EVP_CipherInit_ex(context.get(), cipher, nullptr, bytes_of(key), iv, encrypt ? 1 : 0) != 1 ||
      EVP_CIPHER_CTX_set_padding(context.get(), 0) != 1 ||
      EVP_CipherUpdate(context.get(), output, &written, bytes_of(data),
                       static_cast<int>(data.size())) != 1 ||
      EVP_CipherFinal_ex(context.get(), output + written, &final_written) != 1) {
    throw std::runtime_error("AES-CBC failed");
  }
  out.resize(static_cast<std::size_t>(written + final_written));
  return out;
}

std::string block_padded(std::string_view data) {
  const auto pad = 16 - data.size() % 16;
  std::string out(data);
  out.append(pad, static_cast<char>(pad));
  return out;
}

std::string hex_upper(std::string_view bytes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(digits[byte >> 4]);
    out.push_back(digits[byte & 0x0F]);
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) throw std::invalid_argument("hex text of odd length");
  const auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::invalid_argument(std::string("a non-hex character '") + c + "'");
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    out.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  }
  return out;
}

O5LogonAnswer answer_12c(const O5LogonChallenge& challenge, std::string_view password,
                         const RandomBytes& random) {
  constexpr std::size_t kKeyLength = 32;
  // Oracle derives with 4096 and 3 rounds; a server asking for millions would only burn CPU.
  constexpr int kMaxRounds = 1'000'000;
  if (challenge.vgen_count < 1 || challenge.vgen_count > kMaxRounds || challenge.sder_count < 1 ||
      challenge.sder_count > kMaxRounds) {
    throw std::invalid_argument("key derivation counts of " + std::to_string(challenge.vgen_count) +
                                " and " + std::to_string(challenge.sder_count) +
                                " rounds (at most 1,000,000 are accepted)");
  }
  const auto salt = from_hex(challenge.verifier_data_hex);
  // The password key and the verifier the server keeps (its first 32 bytes are the AES key).
  const auto password_key =
      pbkdf2_sha512(password, salt + "AUTH_PBKDF2_SPEEDY_KEY", challenge.vgen_count, 64);
  const auto password_hash = sha512(password_key + salt).substr(0, kKeyLength);

  const auto encrypted_server_key = from_hex(challenge.session_key_hex);
  if (encrypted_server_key.size() != kKeyLength) {
    throw std::invalid_argument("a server session key of " +
                                std::to_string(encrypted_server_key.size()) +
                                " bytes (the 12c verifier's is 32)");
  }
  const auto server_key = aes_cbc(password_hash, encrypted_server_key, false);
  const auto client_key = random(kKeyLength);
  O5LogonAnswer answer;
  // Ours is sent as the first 32 bytes of its padded encryption, as the server expects.
  answer.session_key_hex =
      hex_upper(aes_cbc(password_hash, block_padded(client_key), true).substr(0, kKeyLength));
  const auto mixed = hex_upper(client_key.substr(0, kKeyLength) + server_key.substr(0, kKeyLength));
  answer.combo_key =
      pbkdf2_sha512(mixed, from_hex(challenge.csk_salt_hex), challenge.sder_count, kKeyLength);
  answer.password_hex =
      hex_upper(aes_cbc(answer.combo_key, block_padded(random(16) + std::string(password)), true));
  answer.speedy_key_hex = hex_upper(
      aes_cbc(answer.combo_key, block_padded(random(16) + password_key), true).substr(0, 80));
  return answer;
}

bool server_response_valid(std::string_view combo_key, std::string_view response_hex) {
  try {
    const auto decrypted = aes_cbc(combo_key, from_hex(response_hex), false);
    return decrypted.size() >= 32 && decrypted.substr(16, 16) == "SERVER_TO_CLIENT";
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace ei::tns
