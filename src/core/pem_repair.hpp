#pragma once

#include <string>
#include <string_view>

namespace ei::core {

// The reference's PEM repair (sources spec §0.8) for a certificate or key pasted into a
// one-line field, where newlines became spaces: every space becomes a newline except the first
// and the last `max_split` ones (1 keeps "BEGIN CERTIFICATE", 2 "BEGIN PRIVATE KEY"). Text that
// already has newlines is returned as is.
std::string repaired_pem(std::string_view text, int max_split = 1);

}  // namespace ei::core
