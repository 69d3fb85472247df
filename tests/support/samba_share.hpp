#pragma once

// Where the test Samba server (tests/servers/samba) keeps its share on this machine: the
// tests and the SMB bench put their files there. Its start script names the server's folder
// in a state file.

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace ei::smb_testing {

inline std::filesystem::path samba_share_dir() {
  std::ifstream state(std::string(EI_SOURCE_DIR) + "/.cache/test-servers/samba-4450.dir");
  std::string dir;
  std::getline(state, dir);
  if (dir.empty()) throw std::runtime_error("the Samba test server is not running");
  return std::filesystem::path(dir) / "share";
}

}  // namespace ei::smb_testing
