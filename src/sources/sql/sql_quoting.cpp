#include "sources/sql/sql_quoting.hpp"

namespace ei::sources::sql {

std::string quote_identifier(std::string_view name, Dialect dialect) {
  const char quote = dialect == Dialect::mysql ? '`' : '"';
  std::string quoted;
  quoted.reserve(name.size() + 2);
  quoted += quote;
  for (char c : name) {
    if (c == quote) quoted += quote;
    quoted += c;
  }
  quoted += quote;
  return quoted;
}

std::string quote_literal(std::string_view text, Dialect dialect) {
  std::string quoted;
  quoted.reserve(text.size() + 2);
  quoted += '\'';
  for (char c : text) {
    if (c == '\'') quoted += '\'';
    if (c == '\\' && dialect == Dialect::mysql) quoted += '\\';
    quoted += c;
  }
  quoted += '\'';
  return quoted;
}

}  // namespace ei::sources::sql
