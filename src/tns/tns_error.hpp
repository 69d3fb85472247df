#pragma once

#include <stdexcept>
#include <string>

namespace ei::tns {

// A failure of an Oracle connection. `kind` says what a caller can do about it: a statement
// error (ORA- code of the statement itself) leaves the session usable; a logon error will
// fail again with the same credentials; the others mean the session is gone.
class TnsError : public std::runtime_error {
 public:
  enum class Kind { connection, refused, logon, statement, protocol };

  TnsError(Kind kind, const std::string& message, int ora_code = 0)
      : std::runtime_error(message), kind_(kind), ora_code_(ora_code) {}

  Kind kind() const { return kind_; }
  // The ORA- (or TNS-) number the server gave, 0 when there was none.
  int ora_code() const { return ora_code_; }

 private:
  Kind kind_;
  int ora_code_;
};

}  // namespace ei::tns
