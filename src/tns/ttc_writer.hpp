#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ei::tns {

// Encodes the values of Oracle's TTC layer (the messages inside TNS DATA packets) into a
// byte string: fixed-width big- and little-endian integers, "universal" integers (a length
// byte, then that many big-endian bytes), and byte strings with their lengths.
class TtcWriter {
 public:
  void u8(std::uint8_t value) { out_.push_back(static_cast<char>(value)); }
  void u16be(std::uint16_t value);
  void u16le(std::uint16_t value);
  void u32be(std::uint32_t value);
  void u64be(std::uint64_t value);
  // A universal unsigned integer (TTC's ub2, ub4 and ub8 share the form).
  void ub(std::uint64_t value);
  void raw(std::string_view bytes) { out_.append(bytes); }
  // A length byte then the bytes; over 252 bytes, 254 then chunks of at most 32767 bytes,
  // each after its universal length, and a zero length.
  void bytes_with_length(std::string_view bytes);
  // The length as a universal integer, then (when not empty) the bytes with their length.
  void bytes_with_two_lengths(std::string_view bytes);
  // A key/value pair of the logon messages: both with two lengths, then the flags.
  void key_value(std::string_view key, std::string_view value, std::uint32_t flags = 0);

  const std::string& bytes() const { return out_; }
  std::string take() { return std::move(out_); }
  std::size_t size() const { return out_.size(); }

 private:
  std::string out_;
};

}  // namespace ei::tns
