#pragma once

#include <string>

#include "source/errors.hpp"

namespace ei::sources::sql {

// A database call failed. `programming` marks errors of the statement itself (syntax, an
// unknown table or column): retrying cannot help (sources spec §4.2), and the per-table
// algorithm abandons the table instead of failing the sync (§4.4 step 6).
class SqlError : public source::SourceError {
 public:
  enum class Kind { connection, query, programming };

  SqlError(Kind kind, const std::string& message) : source::SourceError(message), kind_(kind) {}

  Kind kind() const { return kind_; }
  bool programming() const { return kind_ == Kind::programming; }
  bool retryable() const { return kind_ != Kind::programming; }

 private:
  Kind kind_;
};

}  // namespace ei::sources::sql
