#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace ei::source {

// Files larger than this are not downloaded by the sources that have a limit (sources §0.5).
inline constexpr std::uint64_t kMaxDownloadSize = 10485760;  // 10 MiB

// The 24 extensions whose content is downloaded (the reference's TIKA_SUPPORTED_FILETYPES).
std::span<const std::string_view> supported_extensions();

// Python's os.path.splitext(path)[1]: from the last `.` of the last path segment, "" when
// there is none or when only dots precede it (".bashrc", "..txt").
std::string_view file_extension(std::string_view path);

// The extension is in the supported list, compared case-sensitively (".PDF" is not).
bool has_supported_extension(std::string_view path);

}  // namespace ei::source
