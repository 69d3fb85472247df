// The client's side of the negotiation against a scripted peer that answers what no healthy
// server sends: requests to resend, redirects, old versions, native encryption, refusals,
// unknown messages, weak verifiers, a false server proof, silence and a closed socket. Each
// is a TnsError naming the server and what was wrong; none hangs or crashes.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <functional>
#include <thread>

#include "core/run_to_completion.hpp"
#include "tns/connection.hpp"
#include "tns/packet.hpp"
#include "tns/tns_error.hpp"
#include "tns/ttc_writer.hpp"

namespace ei::tns {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// One scripted step: read one packet of the client, then send `reply` (raw bytes; empty:
// send nothing; kClose: close the socket).
struct Step {
  std::string reply;
};
const std::string kClose = "<close>";

// A one-connection peer on 127.0.0.1 that plays `steps` in its own thread.
class ScriptedPeer {
 public:
  explicit ScriptedPeer(std::vector<Step> steps)
      : acceptor_(io_, {asio::ip::address_v4::loopback(), 0}) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this, steps = std::move(steps)] { play(steps); });
  }
  ~ScriptedPeer() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }

 private:
  void play(const std::vector<Step>& steps) {
    boost::system::error_code error;
    tcp::socket socket(io_);
    acceptor_.accept(socket, error);
    if (error) return;
    bool large = false;
    for (const auto& step : steps) {
      std::string header(kPacketHeaderSize, '\0');
      asio::read(socket, asio::buffer(header), error);
      if (error) return;
      std::string body(packet_length(header, large) - kPacketHeaderSize, '\0');
      asio::read(socket, asio::buffer(body), error);
      if (error) return;
      // A long connect descriptor follows its CONNECT packet as DATA: read that too.
      if (header[4] == static_cast<char>(PacketType::connect) && body.size() == 66) {
        asio::read(socket, asio::buffer(header), error);
        body.resize(packet_length(header, large) - kPacketHeaderSize);
        asio::read(socket, asio::buffer(body), error);
      }
      if (step.reply == kClose) return;
      if (step.reply.empty()) continue;
      asio::write(socket, asio::buffer(step.reply), error);
      if (step.reply[4] == static_cast<char>(PacketType::accept)) large = true;
    }
    // Hold the socket until the client is done with it.
    char byte;
    asio::read(socket, asio::buffer(&byte, 1), error);
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  int port_ = 0;
  std::thread thread_;
};

std::string accept_packet(std::uint16_t version, std::uint8_t nsi_flags = 0) {
  TtcWriter body;
  body.u16be(version);
  body.u16be(0);
  body.raw(std::string(10, '\0'));
  body.u8(nsi_flags);
  body.raw(std::string(9, '\0'));
  body.u32be(8192);
  body.u32be(8192);
  return encode_packet(PacketType::accept, body.bytes(), false);
}

std::string data_packet(std::string_view ttc) {
  return encode_packet(PacketType::data, std::string("\0\0", 2) + std::string(ttc), true);
}

std::string protocol_answer() {
  TtcWriter w;
  w.u8(1);
  w.u8(6);
  w.u8(0);
  w.raw("banner");
  w.u8(0);
  w.u16le(873);
  w.u8(1);
  w.u16le(0);
  std::string fdo(9, '\0');
  fdo += "\x07\xd0";
  w.u16be(static_cast<std::uint16_t>(fdo.size()));
  w.raw(fdo);
  std::string caps(55, '\0');
  caps[7] = 7;
  w.bytes_with_length(caps);
  w.bytes_with_length(std::string(11, '\0'));
  return data_packet(w.bytes());
}

std::string data_types_answer() {
  return data_packet(std::string("\x02\x00\x01\x00\x01\x00\x00\x00\x00\x00\x00", 11));
}

// The first logon answer with AUTH_VFR_DATA of `verifier` type, after a server-side
// piggyback (a trace event), which a response may carry anywhere.
std::string challenge(std::uint32_t verifier) {
  TtcWriter w;
  w.u8(23);
  w.u8(3);
  w.u8(8);
  w.ub(5);
  w.key_value("AUTH_SESSKEY", std::string(64, 'A'));
  w.key_value("AUTH_VFR_DATA", "000102030405060708090A0B0C0D0E0F", verifier);
  w.key_value("AUTH_PBKDF2_CSK_SALT", "000102030405060708090A0B0C0D0E0F");
  w.key_value("AUTH_PBKDF2_VGEN_COUNT", "4096");
  w.key_value("AUTH_PBKDF2_SDER_COUNT", "3");
  w.u8(9);  // status
  w.ub(0);
  w.ub(0);
  return data_packet(w.bytes());
}

class NegotiationTest : public ::testing::Test {
 protected:
  // Connects to the peer and returns the TnsError it ends with.
  TnsError failure(std::vector<Step> steps,
                   std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    ScriptedPeer peer(std::move(steps));
    ConnectOptions options;
    options.host = "127.0.0.1";
    options.port = peer.port();
    options.sid = "XE";
    options.user = "scott";
    options.password = "tiger";
    options.timeout = timeout;
    Connection connection(io_.get_executor(), options);
    try {
      core::run_to_completion(io_, connection.connect());
    } catch (const TnsError& error) {
      EXPECT_FALSE(connection.connected());
      EXPECT_THAT(error.what(), ::testing::StartsWith(
                                    "Oracle at 127.0.0.1:" + std::to_string(peer.port()) + ": "));
      return error;
    }
    ADD_FAILURE() << "connected";
    return TnsError(TnsError::Kind::protocol, "connected");
  }

  asio::io_context io_;
};

TEST_F(NegotiationTest, ThreeRequestsToResendAreAProtocolError) {
  const auto resend = encode_packet(PacketType::resend, "", false);
  const auto error = failure({{resend}, {resend}, {resend}});
  EXPECT_EQ(error.kind(), TnsError::Kind::protocol);
  EXPECT_THAT(error.what(), ::testing::HasSubstr("asked three times for the connect packet again"));
}

TEST_F(NegotiationTest, ARedirectIsNamed) {
  const auto error = failure({{encode_packet(PacketType::redirect, "\x00\x00", false)}});
  EXPECT_THAT(error.what(), ::testing::HasSubstr("a listener redirect"));
}

TEST_F(NegotiationTest, AnUnexpectedPacketWhereTheAcceptBelongs) {
  const auto error = failure({{encode_packet(PacketType::data, "\x00\x00", false)}});
  EXPECT_THAT(error.what(),
              ::testing::HasSubstr("a packet of type 6 where an ACCEPT was expected"));
}

TEST_F(NegotiationTest, AnOldServerIsRefusedByVersion) {
  const auto error = failure({{accept_packet(314)}});
  EXPECT_EQ(error.kind(), TnsError::Kind::connection);
  EXPECT_THAT(error.what(), ::testing::HasSubstr("TNS version 314; this client needs 315"));
}

TEST_F(NegotiationTest, RequiredNativeEncryptionIsNamed) {
  const auto error = failure({{accept_packet(315, 0x10)}});
  EXPECT_THAT(error.what(), ::testing::HasSubstr("native network encryption"));
  EXPECT_THAT(error.what(), ::testing::HasSubstr("use TCPS instead"));
}

TEST_F(NegotiationTest, RefusalsCarryTheListenersCode) {
  const std::string text = "(DESCRIPTION=(ERR=12514))";
  const auto refuse = [](const std::string& text) {
    std::string body("\x01\x00", 2);
    body.push_back(static_cast<char>(text.size() >> 8));
    body.push_back(static_cast<char>(text.size()));
    return encode_packet(PacketType::refuse, body + text, false);
  };
  auto error = failure({{refuse(text)}});
  EXPECT_EQ(error.kind(), TnsError::Kind::refused);
  EXPECT_EQ(error.ora_code(), 12514);
  EXPECT_THAT(error.what(), ::testing::HasSubstr("(TNS-12514): it knows of no such service"));
  error = failure({{refuse("(ERR=12520)")}});
  EXPECT_THAT(error.what(), ::testing::EndsWith("the listener refused the connection (TNS-12520)"));
  error = failure({{refuse("no code")}});
  EXPECT_THAT(error.what(), ::testing::EndsWith("the listener refused the connection"));
}

TEST_F(NegotiationTest, AnUnknownMessageWhereTheProtocolAnswerBelongs) {
  const auto error = failure({{accept_packet(315)}, {data_packet("\x63")}});
  EXPECT_EQ(error.kind(), TnsError::Kind::protocol);
  EXPECT_THAT(error.what(),
              ::testing::HasSubstr("message type 99 where the protocol answer was expected"));
}

TEST_F(NegotiationTest, AnOlderFieldVersionIsRefused) {
  auto answer = protocol_answer();
  // The compile capabilities' field version byte: 6 (11.2).
  const auto at = answer.find(std::string(7, '\0') + "\x07", answer.size() - 70);
  ASSERT_NE(at, std::string::npos);
  answer[at + 7] = 6;
  const auto error = failure({{accept_packet(315)}, {answer}});
  EXPECT_THAT(error.what(), ::testing::HasSubstr("TTC field version is 6"));
}

TEST_F(NegotiationTest, AnUnknownMessageWhereTheDataTypesAnswerBelongs) {
  const auto error = failure({{accept_packet(315)}, {protocol_answer()}, {data_packet("\x05")}});
  EXPECT_THAT(error.what(), ::testing::HasSubstr("where the data types answer was expected"));
}

TEST_F(NegotiationTest, AnElevenGVerifierIsRefusedWithTheFix) {
  const auto error = failure(
      {{accept_packet(315)}, {protocol_answer()}, {data_types_answer()}, {challenge(0xB152)}});
  EXPECT_EQ(error.kind(), TnsError::Kind::logon);
  EXPECT_THAT(error.what(), ::testing::HasSubstr("a verifier of type 0xB152"));
  EXPECT_THAT(error.what(), ::testing::HasSubstr("SQLNET.ALLOWED_LOGON_VERSION_SERVER"));
}

TEST_F(NegotiationTest, AServerWithoutProofOfTheVerifierIsRefused) {
  TtcWriter w;
  w.u8(8);
  w.ub(1);
  w.key_value("AUTH_SVR_RESPONSE", std::string(96, 'A'));
  w.u8(9);
  w.ub(0);
  w.ub(0);
  const auto error = failure({{accept_packet(315)},
                              {protocol_answer()},
                              {data_types_answer()},
                              {challenge(0x4815)},
                              {data_packet(w.bytes())}});
  EXPECT_EQ(error.kind(), TnsError::Kind::logon);
  EXPECT_THAT(error.what(),
              ::testing::HasSubstr("could not prove that it knows the password's verifier"));
}

TEST_F(NegotiationTest, AMalformedChallengeIsAProtocolError) {
  TtcWriter w;
  w.u8(8);
  w.ub(1);
  w.key_value("AUTH_VFR_DATA", "00", 0x4815);
  w.u8(9);
  w.ub(0);
  w.ub(0);
  const auto error = failure(
      {{accept_packet(315)}, {protocol_answer()}, {data_types_answer()}, {data_packet(w.bytes())}});
  EXPECT_EQ(error.kind(), TnsError::Kind::protocol);
  EXPECT_THAT(error.what(), ::testing::HasSubstr("a logon challenge that cannot be used"));
}

TEST_F(NegotiationTest, AnUnknownTtcMessageIsAProtocolError) {
  const auto error = failure(
      {{accept_packet(315)}, {protocol_answer()}, {data_types_answer()}, {data_packet("\x30")}});
  EXPECT_EQ(error.kind(), TnsError::Kind::protocol);
  EXPECT_THAT(error.what(),
              ::testing::HasSubstr("message type 48, which this client does not read"));
}

TEST_F(NegotiationTest, TheServerEndingTheSessionIsAConnectionError) {
  const auto error = failure({{accept_packet(315)},
                              {protocol_answer()},
                              {data_types_answer()},
                              {encode_packet(PacketType::data, std::string("\x00\x40", 2), true)}});
  EXPECT_EQ(error.kind(), TnsError::Kind::connection);
  EXPECT_THAT(error.what(), ::testing::HasSubstr("the server ended the session"));
}

TEST_F(NegotiationTest, AClosedSocketAndSilenceAreConnectionErrors) {
  auto error = failure({{kClose}});
  EXPECT_EQ(error.kind(), TnsError::Kind::connection);
  EXPECT_THAT(error.what(), ::testing::HasSubstr("the server closed the connection while reading"));
  error = failure({{accept_packet(315)}, {""}}, std::chrono::milliseconds(300));
  EXPECT_THAT(error.what(), ::testing::HasSubstr("no answer within 300 ms while reading"));
}

}  // namespace
}  // namespace ei::tns
