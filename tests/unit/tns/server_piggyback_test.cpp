// Every kind of server-side piggyback is read past exactly, by its layout; an unknown kind is
// a format error rather than a misread response.

#include "tns/server_piggyback.hpp"

#include <gtest/gtest.h>

#include "tns/ttc_reader.hpp"
#include "tns/ttc_writer.hpp"

namespace ei::tns {
namespace {

// Reads `bytes` as one piggyback: every byte is consumed.
void expect_skipped(const std::string& bytes) {
  TtcReader reader(bytes);
  skip_server_piggyback(reader);
  EXPECT_EQ(reader.remaining(), 0u) << "kind " << static_cast<int>(bytes[0]);
  // Cut short, it asks for more.
  const std::string cut = bytes.substr(0, bytes.size() - 1);
  TtcReader partial(cut);
  if (bytes.size() > 1) {
    EXPECT_THROW(skip_server_piggyback(partial), NeedMoreData);
  }
}

void keyword_value(TtcWriter& w, const std::string& text, const std::string& binary) {
  w.ub(text.size());
  if (!text.empty()) w.bytes_with_length(text);
  w.ub(binary.size());
  if (!binary.empty()) w.bytes_with_length(binary);
  w.ub(7);
}

TEST(ServerPiggyback, EachKindIsReadPastByItsLayout) {
  for (const std::uint8_t kind : {1, 3}) expect_skipped(std::string(1, static_cast<char>(kind)));
  TtcWriter ltxid;
  ltxid.u8(7);
  ltxid.ub(4);
  ltxid.bytes_with_length("txid");
  expect_skipped(ltxid.bytes());
  TtcWriter pid;
  pid.u8(2);
  pid.ub(300);
  pid.bytes_with_length("1234");
  expect_skipped(pid.bytes());
  TtcWriter sync;
  sync.u8(5);
  sync.ub(1);
  sync.u8(1);
  sync.ub(2);
  sync.u8(2);
  keyword_value(sync, "SCHEMA", "");
  keyword_value(sync, "", std::string(300, 'b'));
  sync.ub(0x10000);
  expect_skipped(sync.bytes());
  TtcWriter extended;
  extended.u8(9);
  extended.ub(1);
  extended.u8(1);
  expect_skipped(extended.bytes());
  TtcWriter replay;
  replay.u8(8);
  replay.ub(1);
  replay.u8(1);
  replay.ub(2);
  replay.ub(3);
  replay.u8(0);
  replay.ub(5);
  replay.bytes_with_length("state");
  expect_skipped(replay.bytes());
  TtcWriter session;
  session.u8(4);
  session.ub(1);
  session.u8(1);
  session.ub(1);
  session.u8(1);
  keyword_value(session, "K", "V");
  session.ub(1);
  session.ub(77);
  session.ub(8);
  expect_skipped(session.bytes());
  TtcWriter signature;
  signature.u8(10);
  signature.ub(1);
  signature.u8(1);
  signature.ub(1);
  signature.ub(0x0102030405060708ULL);
  signature.ub(9);
  expect_skipped(signature.bytes());
}

TEST(ServerPiggyback, AnUnknownKindIsAFormatError) {
  const std::string bytes("\x06", 1);
  TtcReader reader(bytes);
  try {
    skip_server_piggyback(reader);
    ADD_FAILURE() << "an unknown piggyback was read";
  } catch (const TtcFormatError& error) {
    EXPECT_STREQ(error.what(), "a server piggyback of kind 6, which this client does not read");
  }
}

}  // namespace
}  // namespace ei::tns
