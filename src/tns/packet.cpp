#include "tns/packet.hpp"

namespace ei::tns {

std::string packet_header(PacketType type, std::size_t length, bool large_lengths,
                          std::uint8_t flags) {
  std::string header(kPacketHeaderSize, '\0');
  if (large_lengths) {
    for (int i = 0; i < 4; ++i) header[i] = static_cast<char>(length >> (24 - 8 * i));
  } else {
    header[0] = static_cast<char>(length >> 8);
    header[1] = static_cast<char>(length);
  }
  header[4] = static_cast<char>(type);
  header[5] = static_cast<char>(flags);
  return header;
}

std::size_t packet_length(std::string_view header, bool large_lengths) {
  const auto byte = [&](int i) {
    return static_cast<std::size_t>(static_cast<std::uint8_t>(header[i]));
  };
  if (large_lengths) return (byte(0) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
  return (byte(0) << 8) | byte(1);
}

std::string encode_packet(PacketType type, std::string_view body, bool large_lengths,
                          std::uint8_t flags) {
  auto out = packet_header(type, body.size() + kPacketHeaderSize, large_lengths, flags);
  out.append(body);
  return out;
}

}  // namespace ei::tns
