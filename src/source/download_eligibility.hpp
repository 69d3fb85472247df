#pragma once

// Whether a source downloads a file's content for extraction (spec framework §18, sources
// §0.5): the shared rules every source applies, with the per-source switches.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ei::source {

struct DownloadRules {
  bool size_limit = true;  // skip files larger than kMaxDownloadSize
  bool skip_empty = true;  // skip files whose reported size is 0 (most remote sources)
};

enum class DownloadVerdict { download, unsupported_extension, too_large, empty };

// The verdict for a file named `file_name` (a path or a bare name) whose backend reports
// `reported_size` bytes (nothing when the backend does not say). The extension is compared
// case-sensitively; a size is too large only when strictly above the limit.
DownloadVerdict download_verdict(std::string_view file_name,
                                 std::optional<std::uint64_t> reported_size,
                                 DownloadRules rules = {});

// The warning a source logs for a skipped file, e.g. "File report.pdf of size 10485761
// bytes is larger than 10485760 bytes. Discarding file content"; empty for `download`.
std::string describe_skip(DownloadVerdict verdict, std::string_view file_name,
                          std::optional<std::uint64_t> reported_size);

}  // namespace ei::source
