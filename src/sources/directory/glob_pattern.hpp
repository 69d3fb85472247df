#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ei::sources {

// One path segment pattern with Python fnmatch semantics, as pathlib's glob uses them on
// POSIX: `*` any run (dotfiles included), `?` one character, `[abc]`, `[a-z]`, `[!a]`, an
// unclosed `[` is literal; case-sensitive; characters are code points (invalid UTF-8 bytes
// count one each, like Python's surrogateescape).
class GlobPattern {
 public:
  explicit GlobPattern(std::string_view pattern);

  bool matches(std::string_view name) const;

  // The segment holds `*`, `?` or `[` (pathlib's test for a wildcard segment).
  static bool is_wildcard(std::string_view segment);

 private:
  enum class Kind { kLiteral, kAny, kStar, kClass };
  struct Token {
    Kind kind;
    char32_t literal = 0;
    bool negated = false;
    std::vector<std::pair<char32_t, char32_t>> ranges{};  // inclusive; first > second: empty
  };

  bool token_matches(const Token& token, char32_t c) const;

  std::vector<Token> tokens_;
};

}  // namespace ei::sources
