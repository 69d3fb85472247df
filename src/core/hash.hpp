#pragma once

#include <string>
#include <string_view>

namespace ei::core {

// MD5 of the bytes as 32 lower-case hex digits: the reference's `hash_id`, used to turn
// over-long document ids into stable ones (not for security).
std::string md5_hex(std::string_view bytes);

// SHA-256 of the bytes as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// HMAC-SHA-256 of `data` under `key`: the 32 raw bytes (request signing: AWS Signature
// Version 4, Azure SharedKey).
std::string hmac_sha256(std::string_view key, std::string_view data);

// Lower-case hex of raw bytes.
std::string hex_lower(std::string_view bytes);

}  // namespace ei::core
