#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace ei::tns {

// What the server sends after the first logon message (its AUTH_* parameters).
struct O5LogonChallenge {
  std::string session_key_hex;    // AUTH_SESSKEY: the server's half, encrypted
  std::string verifier_data_hex;  // AUTH_VFR_DATA: the verifier's salt
  std::string csk_salt_hex;       // AUTH_PBKDF2_CSK_SALT
  int vgen_count = 4096;          // AUTH_PBKDF2_VGEN_COUNT
  int sder_count = 3;             // AUTH_PBKDF2_SDER_COUNT
};

// What the client answers with in the second logon message, and the key both sides share.
struct O5LogonAnswer {
  std::string session_key_hex;  // AUTH_SESSKEY: the client's half, encrypted
  std::string password_hex;     // AUTH_PASSWORD
  std::string speedy_key_hex;   // AUTH_PBKDF2_SPEEDY_KEY
  std::string combo_key;        // the session's shared key (32 raw bytes)
};

using RandomBytes = std::function<std::string(std::size_t)>;

// Cryptographically random bytes (OpenSSL's RAND_bytes).
std::string secure_random_bytes(std::size_t count);

// O5LOGON with the 12c password verifier (the PBKDF2-SHA512 one every current Oracle
// Database offers): derives the password key from the verifier's salt, decrypts the server's
// half of the session key, encrypts a random half of ours, derives the shared key from both
// and encrypts the password (and the "speedy" key) under it. Throws std::invalid_argument on
// a malformed challenge.
O5LogonAnswer answer_12c(const O5LogonChallenge& challenge, std::string_view password,
                         const RandomBytes& random = secure_random_bytes);

// The server proves it knew the verifier too: AUTH_SVR_RESPONSE decrypts, under the shared
// key, to 16 random bytes then "SERVER_TO_CLIENT".
bool server_response_valid(std::string_view combo_key, std::string_view response_hex);

// The primitives, public for tests.
std::string pbkdf2_sha512(std::string_view secret, std::string_view salt, int iterations,
                          std::size_t length);
std::string sha512(std::string_view data);
// AES-256 (or -192/-128 by key length) in CBC mode with a zero IV and no padding of its own:
// `data` must be whole blocks.
std::string aes_cbc(std::string_view key, std::string_view data, bool encrypt);
// Pads to whole 16-byte blocks with n bytes of value n (a whole block when already aligned).
std::string block_padded(std::string_view data);
std::string hex_upper(std::string_view bytes);
// Throws std::invalid_argument for odd lengths and non-hex characters.
std::string from_hex(std::string_view hex);

}  // namespace ei::tns
