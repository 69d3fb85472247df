#include "sources/network_drive/smb_session.hpp"

#include <libsmbclient.h>

#include <cerrno>
#include <cstring>
#include <mutex>

namespace ei::sources::smb {

namespace {

// Fills the user and password of the session asking (the workgroup stays as it is).
void credentials(SMBCCTX* context, const char* /*server*/, const char* /*share*/,
                 char* /*workgroup*/, int /*workgroup_length*/, char* user, int user_length,
                 char* password, int password_length) {
  const auto* settings = static_cast<const SmbSettings*>(smbc_getOptionUserData(context));
  std::snprintf(user, static_cast<std::size_t>(user_length), "%s", settings->user.c_str());
  std::snprintf(password, static_cast<std::size_t>(password_length), "%s",
                settings->password.c_str());
}

std::string error_text(int error_number) {
  char buffer[256];
  return strerror_r(error_number, buffer, sizeof(buffer));
}

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  const int error_number = errno;
  throw SmbError(error_number, what + " " + path + ": " + error_text(error_number));
}

// Debian's libsmbclient keeps its talloc stack frames in process-wide state (it is built
// without smbc_thread_posix), so two contexts used at once on two threads abort ("Freed
// frame ..., expected ..."). Every call into the library holds this lock: the walk and the
// downloads take turns.
std::mutex& library_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

std::string smb_url(std::string_view server, std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "smb://";
  url += server;
  url += '/';
  for (unsigned char c : path) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      url += static_cast<char>(c);
    } else {
      url += '%';
      url += kHex[c >> 4];
      url += kHex[c & 0x0f];
    }
  }
  return url;
}

SmbSession::SmbSession(SmbSettings settings) : settings_(std::move(settings)) {
  std::lock_guard lock(library_mutex());
  context_ = smbc_new_context();
  if (context_ == nullptr) fail("cannot create an SMB context for", settings_.server);
  smbc_setDebug(context_, 0);
  smbc_setOptionUserData(context_, &settings_);
  smbc_setFunctionAuthDataWithContext(context_, credentials);
  smbc_setOptionNoAutoAnonymousLogin(context_, 1);  // a refused login is an error, not a guest
  smbc_setOptionUseKerberos(context_, 0);
  smbc_setOptionFallbackAfterKerberos(context_, 1);
  smbc_setPort(context_, settings_.port);
  if (smbc_init_context(context_) == nullptr) {
    const int error_number = errno;
    smbc_free_context(context_, 1);
    context_ = nullptr;
    throw SmbError(error_number, "cannot initialise libsmbclient: " + error_text(error_number));
  }
}

SmbSession::~SmbSession() {
  std::lock_guard lock(library_mutex());
  if (context_ != nullptr) smbc_free_context(context_, 1);
}

std::vector<SmbEntry> SmbSession::list(const std::string& path) {
  std::lock_guard lock(library_mutex());
  const std::string url = smb_url(settings_.server, path);
  SMBCFILE* directory = smbc_getFunctionOpendir(context_)(context_, url.c_str());
  if (directory == nullptr) fail("cannot list", url);
  std::vector<SmbEntry> entries;
  struct stat status {};
  // opendir reads the whole listing; readdir only walks it, so its end is not an error (and
  // errno then holds whatever an earlier internal call left there).
  while (const libsmb_file_info* info =
             smbc_getFunctionReaddirPlus2(context_)(context_, directory, &status)) {
    const std::string_view name(info->name != nullptr ? info->name : "");
    if (name.empty() || name == "." || name == "..") continue;
    SmbEntry entry;
    entry.name = std::string(name);
    entry.directory = S_ISDIR(status.st_mode);
    entry.file_id = static_cast<std::uint64_t>(status.st_ino);
    entry.size = info->size;
    entry.allocated = static_cast<std::uint64_t>(status.st_blocks) * 512;
    entry.created = info->btime_ts;
    entry.changed = info->ctime_ts;
    entries.push_back(std::move(entry));
  }
  smbc_getFunctionClosedir(context_)(context_, directory);
  return entries;
}

void SmbSession::check_directory(const std::string& path) {
  std::lock_guard lock(library_mutex());
  const std::string url = smb_url(settings_.server, path);
  struct stat status {};
  if (smbc_getFunctionStat(context_)(context_, url.c_str(), &status) != 0) fail("cannot open", url);
  if (!S_ISDIR(status.st_mode)) throw SmbError(ENOTDIR, url + " is not a folder");
}

void SmbSession::read(const std::string& path,
                      const std::function<void(std::string_view)>& consume) {
  std::lock_guard lock(library_mutex());
  const std::string url = smb_url(settings_.server, path);
  SMBCFILE* file = smbc_getFunctionOpen(context_)(context_, url.c_str(), O_RDONLY, 0);
  if (file == nullptr) fail("cannot open", url);
  std::string buffer(65536, '\0');
  while (true) {
    const ssize_t got =
        smbc_getFunctionRead(context_)(context_, file, buffer.data(), buffer.size());
    if (got < 0) {
      const int error_number = errno;
      smbc_getFunctionClose(context_)(context_, file);
      throw SmbError(error_number, "cannot read " + url + ": " + error_text(error_number));
    }
    if (got == 0) break;
    consume(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
  }
  smbc_getFunctionClose(context_)(context_, file);
}

}  // namespace ei::sources::smb
