#include "tns/server_piggyback.hpp"

#include <string>

#include "tns/ttc_reader.hpp"

namespace ei::tns {

namespace {

enum Opcode : std::uint8_t {
  kQueryCacheInvalidation = 1,
  kOsPidMts = 2,
  kTraceEvent = 3,
  kSessionReturn = 4,
  kSync = 5,
  kLtxid = 7,
  kReplayContext = 8,
  kExtendedSync = 9,
  kSessionSignature = 10,
};

// Keyword/value pairs: text and binary values each after a ub2 length, then the keyword.
void skip_keyword_values(TtcReader& reader, std::uint32_t count) {
  for (std::uint32_t i = 0; i < count; ++i) {
    if (reader.ub2() > 0) reader.bytes_with_length();
    if (reader.ub2() > 0) reader.bytes_with_length();
    reader.ub2();
  }
}

}  // namespace

void skip_server_piggyback(TtcReader& reader) {
  const auto opcode = reader.u8();
  switch (opcode) {
    case kQueryCacheInvalidation:
    case kTraceEvent:
      return;
    case kLtxid:
      if (reader.ub4() > 0) reader.bytes_with_length();
      return;
    case kOsPidMts:
      reader.ub2();
      reader.bytes_with_length();
      return;
    case kSync: {
      reader.ub2();  // data types
      reader.u8();
      const auto count = reader.ub2();
      reader.u8();
      skip_keyword_values(reader, count);
      reader.ub4();  // flags
      return;
    }
    case kExtendedSync:
      reader.ub2();
      reader.u8();
      return;
    case kReplayContext:
      reader.ub2();
      reader.u8();
      reader.ub4();  // flags
      reader.ub4();  // error code
      reader.u8();   // queue
      if (reader.ub4() > 0) reader.bytes_with_length();
      return;
    case kSessionReturn: {
      reader.ub2();
      reader.u8();
      const auto count = reader.ub2();
      if (count > 0) {
        reader.u8();
        skip_keyword_values(reader, count);
      }
      reader.ub4();  // session flags
      reader.ub4();  // session id
      reader.ub2();  // serial number
      return;
    }
    case kSessionSignature:
      reader.ub2();
      reader.u8();
      reader.ub(8);  // flags
      reader.ub(8);  // client signature
      reader.ub(8);  // server signature
      return;
    default:
      throw TtcFormatError("a server piggyback of kind " + std::to_string(opcode) +
                           ", which this client does not read");
  }
}

}  // namespace ei::tns
