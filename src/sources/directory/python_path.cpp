#include "sources/directory/python_path.hpp"

#include <filesystem>
#include <vector>

namespace ei::sources {

std::string python_normpath(std::string_view path) {
  if (path.empty()) return ".";
  std::size_t initial_slashes = path.starts_with('/') ? 1 : 0;
  if (path.starts_with("//") && !path.starts_with("///")) initial_slashes = 2;
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view part = path.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part != ".." || (initial_slashes == 0 && parts.empty()) ||
        (!parts.empty() && parts.back() == "..")) {
      parts.push_back(part);
    } else if (!parts.empty()) {
      parts.pop_back();
    }
  }
  std::string out(initial_slashes, '/');
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

std::string python_abspath(std::string_view path) {
  if (path.starts_with('/')) return python_normpath(path);
  std::string joined = std::filesystem::current_path().string();
  if (!path.empty()) {
    if (!joined.ends_with('/')) joined += '/';
    joined += path;
  }
  return python_normpath(joined);
}

}  // namespace ei::sources
