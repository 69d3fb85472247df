#pragma once

// URLs in messages and logs never carry credentials.

#include <string>
#include <string_view>

namespace ei::core {

// The URL without "user:password@". Text that does not parse as a URL but has the shape
// "scheme://...@host" loses that part too.
std::string redact_url(std::string_view url);

}  // namespace ei::core
