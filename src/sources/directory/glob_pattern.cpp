#include "sources/directory/glob_pattern.hpp"

namespace ei::sources {

namespace {

// UTF-8 to code points; a byte that does not start a valid sequence becomes U+DC80+byte.
std::u32string decode(std::string_view text) {
  std::u32string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80           ? 1
                         : (byte >> 5) == 0x6  ? 2
                         : (byte >> 4) == 0xE  ? 3
                         : (byte >> 3) == 0x1E ? 4
                                               : 0;
    char32_t code = length == 1   ? byte
                    : length == 2 ? (byte & 0x1F)
                    : length == 3 ? (byte & 0x0F)
                                  : (byte & 0x07);
    bool valid = length != 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) valid = false;
      code = (code << 6) | (next & 0x3F);
    }
    if (valid) {
      // Overlong forms, surrogates and values beyond U+10FFFF are invalid in Python too.
      static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
      valid = code >= kMinimum[length] && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
    }
    if (!valid) {
      out += static_cast<char32_t>(0xDC00 + byte);
      ++i;
      continue;
    }
    out += code;
    i += length;
  }
  return out;
}

}  // namespace

GlobPattern::GlobPattern(std::string_view pattern) {
  const std::u32string p = decode(pattern);
  const std::size_t n = p.size();
  std::size_t i = 0;
  while (i < n) {
    const char32_t c = p[i++];
    if (c == U'*') {
      if (tokens_.empty() || tokens_.back().kind != Kind::kStar) tokens_.push_back({Kind::kStar});
    } else if (c == U'?') {
      tokens_.push_back({Kind::kAny});
    } else if (c == U'[') {
      // fnmatch.translate: `!` and then `]` right after `[` do not close the class.
      std::size_t j = i;
      if (j < n && p[j] == U'!') ++j;
      if (j < n && p[j] == U']') ++j;
      while (j < n && p[j] != U']') ++j;
      if (j >= n) {
        tokens_.push_back({Kind::kLiteral, U'['});
        continue;
      }
      Token token{Kind::kClass};
      std::size_t k = i;
      if (p[k] == U'!') {
        token.negated = true;
        ++k;
      }
      while (k < j) {
        const char32_t first = p[k];
        if (k + 2 < j && p[k + 1] == U'-') {
          token.ranges.emplace_back(first, p[k + 2]);
          k += 3;
        } else {
          token.ranges.emplace_back(first, first);
          ++k;
        }
      }
      tokens_.push_back(std::move(token));
      i = j + 1;
    } else {
      tokens_.push_back({Kind::kLiteral, c});
    }
  }
}

bool GlobPattern::token_matches(const Token& token, char32_t c) const {
  switch (token.kind) {
    case Kind::kLiteral:
      return token.literal == c;
    case Kind::kAny:
      return true;
    case Kind::kClass: {
      bool in = false;
      for (const auto& [low, high] : token.ranges) {
        if (low <= c && c <= high) in = true;
      }
      return in != token.negated;
    }
    case Kind::kStar:
      break;
  }
  return false;
}

bool GlobPattern::matches(std::string_view name) const {
  const std::u32string text = decode(name);
  // Greedy matching with backtracking to the last star: every other token takes exactly
  // one character, so this is linear in practice and never exponential.
  std::size_t t = 0, s = 0;
  std::size_t star = std::u32string::npos, star_text = 0;
  while (s < text.size()) {
    if (t < tokens_.size() && tokens_[t].kind == Kind::kStar) {
      star = t++;
      star_text = s;
    } else if (t < tokens_.size() && token_matches(tokens_[t], text[s])) {
      ++t;
      ++s;
    } else if (star != std::u32string::npos) {
      t = star + 1;
      s = ++star_text;
    } else {
      return false;
    }
  }
  while (t < tokens_.size() && tokens_[t].kind == Kind::kStar) ++t;
  return t == tokens_.size();
}

bool GlobPattern::is_wildcard(std::string_view segment) {
  return segment.find_first_of("*?[") != std::string_view::npos;
}

}  // namespace ei::sources
