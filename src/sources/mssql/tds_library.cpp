#include "sources/mssql/tds_library.hpp"

#include <sybdb.h>

#include <mutex>

#include "core/logging.hpp"

namespace ei::sources::mssql {

namespace {

thread_local TdsDiagnostics diagnostics;

// Seconds to wait for a login, and for any one answer of the server during a query (not for
// the whole query: a long table streams as long as rows keep coming).
constexpr int kLoginTimeoutSeconds = 30;
constexpr int kReadTimeoutSeconds = 300;

int on_error(DBPROCESS* /*process*/, int severity, int number, int os_number, char* message,
             char* os_message) {
  diagnostics.library_number = number;
  diagnostics.library_message = message != nullptr ? message : "";
  // FreeTDS passes errno 0 ("Success") along with some errors that have no OS cause.
  diagnostics.os_message =
      os_number != DBNOERR && os_number != 0 && os_message != nullptr ? os_message : "";
  core::log().debug("FreeTDS error {} (severity {}): {}", number, severity,
                    diagnostics.library_message);
  // Fail the call rather than let DB-Library exit the process or retry a timeout forever.
  return INT_CANCEL;
}

int on_message(DBPROCESS* /*process*/, DBINT number, int /*state*/, int severity, char* text,
               char* /*server*/, char* /*procedure*/, int /*line*/) {
  if (severity <= 10) return 0;  // informational, e.g. 5701 "Changed database context"
  diagnostics.server_number = number;
  diagnostics.server_severity = severity;
  diagnostics.server_message = text != nullptr ? text : "";
  return 0;
}

}  // namespace

std::string TdsDiagnostics::describe() const {
  if (server_number != 0)
    return server_message + " (SQL Server error " + std::to_string(server_number) + ")";
  if (library_number != 0) {
    std::string text = library_message;
    if (!os_message.empty()) text += " (" + os_message + ")";
    return text;
  }
  return "unknown FreeTDS failure";
}

void ensure_tds_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (dbinit() == FAIL) core::log().error("FreeTDS: dbinit failed");
    dberrhandle(on_error);
    dbmsghandle(on_message);
    // DBVERSION_100: date, time, datetime2 and datetimeoffset arrive typed, not as text.
    dbsetversion(DBVERSION_100);
    dbsetlogintime(kLoginTimeoutSeconds);
    dbsettime(kReadTimeoutSeconds);
  });
}

TdsDiagnostics& tds_diagnostics() {
  return diagnostics;
}

void clear_tds_diagnostics() {
  diagnostics = TdsDiagnostics{};
}

}  // namespace ei::sources::mssql
