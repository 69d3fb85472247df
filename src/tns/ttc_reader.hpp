#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ei::tns {

// The bytes read so far end inside a value: more DATA packets are needed. The reader of a
// response catches it, appends the next packet and parses the message again from its start.
struct NeedMoreData {};

// A value that cannot be what the protocol allows (a length over its maximum, say): the
// server's answer is not understood.
class TtcFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Decodes TTC values (see TtcWriter) from a byte string; throws NeedMoreData at its end.
class TtcReader {
 public:
  explicit TtcReader(std::string_view data, std::size_t position = 0)
      : data_(data), position_(position) {}

  std::uint8_t u8();
  std::int8_t s8() { return static_cast<std::int8_t>(u8()); }
  std::uint16_t u16be();
  std::uint16_t u16le();
  std::uint32_t u32be();
  // A universal unsigned integer of at most `max_bytes` bytes.
  std::uint64_t ub(std::size_t max_bytes = 8);
  std::uint16_t ub2() { return static_cast<std::uint16_t>(ub(2)); }
  std::uint32_t ub4() { return static_cast<std::uint32_t>(ub(4)); }
  // A universal signed integer (the length byte's high bit is the sign).
  std::int64_t sb(std::size_t max_bytes = 8);
  std::string_view raw(std::size_t count);
  // Bytes with their length (see TtcWriter::bytes_with_length); nullopt for a NULL value
  // (length 0 or 255).
  std::optional<std::string> bytes_with_length();
  // A universal length, then (when not zero) bytes with their length.
  std::optional<std::string> bytes_with_two_lengths();
  std::string null_terminated();

  std::size_t position() const { return position_; }
  std::size_t remaining() const { return data_.size() - position_; }

 private:
  std::string_view data_;
  std::size_t position_;
};

}  // namespace ei::tns
