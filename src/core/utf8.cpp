#include "core/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace ei::core {

namespace {

// The length of the well-formed sequence at `at`, or 0 when it is ill-formed; `bad` is then
// the length of its maximal invalid subpart (at least 1).
std::size_t sequence_length(std::string_view text, std::size_t at, std::size_t& bad) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  bad = 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;  // the range of the second byte
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if (at + i >= text.size()) return 0;
    const unsigned char next = byte(at + i);
    const bool fits = i == 1 ? next >= low && next <= high : next >= 0x80 && next <= 0xBF;
    if (!fits) return 0;
    bad = i + 1;
  }
  return length;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  std::size_t at = 0;
  const std::size_t size = text.size();
  while (at < size) {
    // Eight ASCII bytes at a time: most text of most documents.
    if (at + 8 <= size) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + at, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        at += 8;
        continue;
      }
    }
    std::size_t bad = 0;
    const std::size_t length = sequence_length(text, at, bad);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

namespace {

// `text` with each maximal invalid subpart replaced by `replacement` (which may be empty).
std::string repaired(std::string_view text, std::string_view replacement) {
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t bad = 0;
    const std::size_t length = sequence_length(text, at, bad);
    if (length == 0) {
      out += replacement;
      at += bad;
      continue;
    }
    out.append(text.data() + at, length);
    at += length;
  }
  return out;
}

}  // namespace

std::string to_valid_utf8(std::string_view text) {
  return repaired(text, "\xEF\xBF\xBD");  // U+FFFD
}

std::string drop_invalid_utf8(std::string_view text) {
  return repaired(text, "");
}

}  // namespace ei::core
