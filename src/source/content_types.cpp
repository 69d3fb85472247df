#include "source/content_types.hpp"

#include <algorithm>
#include <array>

namespace ei::source {

namespace {

constexpr std::array<std::string_view, 24> kSupported{
    ".txt",   ".py",  ".rst",  ".html", ".markdown", ".json", ".xml",  ".csv",
    ".md",    ".ppt", ".rtf",  ".docx", ".odt",      ".xls",  ".xlsx", ".rb",
    ".paper", ".sh",  ".pptx", ".pdf",  ".doc",      ".aspx", ".xlsb", ".xlsm"};

}  // namespace

std::span<const std::string_view> supported_extensions() {
  return kSupported;
}

std::string_view file_extension(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  if (name.find_first_not_of('.') >= dot) return {};  // only dots before the last one
  return name.substr(dot);
}

bool has_supported_extension(std::string_view path) {
  const std::string_view extension = file_extension(path);
  return !extension.empty() &&
         std::find(kSupported.begin(), kSupported.end(), extension) != kSupported.end();
}

}  // namespace ei::source
