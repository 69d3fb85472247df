#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ei::core {

// Standard base64 (RFC 4648 §4, `+/`, `=` padding), the form of `_attachment` fields.
std::string base64_encode(std::string_view bytes);

// Decodes standard base64; ASCII whitespace is skipped (line-wrapped input). Nothing when
// the text holds other characters or has a malformed padding.
std::optional<std::string> base64_decode(std::string_view text);

// Encodes a stream chunk by chunk so a large download never has to be held twice: the
// concatenation of every update() and finish() equals base64_encode of the whole input.
class Base64Encoder {
 public:
  // Writes the encoding of the complete groups `chunk` ends (with bytes held from earlier
  // chunks) at `out`, which has room for encoded_size(chunk.size() + 2) characters; returns
  // how many characters were written.
  std::size_t write(std::string_view chunk, char* out);
  // Writes the last, padded group, if bytes are held (room for 4); returns 0 or 4.
  std::size_t write_finish(char* out);

  // Appends the encoding of `chunk` (its complete groups) to `out`.
  void append(std::string_view chunk, std::string& out);
  // Appends the last, padded group, if any.
  void finish(std::string& out);

  // Encoded length of `size` input bytes, to reserve output buffers.
  static std::size_t encoded_size(std::size_t size) { return (size + 2) / 3 * 4; }

 private:
  unsigned char pending_[3] = {0, 0, 0};
  std::size_t pending_size_ = 0;
};

}  // namespace ei::core
