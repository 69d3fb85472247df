// TTC's encodings: what TtcWriter writes TtcReader reads back, byte for byte as Oracle Net
// lays it out, and a reader that reaches the end of the bytes asks for more.

#include <gtest/gtest.h>

#include "tns/packet.hpp"
#include "tns/ttc_reader.hpp"
#include "tns/ttc_writer.hpp"

namespace ei::tns {
namespace {

TEST(TtcCodec, UniversalIntegersUseTheFewestBytes) {
  TtcWriter writer;
  writer.ub(0);
  writer.ub(255);
  writer.ub(256);
  writer.ub(65536);
  writer.ub(0x100000000ULL);
  EXPECT_EQ(writer.bytes(), std::string("\x00\x01\xff\x02\x01\x00\x04\x00\x01\x00\x00"
                                        "\x08\x00\x00\x00\x01\x00\x00\x00\x00",
                                        20));
  TtcReader reader(writer.bytes());
  EXPECT_EQ(reader.ub(), 0u);
  EXPECT_EQ(reader.ub2(), 255u);
  EXPECT_EQ(reader.ub2(), 256u);
  EXPECT_EQ(reader.ub4(), 65536u);
  EXPECT_EQ(reader.ub(), 0x100000000ULL);
  EXPECT_EQ(reader.remaining(), 0u);
  EXPECT_THROW(reader.u8(), NeedMoreData);
}

TEST(TtcCodec, SignedIntegersCarryTheSignInTheLengthByte) {
  const std::string data("\x82\x01\x00\x01\x05\x00", 6);  // the reader only views its bytes
  TtcReader reader(data);
  EXPECT_EQ(reader.sb(), -256);
  EXPECT_EQ(reader.sb(), 5);
  EXPECT_EQ(reader.sb(), 0);
  const std::string too_long("\x85\x00\x00\x00\x00\x01", 6);
  TtcReader oversized(too_long);
  EXPECT_THROW(oversized.sb(4), TtcFormatError);
}

TEST(TtcCodec, AnIntegerLongerThanItsKindIsAFormatError) {
  const std::string data("\x04\x00\x00\x01\x00", 5);
  TtcReader reader(data);
  EXPECT_THROW(reader.ub2(), TtcFormatError);
}

TEST(TtcCodec, FixedWidthIntegers) {
  TtcWriter writer;
  writer.u16be(0x0102);
  writer.u16le(0x0304);
  writer.u32be(0x05060708);
  writer.u64be(0x090A0B0C0D0E0F10ULL);
  TtcReader reader(writer.bytes());
  EXPECT_EQ(reader.u16be(), 0x0102);
  EXPECT_EQ(reader.u16le(), 0x0304);
  EXPECT_EQ(reader.u32be(), 0x05060708u);
  EXPECT_EQ(reader.raw(8), std::string("\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10", 8));
  EXPECT_EQ(TtcReader(std::string("\xff", 1)).s8(), -1);
}

TEST(TtcCodec, ShortAndChunkedByteStrings) {
  const std::string small(252, 's');
  const std::string large(70000, 'L');  // three chunks of at most 32767 bytes
  TtcWriter writer;
  writer.bytes_with_length(small);
  writer.bytes_with_length(large);
  writer.bytes_with_length("");
  const auto& bytes = writer.bytes();
  EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 252);
  EXPECT_EQ(static_cast<unsigned char>(bytes[253]), 254);  // the long form's indicator
  TtcReader reader(bytes);
  EXPECT_EQ(reader.bytes_with_length(), small);
  EXPECT_EQ(reader.bytes_with_length(), large);
  EXPECT_EQ(reader.bytes_with_length(), std::nullopt);  // length 0 is NULL
  EXPECT_EQ(TtcReader(std::string("\xff", 1)).bytes_with_length(), std::nullopt);
}

TEST(TtcCodec, TwoLengthsAndKeyValuePairs) {
  TtcWriter writer;
  writer.key_value("AUTH_PID", "42", 1);
  writer.bytes_with_two_lengths("");
  EXPECT_EQ(writer.bytes(), std::string("\x01\x08\x08"
                                        "AUTH_PID"
                                        "\x01\x02\x02"
                                        "42"
                                        "\x01\x01"
                                        "\x00",
                                        19));
  TtcReader reader(writer.bytes());
  EXPECT_EQ(reader.bytes_with_two_lengths(), "AUTH_PID");
  EXPECT_EQ(reader.bytes_with_two_lengths(), "42");
  EXPECT_EQ(reader.ub4(), 1u);
  EXPECT_EQ(reader.bytes_with_two_lengths(), std::nullopt);
}

TEST(TtcCodec, EveryTruncationAsksForMoreData) {
  TtcWriter writer;
  writer.bytes_with_length(std::string(40000, 'x'));
  writer.ub(70000);
  writer.raw("banner");
  writer.u8(0);
  const auto& bytes = writer.bytes();
  for (std::size_t cut = 0; cut < bytes.size(); cut += 997) {
    TtcReader reader(std::string_view(bytes).substr(0, cut));
    EXPECT_THROW(
        {
          reader.bytes_with_length();
          reader.ub();
          reader.null_terminated();
        },
        NeedMoreData)
        << "cut at " << cut;
  }
  TtcReader whole(bytes);
  whole.bytes_with_length();
  EXPECT_EQ(whole.ub(), 70000u);
  EXPECT_EQ(whole.null_terminated(), "banner");
  EXPECT_EQ(whole.position(), bytes.size());
}

TEST(TnsPacket, HeadersBeforeAndAfterTheConnectionIsAccepted) {
  const auto small = packet_header(PacketType::connect, 0x0123, false);
  EXPECT_EQ(small, std::string("\x01\x23\x00\x00\x01\x00\x00\x00", 8));
  EXPECT_EQ(packet_length(small, false), 0x0123u);
  const auto large = packet_header(PacketType::data, 0x01020304, true, 0x08);
  EXPECT_EQ(large, std::string("\x01\x02\x03\x04\x06\x08\x00\x00", 8));
  EXPECT_EQ(packet_length(large, true), 0x01020304u);
  EXPECT_EQ(encode_packet(PacketType::marker, std::string("\x01\x00\x02", 3), true),
            std::string("\x00\x00\x00\x0b\x0c\x00\x00\x00\x01\x00\x02", 11));
}

}  // namespace
}  // namespace ei::tns
