#include "filtering/python_regex.hpp"

#include <re2/re2.h>

namespace ei::filtering {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

PythonRegex::PythonRegex(std::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);  // the error is reported to the user instead
  options.set_encoding(RE2::Options::EncodingUTF8);
  const std::string translated = translate(pattern);
  regex_ = std::make_unique<RE2>(re2::StringPiece(translated.data(), translated.size()), options);
  if (!regex_->ok()) {
    error_ = regex_->error();
    if (error_.empty()) error_ = "invalid pattern";
  }
}

PythonRegex::~PythonRegex() = default;
PythonRegex::PythonRegex(PythonRegex&&) noexcept = default;
PythonRegex& PythonRegex::operator=(PythonRegex&&) noexcept = default;

bool PythonRegex::match_prefix(std::string_view text) const {
  if (!ok()) return false;
  return regex_->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(),
                       RE2::ANCHOR_START, nullptr, 0);
}

std::string PythonRegex::translate(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 4);
  bool in_class = false;
  std::size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char next = pattern[i + 1];
      out += '\\';
      out += (next == 'Z' && !in_class) ? 'z' : next;
      i += 2;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      ++i;
      continue;
    }
    if (c == '[') {
      // A `]` right after `[` or `[^` is a literal member, not the end of the class.
      in_class = true;
      out += c;
      ++i;
      if (i < pattern.size() && pattern[i] == '^') out += pattern[i++];
      if (i < pattern.size() && pattern[i] == ']') out += pattern[i++];
      continue;
    }
    if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == ',') {
      std::size_t end = i + 2;
      while (end < pattern.size() && is_digit(pattern[end])) ++end;
      if (end < pattern.size() && pattern[end] == '}') {
        out += "{0,";
        out.append(pattern.substr(i + 2, end - (i + 2)));
        out += '}';
        i = end + 1;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace ei::filtering
