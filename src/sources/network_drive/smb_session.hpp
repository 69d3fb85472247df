#pragma once

#include <cstdint>
#include <ctime>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct _SMBCCTX;

namespace ei::sources::smb {

// A failed SMB call: what was asked, of which path, and the errno text libsmbclient gave.
class SmbError : public std::runtime_error {
 public:
  SmbError(int error_number, const std::string& what)
      : std::runtime_error(what), errno_(error_number) {}
  int error_number() const { return errno_; }

 private:
  int errno_;
};

struct SmbSettings {
  std::string server;  // host name or IP
  std::uint16_t port = 445;
  std::string user{};
  std::string password{};
};

// One entry of a directory listing (FileIdFullDirectoryInformation as libsmbclient shows it).
struct SmbEntry {
  std::string name;
  bool directory = false;
  std::uint64_t file_id = 0;    // st_ino: the server's FileId (Samba: the inode)
  std::uint64_t size = 0;       // end of file
  std::uint64_t allocated = 0;  // st_blocks * 512
  timespec created{};           // CreationTime (0 when the server has none)
  timespec changed{};           // ChangeTime
};

// `smb://server/<path>` with every byte of `path` outside [A-Za-z0-9-._~/] percent-encoded,
// so names with spaces, `%`, `#`, `?` or non-ASCII letters reach the server as they are.
std::string smb_url(std::string_view server, std::string_view path);

// One libsmbclient context: an SMB2/3 session with the server as the configured user (never
// anonymous), on the configured port. Calls block, and calls into the library are serialized
// process-wide (Debian's libsmbclient is not safe on two threads at once, even with two
// contexts); a context is used by one thread at a time (SmbSessionPool hands them out).
class SmbSession {
 public:
  explicit SmbSession(SmbSettings settings);
  ~SmbSession();
  SmbSession(const SmbSession&) = delete;
  SmbSession& operator=(const SmbSession&) = delete;

  const SmbSettings& settings() const { return settings_; }

  // Every entry of the directory at `path` (share/sub/dir), `.` and `..` left out.
  std::vector<SmbEntry> list(const std::string& path);

  // Throws unless `path` names a directory the session can open (the first call logs on).
  void check_directory(const std::string& path);

  // Reads the file at `path` in 64 KiB chunks, handing each to `consume`.
  void read(const std::string& path, const std::function<void(std::string_view)>& consume);

 private:
  SmbSettings settings_;
  _SMBCCTX* context_ = nullptr;
};

}  // namespace ei::sources::smb
