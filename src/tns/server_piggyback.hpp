#pragma once

namespace ei::tns {

class TtcReader;

// Server-side piggybacks (TTC message 23): notices a server may put in any response (a
// transaction id, session state, trace events, ...). None changes what this client does; each
// is read past by its layout. An unknown kind is a TtcFormatError (its length is unknown).
void skip_server_piggyback(TtcReader& reader);

}  // namespace ei::tns
