#include "core/base64.hpp"

#include <array>
#include <cstdint>

namespace ei::core {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr int kInvalid = -1;
constexpr int kSkip = -2;

constexpr std::array<int, 256> make_decode_table() {
  std::array<int, 256> table{};
  for (auto& entry : table) entry = kInvalid;
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
  }
  for (unsigned char c : {' ', '\t', '\r', '\n', '\f', '\v'}) table[c] = kSkip;
  return table;
}

constexpr std::array<int, 256> kDecode = make_decode_table();

// Writes the four characters of one group of one to three bytes; returns the next position.
char* encode_group(const unsigned char* in, std::size_t size, char* out) {
  const std::uint32_t group = (std::uint32_t{in[0]} << 16) |
                              (size > 1 ? std::uint32_t{in[1]} << 8 : 0U) |
                              (size > 2 ? std::uint32_t{in[2]} : 0U);
  out[0] = kAlphabet[(group >> 18) & 0x3F];
  out[1] = kAlphabet[(group >> 12) & 0x3F];
  out[2] = size > 1 ? kAlphabet[(group >> 6) & 0x3F] : '=';
  out[3] = size > 2 ? kAlphabet[group & 0x3F] : '=';
  return out + 4;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  Base64Encoder encoder;
  std::string out;
  encoder.append(bytes, out);
  encoder.finish(out);
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t group = 0;
  int filled = 0;      // sextets in the current group
  int padding = 0;     // '=' seen in the current group
  bool ended = false;  // a padded group was completed: nothing may follow
  for (char ch : text) {
    const int value = kDecode[static_cast<unsigned char>(ch)];
    if (value == kSkip) continue;
    if (ended) return std::nullopt;
    if (ch == '=') {
      // Padding only in the last two positions of a group, after at least two sextets.
      if (filled + padding < 2) return std::nullopt;
      ++padding;
    } else {
      if (value == kInvalid || padding > 0) return std::nullopt;
      group = (group << 6) | static_cast<std::uint32_t>(value);
      ++filled;
    }
    if (filled + padding == 4) {
      group <<= 6 * padding;
      out += static_cast<char>((group >> 16) & 0xFF);
      if (padding < 2) out += static_cast<char>((group >> 8) & 0xFF);
      if (padding < 1) out += static_cast<char>(group & 0xFF);
      ended = padding > 0;
      group = 0;
      filled = 0;
      padding = 0;
    }
  }
  if (filled + padding != 0) return std::nullopt;
  return out;
}

std::size_t Base64Encoder::write(std::string_view chunk, char* out) {
  const auto* data = reinterpret_cast<const unsigned char*>(chunk.data());
  std::size_t size = chunk.size();
  char* next = out;
  // Complete a group left over from the previous chunk.
  while (pending_size_ > 0 && size > 0) {
    pending_[pending_size_++] = *data++;
    --size;
    if (pending_size_ == 3) {
      next = encode_group(pending_, 3, next);
      pending_size_ = 0;
    }
  }
  const std::size_t whole = size / 3 * 3;
  for (std::size_t i = 0; i < whole; i += 3) next = encode_group(data + i, 3, next);
  for (std::size_t i = whole; i < size; ++i) pending_[pending_size_++] = data[i];
  return static_cast<std::size_t>(next - out);
}

std::size_t Base64Encoder::write_finish(char* out) {
  const std::size_t written = pending_size_ > 0 ? 4 : 0;
  if (pending_size_ > 0) encode_group(pending_, pending_size_, out);
  pending_size_ = 0;
  return written;
}

void Base64Encoder::append(std::string_view chunk, std::string& out) {
  // Sized once per chunk, then written in place: no growth check per character.
  const std::size_t used = out.size();
  out.resize(used + encoded_size(chunk.size() + 2));
  out.resize(used + write(chunk, out.data() + used));
}

void Base64Encoder::finish(std::string& out) {
  char group[4];
  out.append(group, write_finish(group));
}

}  // namespace ei::core
