#pragma once

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ei::sources::testing {

// A fresh directory tree under the temp dir, removed at scope exit. Paths are relative.
class TempTree {
 public:
  TempTree() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ei-dir-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
  }
  ~TempTree() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::string& root() const { return root_; }
  std::string path(std::string_view relative) const { return root_ + "/" + std::string(relative); }

  std::string file(std::string_view relative, std::string_view content = "x") const {
    const std::string full = path(relative);
    std::filesystem::create_directories(std::filesystem::path(full).parent_path());
    std::ofstream(full, std::ios::binary) << content;
    return full;
  }
  std::string dir(std::string_view relative) const {
    std::filesystem::create_directories(path(relative));
    return path(relative);
  }
  void symlink(std::string_view target, std::string_view relative) const {
    std::filesystem::create_symlink(std::string(target), path(relative));
  }

 private:
  std::string root_;
};

}  // namespace ei::sources::testing
