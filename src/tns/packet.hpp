#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ei::tns {

// TNS packet types (the first byte after the length and checksum of every packet).
enum class PacketType : std::uint8_t {
  connect = 1,
  accept = 2,
  refuse = 4,
  redirect = 5,
  data = 6,
  resend = 11,
  marker = 12,
  control = 14,
};

inline constexpr std::size_t kPacketHeaderSize = 8;
// DATA packets start with two bytes of flags; this one says the sender closes the session.
inline constexpr std::uint16_t kDataFlagEof = 0x0040;
inline constexpr std::uint8_t kMarkerBreak = 1;
inline constexpr std::uint8_t kMarkerReset = 2;

struct Packet {
  PacketType type = PacketType::data;
  std::uint8_t flags = 0;
  std::string body;  // what follows the 8-byte header
};

// The 8-byte header: the packet's length in 16 bits and a zero checksum before the
// connection is accepted, in 32 bits once both sides speak version 315 or later.
std::string packet_header(PacketType type, std::size_t length, bool large_lengths,
                          std::uint8_t flags = 0);

// The length a header announces (header included).
std::size_t packet_length(std::string_view header, bool large_lengths);

// A whole packet: header and body.
std::string encode_packet(PacketType type, std::string_view body, bool large_lengths,
                          std::uint8_t flags = 0);

}  // namespace ei::tns
