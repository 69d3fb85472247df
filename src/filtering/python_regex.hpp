#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace ei::filtering {

// A `regex` rule's pattern, matched like Python's `re.match` (spec §15.4): anchored at the
// beginning of the text, not at its end; case-sensitive; `.` does not match a newline.
//
// RE2 runs in linear time, so no user pattern can stall a sync. Two Python spellings RE2
// reads differently are translated: `\Z` (end of text, RE2 `\z`) and `{,n}` (0 to n
// repetitions, a literal in RE2). Python constructs RE2 lacks (backreferences, lookaround,
// `(?#...)`) make the pattern invalid. Remaining differences, kept: `$` matches only at the
// very end (Python also before a final newline), and `\d`, `\w`, `\s`, `\b` are ASCII-only.
class PythonRegex {
 public:
  explicit PythonRegex(std::string_view pattern);
  ~PythonRegex();
  PythonRegex(PythonRegex&&) noexcept;
  PythonRegex& operator=(PythonRegex&&) noexcept;

  bool ok() const { return error_.empty(); }
  // RE2's reason when the pattern cannot be used, empty otherwise.
  const std::string& error() const { return error_; }

  // Whether the pattern matches a prefix of `text`. False when the pattern is invalid.
  bool match_prefix(std::string_view text) const;

  // The pattern rewritten for RE2 (see above).
  static std::string translate(std::string_view python_pattern);

 private:
  std::unique_ptr<re2::RE2> regex_;
  std::string error_;
};

}  // namespace ei::filtering
