#include "sources/network_drive/network_drive_data_source.hpp"

#include <cerrno>
#include <chrono>
#include <utility>
#include <vector>

#include "core/base64.hpp"
#include "core/logging.hpp"
#include "core/time.hpp"
#include "source/blocking.hpp"
#include "source/download_eligibility.hpp"
#include "source/errors.hpp"

namespace ei::sources {

namespace asio = boost::asio;
namespace json = boost::json;
using smb::SmbEntry;
using smb::SmbError;
using smb::SmbSession;

namespace {

// Naive UTC isoformat of an SMB time, as the reference writes it (microseconds truncated).
std::string iso(const timespec& time) {
  const auto point = core::TimePoint(std::chrono::seconds(time.tv_sec)) +
                     std::chrono::microseconds(time.tv_nsec / 1000);
  return core::isoformat(core::civil_utc(point, false));
}

std::string trimmed(std::string path) {
  for (char& c : path) {
    if (c == '\\') c = '/';
  }
  while (!path.empty() && path.front() == '/') path.erase(path.begin());
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

// Errors that concern one folder or file; anything else (a dropped connection, a server gone)
// concerns the whole sync.
bool concerns_one_path(int error_number) {
  return error_number == EACCES || error_number == EPERM || error_number == ENOENT ||
         error_number == ENOTDIR;
}

}  // namespace

std::shared_ptr<const source::SourceDescriptor> NetworkDriveDataSource::descriptor_ptr() {
  static const auto descriptor =
      std::make_shared<const source::SourceDescriptor>(source::SourceDescriptor{
          kServiceType,
          "Network Drive",
          {
              source::ConfigField{
                  .key = "username", .label = "Username", .order = 1, .value = "admin"},
              source::ConfigField{.key = "password",
                                  .label = "Password",
                                  .order = 2,
                                  .value = "abc@123",
                                  .sensitive = true},
              source::ConfigField{
                  .key = "server_ip", .label = "SMB IP", .order = 3, .value = "127.0.0.1"},
              source::ConfigField{.key = "server_port",
                                  .label = "SMB port",
                                  .order = 4,
                                  .type = source::FieldType::kInt,
                                  .value = 445,
                                  .display = "numeric"},
              source::ConfigField{
                  .key = "drive_path", .label = "SMB path", .order = 5, .value = "Folder1"},
          }});
  return descriptor;
}

NetworkDriveDataSource::NetworkDriveDataSource(source::DataSourceConfiguration configuration,
                                               const source::SourceContext& context)
    : DataSource(descriptor_ptr(), std::move(configuration)), blocking_(context.blocking) {
  smb::SmbSettings settings;
  settings.server = this->configuration().get_string("server_ip");
  settings.port = static_cast<std::uint16_t>(this->configuration().get_int("server_port"));
  settings.user = this->configuration().get_string("username");
  settings.password = this->configuration().get_string("password");
  const std::string drive_path = this->configuration().get_string("drive_path");
  root_ = trimmed(drive_path);
  root_display_ = "\\\\" + settings.server + "/" + drive_path;
  sessions_ = std::make_shared<smb::SmbSessionPool>(std::move(settings));
}

asio::awaitable<void> NetworkDriveDataSource::ping() {
  auto sessions = sessions_;
  std::string root = root_;
  auto checking = source::run_blocking(blocking_, [sessions, root] {
    const smb::SmbSettings& settings = sessions->settings();
    try {
      return sessions->with_session([&](SmbSession& session) {
        session.check_directory(root);
        return true;
      });
    } catch (const SmbError& error) {
      const std::string who =
          "as '" + settings.user + "' on " + settings.server + ":" + std::to_string(settings.port);
      if (error.error_number() == EACCES || error.error_number() == EPERM) {
        throw source::SourceError("SMB logon " + who + " refused (" + error.what() +
                                  "): check the username and password");
      }
      throw source::SourceError("SMB share path " + root + " " + who + ": " + error.what());
    }
  });
  co_await std::move(checking);
}

json::object NetworkDriveDataSource::make_document(const std::string& folder,
                                                   const SmbEntry& entry) {
  json::object document(7);
  document.emplace("_id", std::to_string(entry.file_id));
  document.emplace("path", folder + "\\" + entry.name);
  document.emplace("size", entry.allocated);
  document.emplace("created_at", iso(entry.created));
  document.emplace("_timestamp", iso(entry.changed));
  document.emplace("type", entry.directory ? "folder" : "file");
  document.emplace("title", entry.name);
  return document;
}

source::LazyDownload NetworkDriveDataSource::download_of(const std::string& path,
                                                         const std::string& display,
                                                         const SmbEntry& entry) const {
  return [sessions = sessions_, pool = blocking_, path, display, id = std::to_string(entry.file_id),
          name = entry.name, allocated = entry.allocated](
             bool doit,
             std::optional<std::string> timestamp) -> asio::awaitable<std::optional<json::object>> {
    if (!doit) co_return std::nullopt;
    const source::DownloadVerdict verdict = source::download_verdict(name, allocated);
    if (verdict != source::DownloadVerdict::download) {
      if (verdict == source::DownloadVerdict::too_large) {
        core::log().warn("{}", source::describe_skip(verdict, name, allocated));
      }
      co_return std::nullopt;
    }
    auto reading =
        source::run_blocking(pool, [sessions, path, display]() -> std::optional<std::string> {
          try {
            return sessions->with_session([&](SmbSession& session) {
              std::string encoded;
              core::Base64Encoder encoder;
              session.read(path, [&](std::string_view chunk) { encoder.append(chunk, encoded); });
              encoder.finish(encoded);
              return std::optional<std::string>(std::move(encoded));
            });
          } catch (const SmbError& error) {
            // The reference crashed here and lost the document; it keeps its metadata instead.
            core::log().warn("Cannot read {}: {}; the document is indexed without its content",
                             display, error.what());
            return std::nullopt;
          }
        });
    std::optional<std::string> content = co_await std::move(reading);
    if (!content) co_return std::nullopt;
    json::object data(3);
    data.emplace("_id", id);
    data.emplace("_timestamp", timestamp ? json::value(*timestamp) : json::value(nullptr));
    data.emplace("_attachment", std::move(*content));
    co_return data;
  };
}

asio::awaitable<void> NetworkDriveDataSource::get_docs(source::DocumentSink& sink,
                                                       const protocol::Filter& /*filter*/) {
  struct Folder {
    std::string path;     // share/sub as libsmbclient takes it
    std::string display;  // \\server/share\sub as documents show it
  };
  std::vector<Folder> pending{{root_, root_display_}};
  auto sessions = sessions_;
  bool root = true;
  while (!pending.empty()) {
    Folder folder = std::move(pending.back());
    pending.pop_back();
    std::vector<SmbEntry> entries;
    std::optional<SmbError> failure;
    auto listing = source::run_blocking(
        blocking_,
        [sessions,
         path = folder.path]() -> std::pair<std::vector<SmbEntry>, std::optional<SmbError>> {
          try {
            return {sessions->with_session([&](SmbSession& session) { return session.list(path); }),
                    std::nullopt};
          } catch (const SmbError& error) {
            return {{}, error};
          }
        });
    std::tie(entries, failure) = co_await std::move(listing);
    if (failure) {
      if (root || !concerns_one_path(failure->error_number())) {
        throw source::SourceError("SMB " + sessions_->settings().server + ":" +
                                  std::to_string(sessions_->settings().port) + ": " +
                                  failure->what());
      }
      core::log().warn("Cannot list {}: {}", folder.display, failure->what());
      sink.unreadable(folder.display, failure->what());
      continue;
    }
    root = false;
    std::vector<Folder> children;
    for (const SmbEntry& entry : entries) {
      const std::string path = folder.path + "/" + entry.name;
      const std::string display = folder.display + "\\" + entry.name;
      source::SourceDocument document{make_document(folder.display, entry), {}};
      if (entry.directory) {
        children.push_back({path, display});
      } else {
        document.download = download_of(path, display, entry);
      }
      auto emitting = sink.emit(std::move(document));
      co_await std::move(emitting);
    }
    // Top-down, in listing order: the first sub-folder is walked next.
    pending.insert(pending.end(), std::make_move_iterator(children.rbegin()),
                   std::make_move_iterator(children.rend()));
  }
}

}  // namespace ei::sources
