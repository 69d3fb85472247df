#pragma once

// UTF-8 checks for text that goes into JSON: Elasticsearch refuses a request whose body is
// not valid UTF-8, and Boost.JSON writes a string's bytes as they are.

#include <string>
#include <string_view>

namespace ei::core {

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing past
// U+10FFFF). Fast on ASCII.
bool is_valid_utf8(std::string_view text);

// `text` with every ill-formed sequence replaced by U+FFFD (one per maximal invalid
// subpart, as the Unicode standard recommends). Valid text is returned unchanged.
std::string to_valid_utf8(std::string_view text);

// `text` without its ill-formed sequences (Python's `bytes.decode("utf-8", "ignore")`).
std::string drop_invalid_utf8(std::string_view text);

}  // namespace ei::core
