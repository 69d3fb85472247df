#pragma once

#include <string>
#include <string_view>

namespace ei::sources::rest {

// `text` with every byte but RFC 3986's unreserved characters (letters, digits, `-._~`)
// percent-encoded: safe as a path segment or a query value (servers read `+` as a space and
// some split a value at `=`).
std::string percent_encode(std::string_view text);

}  // namespace ei::sources::rest
