#pragma once

// Names from a connector's configuration (database, schema, table) go into SQL text; they
// are quoted, never pasted (the reference pasted them: a table named `a; DROP ...` or
// `it's` broke or changed the statement).

#include <string>
#include <string_view>

namespace ei::sources::sql {

enum class Dialect {
  postgresql,  // identifiers in "...", literals with '' (standard_conforming_strings)
  mysql,       // identifiers in `...`, literals with '' and \\ (backslash escapes)
  mssql,       // identifiers in "..." (the session sets QUOTED_IDENTIFIER ON), literals with ''
  oracle,      // identifiers in "..." (exact case), literals with ''
};

// An identifier: the name in the dialect's quotes, the quote character doubled inside.
std::string quote_identifier(std::string_view name, Dialect dialect);

// A string literal: the text in single quotes, escaped for the dialect.
std::string quote_literal(std::string_view text, Dialect dialect);

}  // namespace ei::sources::sql
