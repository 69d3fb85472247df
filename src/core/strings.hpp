#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ei::core {

// Shortens a long document id for log lines: ids longer than 20 characters become the first
// 8, "..." and the last 8 (spec §22, "truncate id"). Logs only; never use it as a key.
std::string truncate_id(std::string_view id);

// ASCII lower/upper case; enough for level names, header names and hex digests.
std::string to_lower(std::string_view text);
// The items with `separator` between them.
std::string join(const std::vector<std::string>& items, std::string_view separator);
std::string to_upper(std::string_view text);
bool iequals(std::string_view a, std::string_view b);

// Removes ASCII whitespace at both ends.
std::string_view trim(std::string_view text);
// Trims ASCII whitespace and makes every inner run of it one space: a header value as request
// signatures (AWS SigV4, Azure Shared Key) sign it.
std::string collapse_whitespace(std::string_view text);

}  // namespace ei::core
