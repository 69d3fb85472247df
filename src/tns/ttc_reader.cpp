#include "tns/ttc_reader.hpp"

namespace ei::tns {

namespace {
constexpr std::uint8_t kLongLengthIndicator = 254;
constexpr std::uint8_t kNullLengthIndicator = 255;
}  // namespace

std::string_view TtcReader::raw(std::size_t count) {
  if (remaining() < count) throw NeedMoreData{};
  const auto out = data_.substr(position_, count);
  position_ += count;
  return out;
}

std::uint8_t TtcReader::u8() {
  return static_cast<std::uint8_t>(raw(1)[0]);
}

std::uint16_t TtcReader::u16be() {
  const auto bytes = raw(2);
  return static_cast<std::uint16_t>((static_cast<std::uint8_t>(bytes[0]) << 8) |
                                    static_cast<std::uint8_t>(bytes[1]));
}

std::uint16_t TtcReader::u16le() {
  const auto bytes = raw(2);
  return static_cast<std::uint16_t>((static_cast<std::uint8_t>(bytes[1]) << 8) |
                                    static_cast<std::uint8_t>(bytes[0]));
}

std::uint32_t TtcReader::u32be() {
  const std::uint32_t high = u16be();
  return (high << 16) | u16be();
}

std::uint64_t TtcReader::ub(std::size_t max_bytes) {
  const std::size_t size = u8() & 0x7F;  // the sign bit of a negative value is ignored here
  if (size > max_bytes) {
    throw TtcFormatError("an integer of " + std::to_string(size) + " bytes where at most " +
                         std::to_string(max_bytes) + " are allowed");
  }
  std::uint64_t value = 0;
  for (const char byte : raw(size)) value = (value << 8) | static_cast<std::uint8_t>(byte);
  return value;
}

std::int64_t TtcReader::sb(std::size_t max_bytes) {
  const auto first = u8();
  const std::size_t size = first & 0x7F;
  if (size > max_bytes) {
    throw TtcFormatError("an integer of " + std::to_string(size) + " bytes where at most " +
                         std::to_string(max_bytes) + " are allowed");
  }
  std::uint64_t value = 0;
  for (const char byte : raw(size)) value = (value << 8) | static_cast<std::uint8_t>(byte);
  const auto magnitude = static_cast<std::int64_t>(value);
  return (first & 0x80) ? -magnitude : magnitude;
}

std::optional<std::string> TtcReader::bytes_with_length() {
  const auto length = u8();
  if (length == 0 || length == kNullLengthIndicator) return std::nullopt;
  if (length != kLongLengthIndicator) return std::string(raw(length));
  std::string out;
  while (true) {
    const auto chunk = ub(4);
    if (chunk == 0) return out;
    out.append(raw(chunk));
  }
}

std::optional<std::string> TtcReader::bytes_with_two_lengths() {
  if (ub(4) == 0) return std::nullopt;
  return bytes_with_length();
}

std::string TtcReader::null_terminated() {
  const auto end = data_.find('\0', position_);
  if (end == std::string_view::npos) throw NeedMoreData{};
  std::string out(data_.substr(position_, end - position_));
  position_ = end + 1;
  return out;
}

}  // namespace ei::tns
