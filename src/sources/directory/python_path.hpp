#pragma once

#include <string>
#include <string_view>

namespace ei::sources {

// Python's os.path.normpath on POSIX: collapses `//`, `.` and `dir/..` lexically (no
// symlink resolution), keeps exactly two leading slashes, "" becomes ".".
std::string python_normpath(std::string_view path);

// Python's os.path.abspath: relative paths are joined to the current directory first.
std::string python_abspath(std::string_view path);

}  // namespace ei::sources
