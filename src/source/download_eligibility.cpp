#include "source/download_eligibility.hpp"

#include <fmt/format.h>

#include "source/content_types.hpp"

namespace ei::source {

DownloadVerdict download_verdict(std::string_view file_name,
                                 std::optional<std::uint64_t> reported_size, DownloadRules rules) {
  if (rules.skip_empty && reported_size == std::uint64_t{0}) return DownloadVerdict::empty;
  if (!has_supported_extension(file_name)) return DownloadVerdict::unsupported_extension;
  if (rules.size_limit && reported_size && *reported_size > kMaxDownloadSize) {
    return DownloadVerdict::too_large;
  }
  return DownloadVerdict::download;
}

std::string describe_skip(DownloadVerdict verdict, std::string_view file_name,
                          std::optional<std::uint64_t> reported_size) {
  const std::string size = reported_size ? std::to_string(*reported_size) : "unknown";
  switch (verdict) {
    case DownloadVerdict::download:
      return {};
    case DownloadVerdict::unsupported_extension:
      return fmt::format("File {} has an unsupported extension '{}'. Discarding file content",
                         file_name, file_extension(file_name));
    case DownloadVerdict::too_large:
      return fmt::format(
          "File {} of size {} bytes is larger than {} bytes. Discarding file content", file_name,
          size, kMaxDownloadSize);
    case DownloadVerdict::empty:
      return fmt::format("File {} is empty. Discarding file content", file_name);
  }
  return {};
}

}  // namespace ei::source
