#pragma once

#include <string>

// FreeTDS's DB-Library, set up once per process. Its error and message callbacks are global;
// every DB-Library call of ours runs wholly on one thread of the blocking pool, so the
// callbacks record what they are told in a per-thread `TdsDiagnostics` that the caller reads
// right after the call.

namespace ei::sources::mssql {

struct TdsDiagnostics {
  // The last server message of severity > 10 (an error), e.g. 18456 "Login failed ...".
  int server_number = 0;
  int server_severity = 0;
  std::string server_message;
  // The last DB-Library error (network, timeout, protocol), e.g. 20009 "Unable to connect".
  int library_number = 0;
  std::string library_message;
  std::string os_message;

  bool empty() const { return server_number == 0 && library_number == 0; }
  // The most useful text: the server's own message, else the library's with the OS cause.
  std::string describe() const;
};

// Initializes DB-Library (dbinit, callbacks, MS date types, timeouts) on first use.
void ensure_tds_library();

// This thread's diagnostics, cleared before each call.
TdsDiagnostics& tds_diagnostics();
void clear_tds_diagnostics();

}  // namespace ei::sources::mssql
