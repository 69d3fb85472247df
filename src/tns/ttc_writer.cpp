#include "tns/ttc_writer.hpp"

#include <algorithm>

namespace ei::tns {

namespace {
constexpr std::size_t kMaxShortLength = 252;
constexpr std::uint8_t kLongLengthIndicator = 254;
constexpr std::size_t kChunkSize = 32767;
}  // namespace

void TtcWriter::u16be(std::uint16_t value) {
  u8(static_cast<std::uint8_t>(value >> 8));
  u8(static_cast<std::uint8_t>(value));
}

void TtcWriter::u16le(std::uint16_t value) {
  u8(static_cast<std::uint8_t>(value));
  u8(static_cast<std::uint8_t>(value >> 8));
}

void TtcWriter::u32be(std::uint32_t value) {
  u16be(static_cast<std::uint16_t>(value >> 16));
  u16be(static_cast<std::uint16_t>(value));
}

void TtcWriter::u64be(std::uint64_t value) {
  u32be(static_cast<std::uint32_t>(value >> 32));
  u32be(static_cast<std::uint32_t>(value));
}

void TtcWriter::ub(std::uint64_t value) {
  if (value == 0) {
    u8(0);
  } else if (value <= 0xFF) {
    u8(1);
    u8(static_cast<std::uint8_t>(value));
  } else if (value <= 0xFFFF) {
    u8(2);
    u16be(static_cast<std::uint16_t>(value));
  } else if (value <= 0xFFFFFFFFu) {
    u8(4);
    u32be(static_cast<std::uint32_t>(value));
  } else {
    u8(8);
    u64be(value);
  }
}

void TtcWriter::bytes_with_length(std::string_view bytes) {
  if (bytes.size() <= kMaxShortLength) {
    u8(static_cast<std::uint8_t>(bytes.size()));
    raw(bytes);
    return;
  }
  u8(kLongLengthIndicator);
  while (!bytes.empty()) {
    const auto chunk = std::min(bytes.size(), kChunkSize);
    ub(chunk);
    raw(bytes.substr(0, chunk));
    bytes.remove_prefix(chunk);
  }
  ub(0);
}

void TtcWriter::bytes_with_two_lengths(std::string_view bytes) {
  ub(bytes.size());
  if (!bytes.empty()) bytes_with_length(bytes);
}

void TtcWriter::key_value(std::string_view key, std::string_view value, std::uint32_t flags) {
  bytes_with_two_lengths(key);
  bytes_with_two_lengths(value);
  ub(flags);
}

}  // namespace ei::tns
