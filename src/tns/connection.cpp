#include "tns/connection.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "tns/connect_descriptor.hpp"
#include "tns/o5logon.hpp"
#include "tns/packet.hpp"
#include "tns/server_piggyback.hpp"
#include "tns/tns_error.hpp"
#include "tns/ttc_reader.hpp"
#include "tns/ttc_writer.hpp"

namespace ei::tns {

namespace asio = boost::asio;

namespace {

// TNS versions: what we ask for, and the oldest we accept (12.1, with 32-bit lengths).
constexpr std::uint16_t kVersionDesired = 319;
constexpr std::uint16_t kVersionMinimum = 315;
constexpr std::uint16_t kVersionWithFlags2 = 318;
constexpr std::size_t kConnectDataOffset = 74;
constexpr std::size_t kDefaultSdu = 8192;
constexpr std::size_t kMaxConnectDataInline = 230;
constexpr std::uint8_t kNsiDisableNativeAuth = 0x04;
constexpr std::uint8_t kNsiSupportSecurityRenegotiation = 0x80;
constexpr std::uint8_t kNsiNativeAuthRequired = 0x10;

// TTC message types.
constexpr std::uint8_t kMsgProtocol = 1;
constexpr std::uint8_t kMsgDataTypes = 2;
constexpr std::uint8_t kMsgFunction = 3;
constexpr std::uint8_t kMsgError = 4;
constexpr std::uint8_t kMsgRowHeader = 6;
constexpr std::uint8_t kMsgRowData = 7;
constexpr std::uint8_t kMsgParameter = 8;
constexpr std::uint8_t kMsgStatus = 9;
constexpr std::uint8_t kMsgWarning = 15;
constexpr std::uint8_t kMsgDescribeInfo = 16;
constexpr std::uint8_t kMsgPiggyback = 17;
constexpr std::uint8_t kMsgBitVector = 21;
constexpr std::uint8_t kMsgServerPiggyback = 23;
constexpr std::uint8_t kMsgEndOfResponse = 29;

// TTC functions.
constexpr std::uint8_t kFuncFetch = 5;
constexpr std::uint8_t kFuncLogoff = 9;
constexpr std::uint8_t kFuncExecute = 94;
constexpr std::uint8_t kFuncCloseCursors = 105;
constexpr std::uint8_t kFuncAuthPhaseTwo = 115;
constexpr std::uint8_t kFuncAuthPhaseOne = 118;
constexpr std::uint8_t kFuncPing = 147;

constexpr std::uint32_t kExecParse = 0x01;
constexpr std::uint32_t kExecDefine = 0x10;
constexpr std::uint32_t kExecExecute = 0x20;
constexpr std::uint32_t kExecFetch = 0x40;
constexpr std::uint32_t kExecNotPlsql = 0x8000;

constexpr std::uint32_t kAuthModeLogon = 0x01;
constexpr std::uint32_t kAuthModeWithPassword = 0x100;
constexpr std::uint32_t kVerifier12c = 0x4815;

// The TTC field version we speak: 12.1's. A server takes the lower of its own and ours, so
// every message has the 12.1 layout (later versions add fields).
constexpr std::uint8_t kFieldVersion = 7;
constexpr std::uint16_t kCharsetUtf8 = 873;  // AL32UTF8
constexpr std::uint32_t kNoDataFound = 1403;
constexpr std::uint32_t kMaxLongLength = 0x7FFFFFFF;

// Compile-time capabilities (index: value): SQL version, logon kinds (O5LOGON and what it
// implies), the field version, server-side define conversion (LOBs defined as LONG), the
// end-of-call status and indicator records of TTC1, data types numbered in two bytes.
std::string compile_capabilities() {
  std::string caps(55, '\0');
  caps[0] = 6;                                                    // SQL version
  caps[4] = 0x08 | 0x02 | 0x20 | 0x40 | static_cast<char>(0x80);  // logon types
  caps[7] = kFieldVersion;
  caps[8] = 1;                    // server define conversion
  caps[15] = 0x20 | 0x01 | 0x08;  // fast bit vector, end-of-call status, indicators
  caps[17] = 3;                   // TDS version
  caps[18] = 7;                   // RPC version
  caps[19] = 3;                   // RPC signature
  caps[21] = 1;                   // DBF version
  caps[27] = 1;                   // data types as ub2
  return caps;
}

std::string runtime_capabilities() {
  std::string caps(11, '\0');
  caps[0] = 2;            // compatible with 8.1
  caps[6] = 0x01 | 0x04;  // zero copy, 32 KB strings
  return caps;
}

// The data types this client reads, each as (type, conversion type, representation):
// representation 1 is Oracle's "universal" form, 10 its own (NUMBER, DATE).
struct DataType {
  std::uint16_t type, conversion, representation;
};
constexpr DataType kDataTypes[] = {
    {1, 1, 1},     {2, 2, 10},    {8, 8, 1},     {12, 12, 10},  {23, 23, 1},
    {24, 24, 1},   {25, 25, 1},   {26, 26, 1},   {27, 27, 10},  {28, 28, 1},
    {29, 29, 1},   {30, 30, 1},   {31, 31, 1},   {96, 96, 1},   {100, 100, 1},
    {101, 101, 1}, {104, 104, 1}, {112, 112, 1}, {113, 113, 1}, {180, 180, 1},
    {181, 181, 1}, {182, 182, 1}, {183, 183, 1}, {208, 208, 1}, {231, 231, 1},
};

bool is_query(const std::string& sql) {
  std::size_t i = 0;
  while (i < sql.size() && (std::isspace(static_cast<unsigned char>(sql[i])) || sql[i] == '(')) ++i;
  std::string word;
  while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]))) {
    word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i++]))));
  }
  return word == "select" || word == "with";
}

bool is_lob(const Column& column) {
  return column.ora_type == static_cast<std::uint8_t>(OracleType::clob) ||
         column.ora_type == static_cast<std::uint8_t>(OracleType::blob);
}

bool is_long(const Column& column) {
  return column.ora_type == static_cast<std::uint8_t>(OracleType::long_text) ||
         column.ora_type == static_cast<std::uint8_t>(OracleType::long_raw);
}

// Errors after which the session is gone (end-of-file on the channel, not connected, ...).
bool session_lost(std::uint32_t number) {
  return number == 28 || number == 3113 || number == 3114 || number == 3135 || number == 12572;
}

std::string os_user() {
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? user : "elastic-ingest";
}

}  // namespace

struct Connection::Response {
  enum class Kind { plain, logon, query };
  Kind kind = Kind::plain;
  bool ended = false;
  std::map<std::string, std::string> parameters;
  std::uint32_t verifier_type = 0;
  std::uint32_t error_number = 0;
  std::string error_message;
  std::uint32_t cursor_id = 0;
  std::uint64_t row_count = 0;
  std::optional<std::vector<Column>> columns;
  std::vector<Row> rows;
  std::string bit_vector;
};

Connection::Connection(asio::any_io_executor executor, ConnectOptions options)
    : executor_(std::move(executor)),
      options_(std::move(options)),
      where_("Oracle at " + options_.host + ":" + std::to_string(options_.port)) {}

Connection::~Connection() {
  drop();
}

void Connection::drop() {
  if (stream_) stream_->close();
  stream_.reset();
  more_rows_ = false;
  inbox_.clear();
  inbox_position_ = 0;
}

void Connection::fail_call(const Response& response) {
  const auto number = static_cast<int>(response.error_number);
  if (session_lost(response.error_number)) {
    drop();
    throw TnsError(TnsError::Kind::connection, where_ + ": " + response.error_message, number);
  }
  throw TnsError(TnsError::Kind::statement, where_ + ": " + response.error_message, number);
}

void Connection::fail_protocol(const std::string& what) {
  drop();
  throw TnsError(TnsError::Kind::protocol,
                 where_ + ": the server's answer is not understood: " + what);
}

asio::awaitable<void> Connection::connect() {
  drop();
  large_lengths_ = false;
  sdu_ = kDefaultSdu;  // what we offer; the server's answer may lower it for this session
  sequence_ = 0;
  cursor_id_ = 0;
  cursors_to_close_.clear();
  StreamOptions stream_options{options_.host, options_.port, options_.tcps, options_.ca_file,
                               options_.timeout};
  stream_ = co_await open_byte_stream(executor_, stream_options);
  try {
    co_await negotiate_connection();
    co_await negotiate_protocol();
    co_await negotiate_data_types();
    co_await log_on();
  } catch (const TtcFormatError& error) {
    fail_protocol(error.what());
  } catch (...) {
    drop();
    throw;
  }
}

// -- packets ----------------------------------------------------------------------------------

asio::awaitable<Packet> Connection::read_packet() {
  if (!stream_) throw TnsError(TnsError::Kind::connection, where_ + ": not connected");
  std::string header(kPacketHeaderSize, '\0');
  Packet packet;
  try {
    std::size_t have = 0;
    while (have < header.size()) {
      have += co_await stream_->read_some(header.data() + have, header.size() - have);
    }
    const auto length = packet_length(header, large_lengths_);
    if (length < kPacketHeaderSize)
      fail_protocol("a packet of " + std::to_string(length) + " bytes");
    packet.type = static_cast<PacketType>(static_cast<std::uint8_t>(header[4]));
    packet.flags = static_cast<std::uint8_t>(header[5]);
    packet.body.resize(length - kPacketHeaderSize);
    have = 0;
    while (have < packet.body.size()) {
      have += co_await stream_->read_some(packet.body.data() + have, packet.body.size() - have);
    }
  } catch (const TnsError&) {
    drop();  // a session that lost its stream cannot be used again
    throw;
  }
  co_return packet;
}

asio::awaitable<void> Connection::send_packet(PacketType type, std::string_view body,
                                              std::uint8_t flags) {
  if (!stream_) throw TnsError(TnsError::Kind::connection, where_ + ": not connected");
  const auto packet = encode_packet(type, body, large_lengths_, flags);
  try {
    co_await stream_->write_all(packet);
  } catch (const TnsError&) {
    drop();
    throw;
  }
}

asio::awaitable<void> Connection::send_message(std::string_view message) {
  // DATA packets of at most the session data unit: two bytes of flags, then the message.
  const auto room = sdu_ - kPacketHeaderSize - 2;
  do {
    const auto part = message.substr(0, room);
    std::string body("\0\0", 2);
    body.append(part);
    co_await send_packet(PacketType::data, body);
    message.remove_prefix(part.size());
  } while (!message.empty());
}

asio::awaitable<void> Connection::receive_more() {
  while (true) {
    auto packet = co_await read_packet();
    switch (packet.type) {
      case PacketType::data: {
        if (packet.body.size() < 2) fail_protocol("a DATA packet without its flags");
        const auto flags =
            static_cast<std::uint16_t>((static_cast<std::uint8_t>(packet.body[0]) << 8) |
                                       static_cast<std::uint8_t>(packet.body[1]));
        if (flags & kDataFlagEof) {
          drop();
          throw TnsError(TnsError::Kind::connection, where_ + ": the server ended the session");
        }
        if (inbox_position_ > 0) {
          inbox_.erase(0, inbox_position_);
          inbox_position_ = 0;
        }
        inbox_.append(packet.body, 2);
        co_return;
      }
      case PacketType::marker:
        if (packet.body.size() >= 3 && static_cast<std::uint8_t>(packet.body[2]) == kMarkerReset) {
          continue;  // a spare reset after the exchange below
        }
        co_await reset_after_break();
        continue;
      case PacketType::control:
        continue;  // out-of-band notices; nothing this client acts on
      default:
        fail_protocol("a packet of type " + std::to_string(static_cast<int>(packet.type)) +
                      " in the middle of a call");
    }
  }
}

// The server interrupts a call (to report an error) with a break marker: the client answers
// with a reset marker, reads until the server's reset, and the error follows as data.
asio::awaitable<void> Connection::reset_after_break() {
  const char reset[] = {1, 0, static_cast<char>(kMarkerReset)};
  co_await send_packet(PacketType::marker, std::string_view(reset, 3));
  while (true) {
    const auto packet = co_await read_packet();
    if (packet.type == PacketType::marker && packet.body.size() >= 3 &&
        static_cast<std::uint8_t>(packet.body[2]) == kMarkerReset) {
      break;
    }
  }
  inbox_.clear();
  inbox_position_ = 0;
}

// -- negotiation ------------------------------------------------------------------------------

asio::awaitable<void> Connection::negotiate_connection() {
  const auto descriptor =
      connect_descriptor(options_.tcps ? "TCPS" : "TCP", options_.host, options_.port, options_.sid,
                         options_.program, os_user());
  TtcWriter connect;
  connect.u16be(kVersionDesired);
  connect.u16be(kVersionMinimum);
  connect.u16be(0x0001);  // service options: don't care (no out-of-band attention)
  connect.u16be(static_cast<std::uint16_t>(sdu_));
  connect.u16be(static_cast<std::uint16_t>(sdu_));
  connect.u16be(0x4F98);  // protocol characteristics
  connect.u16be(0);       // line turnaround
  connect.u16be(1);       // the value 1, in the server's byte order
  connect.u16be(static_cast<std::uint16_t>(descriptor.size()));
  connect.u16be(kConnectDataOffset);
  connect.u32be(0);  // maximum receivable data
  connect.u8(kNsiSupportSecurityRenegotiation | kNsiDisableNativeAuth);
  connect.u8(kNsiSupportSecurityRenegotiation | kNsiDisableNativeAuth);
  connect.u64be(0);
  connect.u64be(0);
  connect.u64be(0);
  connect.u32be(static_cast<std::uint32_t>(sdu_));  // SDU and TDU, 32 bits
  connect.u32be(static_cast<std::uint32_t>(sdu_));
  connect.u32be(0);  // connect flags
  connect.u32be(0);
  const bool inline_data = descriptor.size() <= kMaxConnectDataInline;
  if (inline_data) connect.raw(descriptor);

  for (int attempt = 0; attempt < 3; ++attempt) {
    co_await send_packet(PacketType::connect, connect.bytes());
    if (!inline_data) co_await send_packet(PacketType::data, std::string("\0\0", 2) + descriptor);
    const auto packet = co_await read_packet();
    if (packet.type == PacketType::resend) continue;
    if (packet.type == PacketType::refuse) {
      TtcReader reader(packet.body);
      reader.raw(2);
      const auto length = reader.u16be();
      const auto text = std::string(reader.raw(std::min<std::size_t>(length, reader.remaining())));
      std::string code;
      if (const auto at = text.find("(ERR="); at != std::string::npos) {
        code = text.substr(at + 5, text.find(')', at) - at - 5);
      }
      drop();
      std::string message = where_ + ": the listener refused the connection";
      if (code == "12505") {
        message += " (TNS-12505): it knows of no SID '" + options_.sid + "'";
      } else if (code == "12514") {
        message += " (TNS-12514): it knows of no such service";
      } else if (!code.empty()) {
        message += " (TNS-" + code + ")";
      }
      throw TnsError(TnsError::Kind::refused, message, code.empty() ? 0 : std::atoi(code.c_str()));
    }
    if (packet.type == PacketType::redirect) {
      fail_protocol("a listener redirect (connect to the address the listener hands out instead)");
    }
    if (packet.type != PacketType::accept) {
      fail_protocol("a packet of type " + std::to_string(static_cast<int>(packet.type)) +
                    " where an ACCEPT was expected");
    }
    TtcReader reader(packet.body);
    const auto version = reader.u16be();
    if (version < kVersionMinimum) {
      drop();
      throw TnsError(TnsError::Kind::connection,
                     where_ + ": the server speaks TNS version " + std::to_string(version) +
                         "; this client needs 315 (Oracle Database 12.1) or later");
    }
    reader.u16be();  // service options
    reader.raw(10);  // 16-bit SDU and TDU, byte order, data length and offset
    const auto nsi_flags = reader.u8();
    if (nsi_flags & kNsiNativeAuthRequired) {
      drop();
      throw TnsError(TnsError::Kind::connection,
                     where_ +
                         ": the server requires Oracle's native network encryption, which "
                         "this client does not implement; use TCPS instead");
    }
    reader.raw(9);
    const auto sdu = reader.u32be();
    if (version >= kVersionWithFlags2) {
      reader.raw(5);
      reader.u32be();  // accept flags: none of them asks anything of a client that offered none
    }
    sdu_ = std::clamp<std::size_t>(sdu, 512, sdu_);
    large_lengths_ = true;
    co_return;
  }
  fail_protocol("the server asked three times for the connect packet again");
}

void Connection::start_function(std::string& message, std::uint8_t function) {
  if (++sequence_ == 0) sequence_ = 1;
  message.push_back(static_cast<char>(kMsgFunction));
  message.push_back(static_cast<char>(function));
  message.push_back(static_cast<char>(sequence_));
}

asio::awaitable<void> Connection::negotiate_protocol() {
  TtcWriter message;
  message.u8(kMsgProtocol);
  message.u8(6);  // protocol version 8.1 and later
  message.u8(0);
  message.raw(options_.program);
  message.u8(0);
  co_await send_message(message.bytes());
  std::optional<std::string> error;
  while (true) {
    try {
      TtcReader reader(inbox_, inbox_position_);
      const auto type = reader.u8();
      if (type != kMsgProtocol) {
        fail_protocol("message type " + std::to_string(type) +
                      " where the protocol answer was expected");
      }
      reader.u8();  // the server's protocol version
      reader.u8();
      reader.null_terminated();  // the server's banner
      reader.u16le();            // the database character set (the server converts to ours)
      reader.u8();               // flags
      reader.raw(reader.u16le() * 5u);
      reader.raw(reader.u16be());  // field descriptors
      const auto compile_caps = reader.bytes_with_length().value_or("");
      reader.bytes_with_length();  // runtime capabilities
      if (compile_caps.size() <= 7) fail_protocol("compile capabilities without a field version");
      field_version_ =
          std::min<std::uint8_t>(kFieldVersion, static_cast<std::uint8_t>(compile_caps[7]));
      if (field_version_ < kFieldVersion) {
        drop();
        throw TnsError(TnsError::Kind::connection, where_ + ": the server's TTC field version is " +
                                                       std::to_string(field_version_) +
                                                       "; this client needs 12.1's (7) or later");
      }
      inbox_position_ = reader.position();
      co_return;
    } catch (const NeedMoreData&) {
    }
    co_await receive_more();
  }
}

asio::awaitable<void> Connection::negotiate_data_types() {
  TtcWriter message;
  message.u8(kMsgDataTypes);
  message.u16le(kCharsetUtf8);
  message.u16le(kCharsetUtf8);
  message.u8(0x01 | 0x02);  // multi-byte encoding, lengths converted
  message.bytes_with_length(compile_capabilities());
  message.bytes_with_length(runtime_capabilities());
  for (const auto& type : kDataTypes) {
    message.u16be(type.type);
    message.u16be(type.conversion);
    message.u16be(type.representation);
    message.u16be(0);
  }
  message.u16be(0);
  co_await send_message(message.bytes());
  while (true) {
    try {
      TtcReader reader(inbox_, inbox_position_);
      const auto type = reader.u8();
      if (type != kMsgDataTypes) {
        fail_protocol("message type " + std::to_string(type) +
                      " where the data types answer was expected");
      }
      while (reader.u16be() != 0) {
        if (reader.u16be() != 0) reader.raw(4);
      }
      inbox_position_ = reader.position();
      co_return;
    } catch (const NeedMoreData&) {
    }
    co_await receive_more();
  }
}

asio::awaitable<void> Connection::log_on() {
  const auto& user = options_.user;
  const auto auth_header = [&](std::string& out, std::uint8_t function, std::uint32_t mode,
                               std::uint32_t pairs) {
    start_function(out, function);
    TtcWriter writer;
    writer.u8(user.empty() ? 0 : 1);
    writer.ub(user.size());
    writer.ub(mode);
    writer.u8(1);
    writer.ub(pairs);
    writer.u8(1);
    writer.u8(1);
    if (!user.empty()) writer.bytes_with_length(user);
    out += writer.take();
  };

  std::string first;
  auth_header(first, kFuncAuthPhaseOne, kAuthModeLogon, 5);
  TtcWriter pairs;
  pairs.key_value("AUTH_TERMINAL", "unknown");
  pairs.key_value("AUTH_PROGRAM_NM", options_.program);
  pairs.key_value("AUTH_MACHINE", "localhost");
  pairs.key_value("AUTH_PID", "1");
  pairs.key_value("AUTH_SID", os_user());
  first += pairs.take();
  co_await send_message(first);
  Response challenge;
  challenge.kind = Response::Kind::logon;
  co_await read_response(challenge);
  if (challenge.error_number != 0) {
    drop();
    throw TnsError(TnsError::Kind::logon, where_ + ": " + challenge.error_message,
                   static_cast<int>(challenge.error_number));
  }
  if (challenge.verifier_type != kVerifier12c) {
    drop();
    throw TnsError(
        TnsError::Kind::logon,
        where_ + ": the user's password has only a verifier of type 0x" +
            [&] {
              char hex[16];
              std::snprintf(hex, sizeof hex, "%X", challenge.verifier_type);
              return std::string(hex);
            }() +
            "; this client logs on with the 12c verifier (set the password again on a "
            "server whose SQLNET.ALLOWED_LOGON_VERSION_SERVER is 12 or more)");
  }
  O5LogonChallenge data;
  O5LogonAnswer answer;
  try {
    data.session_key_hex = challenge.parameters.at("AUTH_SESSKEY");
    data.verifier_data_hex = challenge.parameters.at("AUTH_VFR_DATA");
    data.csk_salt_hex = challenge.parameters.at("AUTH_PBKDF2_CSK_SALT");
    data.vgen_count = std::stoi(challenge.parameters.at("AUTH_PBKDF2_VGEN_COUNT"));
    data.sder_count = std::stoi(challenge.parameters.at("AUTH_PBKDF2_SDER_COUNT"));
    answer = answer_12c(data, options_.password);
  } catch (const std::exception& error) {
    fail_protocol(std::string("a logon challenge that cannot be used (") + error.what() + ")");
  }

  std::string second;
  auth_header(second, kFuncAuthPhaseTwo, kAuthModeLogon | kAuthModeWithPassword, 7);
  TtcWriter values;
  values.key_value("AUTH_SESSKEY", answer.session_key_hex, 1);
  values.key_value("AUTH_PBKDF2_SPEEDY_KEY", answer.speedy_key_hex);
  values.key_value("AUTH_PASSWORD", answer.password_hex);
  values.key_value("SESSION_CLIENT_CHARSET", std::to_string(kCharsetUtf8));
  values.key_value("SESSION_CLIENT_DRIVER_NAME", options_.program + " thn");
  values.key_value("SESSION_CLIENT_VERSION", "0");
  // UTC sessions: TIMESTAMP WITH LOCAL TIME ZONE values then read the same on every host.
  values.key_value("AUTH_ALTER_SESSION", std::string("ALTER SESSION SET TIME_ZONE='+00:00'") + '\0',
                   1);
  second += values.take();
  co_await send_message(second);
  Response session;
  session.kind = Response::Kind::logon;
  co_await read_response(session);
  if (session.error_number != 0) {
    drop();
    throw TnsError(TnsError::Kind::logon, where_ + ": " + session.error_message,
                   static_cast<int>(session.error_number));
  }
  const auto response = session.parameters.find("AUTH_SVR_RESPONSE");
  if (response == session.parameters.end() ||
      !server_response_valid(answer.combo_key, response->second)) {
    drop();
    throw TnsError(TnsError::Kind::logon,
                   where_ +
                       ": the server could not prove that it knows the password's verifier "
                       "(AUTH_SVR_RESPONSE): not the database it claims to be");
  }
  const auto version = session.parameters.find("AUTH_VERSION_NO");
  std::uint32_t number = 0;
  if (version != session.parameters.end() &&
      std::from_chars(version->second.data(), version->second.data() + version->second.size(),
                      number)
              .ec == std::errc{}) {
    server_version_ = std::to_string((number >> 24) & 0xFF) + "." +
                      std::to_string((number >> 20) & 0x0F) + "." +
                      std::to_string((number >> 12) & 0x0F) + "." +
                      std::to_string((number >> 8) & 0x0F) + "." + std::to_string(number & 0x0F);
  }
}

// -- responses --------------------------------------------------------------------------------

asio::awaitable<void> Connection::read_response(Response& response) {
  try {
    while (!response.ended) {
      bool parsed = false;
      try {
        TtcReader reader(inbox_, inbox_position_);
        parse_message(reader, response);
        inbox_position_ = reader.position();
        parsed = true;
      } catch (const NeedMoreData&) {
      }
      if (!parsed) co_await receive_more();
    }
  } catch (const TtcFormatError& error) {
    fail_protocol(error.what());
  }
}

void Connection::parse_message(TtcReader& reader, Response& response) {
  const auto type = reader.u8();
  switch (type) {
    case kMsgError:
      parse_error(reader, response);
      return;
    case kMsgStatus:
      reader.ub4();  // call status
      reader.ub2();  // end-to-end sequence number
      response.ended = true;
      return;
    case kMsgEndOfResponse:
      response.ended = true;
      return;
    case kMsgServerPiggyback:
      skip_server_piggyback(reader);
      return;
    case kMsgParameter: {
      if (response.kind == Response::Kind::logon) {
        std::map<std::string, std::string> parameters;
        std::uint32_t verifier = response.verifier_type;
        const auto count = reader.ub2();
        for (std::uint32_t i = 0; i < count; ++i) {
          auto key = reader.bytes_with_two_lengths().value_or("");
          auto value = reader.bytes_with_two_lengths().value_or("");
          const auto flags = reader.ub4();
          while (!key.empty() && key.back() == '\0') key.pop_back();
          if (key == "AUTH_VFR_DATA") verifier = flags;
          parameters[std::move(key)] = std::move(value);
        }
        response.parameters.merge(parameters);
        response.verifier_type = verifier;
        return;
      }
      // The return parameters of a call: ignored (no binds, no DML row counts asked for).
      for (auto count = reader.ub2(); count > 0; --count) reader.ub4();
      reader.raw(reader.ub2());
      for (auto pairs = reader.ub2(); pairs > 0; --pairs) {
        if (reader.ub2() > 0) reader.bytes_with_length();
        if (reader.ub2() > 0) reader.bytes_with_length();
        reader.ub2();
      }
      reader.raw(reader.ub2());
      return;
    }
    case kMsgWarning: {
      const auto number = reader.ub2();
      const auto length = reader.ub2();
      reader.ub2();
      if (number != 0 && length > 0) reader.bytes_with_length();
      return;
    }
    case kMsgDescribeInfo: {
      reader.bytes_with_length();
      auto columns = parse_describe(reader);
      response.columns = std::move(columns);
      return;
    }
    case kMsgRowHeader: {
      reader.u8();   // flags
      reader.ub2();  // requests
      reader.ub4();  // iteration
      reader.ub4();  // iterations
      reader.ub2();  // buffer length
      std::string bit_vector;
      if (const auto size = reader.ub4(); size > 0) {
        reader.u8();
        bit_vector = std::string(reader.raw(size));
      }
      if (reader.ub4() > 0) reader.bytes_with_length();  // row id
      response.bit_vector = std::move(bit_vector);
      return;
    }
    case kMsgBitVector: {
      reader.ub2();  // columns sent
      const auto size = (columns_.size() + 7) / 8;
      response.bit_vector = std::string(reader.raw(size));
      return;
    }
    case kMsgRowData: {
      auto row = parse_row(reader, response);
      response.rows.push_back(std::move(row));
      response.bit_vector.clear();
      return;
    }
    default:
      throw TtcFormatError("message type " + std::to_string(type) +
                           ", which this client does not read");
  }
}

void Connection::parse_error(TtcReader& reader, Response& response) {
  reader.ub4();  // call status
  reader.ub2();  // end-to-end sequence number
  reader.ub4();  // current row
  reader.ub2();  // error number (short form)
  reader.ub2();  // array element errors
  reader.ub2();
  const auto cursor_id = reader.ub2();
  reader.sb(2);   // error position
  reader.raw(6);  // SQL type, fatal, flags, cursor options, UPI parameter, warning flags
  reader.ub4();   // row id: block address, partition, (a byte), block, slot
  reader.ub2();
  reader.u8();
  reader.ub4();
  reader.ub2();
  reader.ub4();                                      // OS error
  reader.raw(2);                                     // statement and call numbers
  reader.ub2();                                      // padding
  reader.ub4();                                      // successful iterations
  if (reader.ub4() > 0) reader.bytes_with_length();  // logical row id
  const auto skip_array = [&](std::uint64_t count, bool four_bytes) {
    if (count == 0) return;
    const auto first = reader.u8();
    for (std::uint64_t i = 0; i < count; ++i) {
      if (first == 254) reader.ub4();
      four_bytes ? reader.ub4() : reader.ub2();
    }
    if (first == 254) reader.raw(1);
  };
  skip_array(reader.ub2(), false);  // batch error codes
  skip_array(reader.ub4(), true);   // batch error offsets
  if (const auto messages = reader.ub2(); messages > 0) {
    reader.raw(1);
    for (std::uint32_t i = 0; i < messages; ++i) {
      reader.ub2();
      reader.bytes_with_length();
      reader.raw(2);
    }
  }
  const auto number = reader.ub4();
  const auto row_count = reader.ub(8);
  std::string message;
  if (number != 0) {
    message = reader.bytes_with_length().value_or("");
    while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back())))
      message.pop_back();
    if (message.empty()) message = "ORA-" + std::to_string(number);
  }
  response.cursor_id = cursor_id != 0 ? cursor_id : response.cursor_id;
  response.error_number = number;
  response.error_message = std::move(message);
  response.row_count = row_count;
  response.ended = true;
}

std::vector<Column> Connection::parse_describe(TtcReader& reader) {
  reader.ub4();  // maximum row size
  const auto count = reader.ub4();
  if (count > 0) reader.u8();
  std::vector<Column> columns;
  columns.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    Column column;
    column.ora_type = reader.u8();
    reader.u8();  // flags
    column.precision = reader.s8();
    column.scale = reader.s8();
    column.buffer_size = reader.ub4();
    reader.ub4();                                      // maximum array elements
    reader.ub(8);                                      // continuation flags
    if (reader.ub4() > 0) reader.bytes_with_length();  // object type id
    reader.ub2();                                      // version
    reader.ub2();                                      // character set id
    column.charset_form = reader.u8();
    column.max_size = reader.ub4();
    column.nullable = reader.u8() != 0;
    reader.u8();  // v7 name length
    column.name = reader.bytes_with_two_lengths().value_or("");
    reader.bytes_with_two_lengths();  // schema of an object type
    reader.bytes_with_two_lengths();  // name of an object type
    reader.ub2();                     // position
    reader.ub4();                     // UDS flags
    columns.push_back(std::move(column));
  }
  if (reader.ub4() > 0) reader.bytes_with_length();  // current date
  reader.ub4();
  reader.ub4();
  reader.ub4();
  reader.ub4();
  if (reader.ub4() > 0) reader.bytes_with_length();
  return columns;
}

Row Connection::parse_row(TtcReader& reader, const Response& response) {
  const Row* previous = !response.rows.empty()  ? &response.rows.back()
                        : previous_row_.empty() ? nullptr
                                                : &previous_row_;
  Row row;
  row.reserve(columns_.size());
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const auto& column = columns_[i];
    const bool repeated =
        !response.bit_vector.empty() && i / 8 < response.bit_vector.size() &&
        (static_cast<std::uint8_t>(response.bit_vector[i / 8]) & (1u << (i % 8))) == 0;
    if (repeated) {
      // Compressed fetch: a column the bit vector leaves out repeats the previous row's.
      if (previous == nullptr) throw TtcFormatError("a repeated column in the first row");
      row.push_back((*previous)[i]);
      continue;
    }
    if (column.buffer_size == 0 && !is_long(column)) {
      row.emplace_back();  // NULL by its description
      continue;
    }
    auto bytes = reader.bytes_with_length();
    row.push_back(bytes ? decode_value(column, std::move(*bytes)) : Value{});
    if (is_long(column)) {
      reader.sb(4);  // null indicator
      reader.ub4();  // return code
    }
  }
  return row;
}

// -- calls ------------------------------------------------------------------------------------

std::string Connection::execute_message(const std::string& sql, std::uint32_t options,
                                        std::uint32_t cursor_id, std::uint32_t rows,
                                        const std::vector<Column>* defines) {
  std::string message;
  if (!cursors_to_close_.empty()) {
    if (++sequence_ == 0) sequence_ = 1;
    TtcWriter piggyback;
    piggyback.u8(kMsgPiggyback);
    piggyback.u8(kFuncCloseCursors);
    piggyback.u8(sequence_);
    piggyback.u8(1);
    piggyback.ub(cursors_to_close_.size());
    for (const auto id : cursors_to_close_) piggyback.ub(id);
    cursors_to_close_.clear();
    message = piggyback.take();
  }
  start_function(message, kFuncExecute);
  const bool query = is_query(sql) || defines != nullptr;
  TtcWriter w;
  w.ub(options);
  w.ub(cursor_id);
  w.u8(cursor_id == 0 ? 1 : 0);
  w.ub(cursor_id == 0 ? sql.size() : 0);
  w.u8(1);
  w.ub(13);  // the al8i4 array's length
  w.u8(0);
  w.u8(0);
  w.ub(0);  // prefetch buffer size
  w.ub(rows);
  w.ub(kMaxLongLength);
  w.u8(0);  // binds
  w.ub(0);
  for (int i = 0; i < 5; ++i) w.u8(0);
  w.u8(defines != nullptr ? 1 : 0);
  w.ub(defines != nullptr ? defines->size() : 0);
  w.ub(0);  // registration id
  w.u8(0);
  w.u8(1);
  w.u8(0);
  w.ub(0);
  w.u8(0);
  w.ub(0);
  w.ub(0);
  w.u8(0);  // DML row counts
  w.ub(0);
  w.u8(0);
  if (cursor_id == 0) {
    w.bytes_with_length(sql);
    w.ub(1);  // al8i4[0]: parse
  } else {
    w.ub(0);
  }
  w.ub(query ? (cursor_id == 0 ? 0 : rows) : 1);  // al8i4[1]: executions
  for (int i = 0; i < 5; ++i) w.ub(0);
  w.ub(query ? 1 : 0);  // al8i4[7]: a query
  for (int i = 0; i < 5; ++i) w.ub(0);
  if (defines != nullptr) {
    for (const auto& column : *defines) {
      w.u8(column.ora_type);
      w.u8(1);  // use indicators
      w.u8(0);
      w.u8(0);
      w.ub(column.buffer_size);
      w.ub(0);
      w.ub(0);
      w.ub(0);
      w.ub(0);
      w.ub(column.charset_form != 0 ? kCharsetUtf8 : 0);
      w.u8(column.charset_form);
      w.ub(0);
    }
  }
  message += w.take();
  return message;
}

asio::awaitable<std::vector<Column>> Connection::execute(std::string sql) {
  if (!stream_) throw TnsError(TnsError::Kind::connection, where_ + ": not connected");
  if (cursor_id_ != 0) cursors_to_close_.push_back(cursor_id_);
  cursor_id_ = 0;
  more_rows_ = false;
  needs_define_ = false;
  columns_.clear();
  previous_row_.clear();
  co_await send_message(
      execute_message(sql, kExecParse | kExecExecute | kExecNotPlsql, 0, 0, nullptr));
  Response response;
  response.kind = Response::Kind::query;
  co_await read_response(response);
  cursor_id_ = response.cursor_id;
  if (response.error_number != 0) {
    fail_call(response);
  }
  columns_ = response.columns.value_or(std::vector<Column>{});
  // A column this client cannot read fails the statement before any row, so that the session
  // stays usable (the cursor is closed with the next call).
  for (const auto& column : columns_) {
    if (!readable_type(column.ora_type)) {
      columns_.clear();
      throw TnsError(TnsError::Kind::statement, where_ + ": column " + column.name +
                                                    " has the type " + type_name(column.ora_type) +
                                                    ", which this client does not read");
    }
  }
  needs_define_ = std::any_of(columns_.begin(), columns_.end(), is_lob);
  more_rows_ = is_query(sql) && !columns_.empty();
  co_return columns_;
}

asio::awaitable<std::vector<Row>> Connection::fetch(std::size_t max_rows) {
  if (!more_rows_) co_return std::vector<Row>{};
  if (!stream_) throw TnsError(TnsError::Kind::connection, where_ + ": not connected");
  max_rows = std::clamp<std::size_t>(max_rows, 1, 0xFFFF);
  std::string message;
  if (needs_define_) {
    // CLOB and BLOB columns are read as LONG and LONG RAW: one execute that redefines every
    // column (the others as they are) and fetches the first rows.
    auto defines = columns_;
    for (auto& column : defines) {
      if (column.ora_type == static_cast<std::uint8_t>(OracleType::clob)) {
        column.ora_type = static_cast<std::uint8_t>(OracleType::long_text);
        column.buffer_size = kMaxLongLength;
      } else if (column.ora_type == static_cast<std::uint8_t>(OracleType::blob)) {
        column.ora_type = static_cast<std::uint8_t>(OracleType::long_raw);
        column.buffer_size = kMaxLongLength;
      }
    }
    message = execute_message({}, kExecDefine | kExecFetch | kExecNotPlsql, cursor_id_,
                              static_cast<std::uint32_t>(max_rows), &defines);
    columns_ = std::move(defines);
    needs_define_ = false;
  } else {
    start_function(message, kFuncFetch);
    TtcWriter w;
    w.ub(cursor_id_);
    w.ub(max_rows);
    message += w.take();
  }
  co_await send_message(message);
  Response response;
  response.kind = Response::Kind::query;
  co_await read_response(response);
  if (response.error_number == kNoDataFound) {
    more_rows_ = false;
  } else if (response.error_number != 0) {
    more_rows_ = false;
    fail_call(response);
  }
  if (!response.rows.empty()) previous_row_ = response.rows.back();
  co_return std::move(response.rows);
}

asio::awaitable<void> Connection::ping() {
  if (!stream_) throw TnsError(TnsError::Kind::connection, where_ + ": not connected");
  std::string message;
  start_function(message, kFuncPing);
  co_await send_message(message);
  Response response;
  co_await read_response(response);
  if (response.error_number != 0) {
    throw TnsError(TnsError::Kind::statement, where_ + ": " + response.error_message,
                   static_cast<int>(response.error_number));
  }
}

asio::awaitable<void> Connection::close() {
  if (!stream_) co_return;
  try {
    std::string message;
    start_function(message, kFuncLogoff);
    co_await send_message(message);
    Response response;
    co_await read_response(response);
    const auto eof = std::string("\0\x40", 2);
    co_await send_packet(PacketType::data, eof);
  } catch (const std::exception&) {
    // Logging off is a courtesy: the socket is closed either way.
  }
  drop();
}

}  // namespace ei::tns
