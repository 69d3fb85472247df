#include "sources/directory/directory_data_source.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <vector>

#include "core/base64.hpp"
#include "core/hash.hpp"
#include "core/logging.hpp"
#include "source/blocking.hpp"
#include "source/blocking_prefetch.hpp"
#include "source/content_types.hpp"
#include "source/download_eligibility.hpp"
#include "source/errors.hpp"
#include "source/python_timestamp.hpp"
#include "sources/directory/path_glob.hpp"
#include "sources/directory/python_path.hpp"

namespace ei::sources {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// Files per hop to the blocking pool: large enough to amortize the hop, small enough to
// keep memory flat and the first documents quick.
constexpr std::size_t kBatchSize = 128;

json::value integer(std::uint64_t value) {
  if (value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

// $SYSTEM_DIR, else nothing: a connector whose configuration was never filled in (or is
// null) must not sync whatever folder the service happens to run in.
std::string default_directory() {
  if (const char* configured = std::getenv("SYSTEM_DIR")) return configured;
  return "";
}

// stat() of paths that mostly share their parent (a glob yields a directory's files one
// after the other): relative to an open descriptor of the last parent, so that the kernel
// resolves one name instead of the whole path, which was a tenth of the walk.
class SiblingStat {
 public:
  SiblingStat() = default;
  SiblingStat(const SiblingStat&) = delete;
  SiblingStat& operator=(const SiblingStat&) = delete;
  ~SiblingStat() { close_parent(); }

  // Follows symlinks, like stat(2).
  bool operator()(const std::string& path, struct stat& info) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos || slash + 1 == path.size()) {
      return ::stat(path.c_str(), &info) == 0;
    }
    const std::string_view parent(path.data(), slash == 0 ? 1 : slash);
    if (parent != parent_) {
      close_parent();
      parent_ = parent;
      parent_fd_ = ::open(parent_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    }
    if (parent_fd_ < 0) return ::stat(path.c_str(), &info) == 0;
    return ::fstatat(parent_fd_, path.c_str() + slash + 1, &info, 0) == 0;
  }

 private:
  void close_parent() {
    if (parent_fd_ >= 0) ::close(parent_fd_);
    parent_fd_ = -1;
  }

  std::string parent_;
  int parent_fd_ = -1;
};

// The glob and the stat of its matches, kept from one batch to the next.
struct Walk {
  explicit Walk(PathGlob walked) : glob(std::move(walked)) {}

  PathGlob glob;
  SiblingStat stat;
};

// One hop's worth of the walk: documents, and the folders that could not be listed.
struct Batch {
  std::vector<json::object> documents;
  std::vector<PathGlob::Unreadable> unreadable;
  bool done = false;
};

// The next regular files of the glob (stat follows symlinks) as documents.
Batch next_documents(Walk& walk, std::size_t count) {
  Batch batch;
  while (batch.documents.size() < count) {
    std::optional<std::string> path = walk.glob.next();
    if (!path) {
      batch.done = true;
      break;
    }
    struct stat info {};
    if (!walk.stat(*path, info)) {
      // Gone since it was listed (ENOENT) is a vanished file; anything else hides one.
      if (errno != ENOENT) batch.unreadable.push_back({*path, std::strerror(errno)});
      continue;
    }
    if (!S_ISREG(info.st_mode)) continue;
    batch.documents.push_back(DirectoryDataSource::make_document(*path, info));
  }
  for (PathGlob::Unreadable& folder : walk.glob.take_unreadable()) {
    batch.unreadable.push_back(std::move(folder));
  }
  return batch;
}

// The root must be a folder this process can list: a missing or unreadable one (an
// unmounted share, a renamed folder) is an error, never an empty source whose sync would
// delete every document.
void check_root(const std::string& directory) {
  if (directory.empty()) {
    throw source::ConfigurationError("The directory path is not configured");
  }
  struct stat info {};
  if (::stat(directory.c_str(), &info) != 0) {
    throw source::SourceError("The directory " + directory +
                              " cannot be read: " + std::strerror(errno));
  }
  if (!S_ISDIR(info.st_mode)) {
    throw source::SourceError("The directory " + directory + " is not a directory");
  }
  DIR* listing = ::opendir(directory.c_str());
  if (listing == nullptr) {
    throw source::SourceError("The directory " + directory +
                              " cannot be read: " + std::strerror(errno));
  }
  ::closedir(listing);
}

// check_root on the blocking pool (a hung mount must not stall the loop).
asio::awaitable<void> check_root_on(asio::any_io_executor blocking, std::string directory) {
  auto checking = source::run_blocking(blocking, [directory = std::move(directory)] {
    check_root(directory);
    return true;
  });
  co_await std::move(checking);
}

// Encoded straight into the JSON string the document will hold: no copy per file.
json::string read_base64(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw source::SourceError("Cannot read " + path + ": " + std::strerror(errno));
  }
  core::Base64Encoder encoder;
  json::string encoded;
  struct stat status {};
  if (::fstat(fd, &status) == 0 && status.st_size > 0) {
    encoded.reserve(core::Base64Encoder::encoded_size(static_cast<std::size_t>(status.st_size)));
  }
  // On the stack: a heap buffer this size, freed after every file, made malloc consolidate.
  std::array<char, 1 << 16> buffer;
  for (;;) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      throw source::SourceError("Cannot read " + path + ": " + std::strerror(error));
    }
    if (got == 0) break;
    const std::string_view chunk(buffer.data(), static_cast<std::size_t>(got));
    const std::size_t used = encoded.size();
    encoded.resize(used + core::Base64Encoder::encoded_size(chunk.size() + 2));
    encoded.resize(used + encoder.write(chunk, encoded.data() + used));
  }
  ::close(fd);
  char last[4];
  encoded.append(json::string_view(last, encoder.write_finish(last)));
  return encoded;
}

asio::awaitable<std::optional<json::object>> no_download() {
  co_return std::nullopt;
}

// A coroutine taking its state by value: the LazyDownload wrapper may be gone before the
// download finishes.
asio::awaitable<std::optional<json::object>> download(std::string path, std::string id,
                                                      std::uint64_t size,
                                                      asio::any_io_executor blocking,
                                                      std::optional<std::string> timestamp) {
  // The size limit the other sources have (sources §0.5), which the reference's directory
  // source lacked: a 200 MB file became a 270 MB base64 string, a request Elasticsearch
  // refused (413) with its whole batch, at every sync. Such a file is indexed without its
  // content. Empty files are read (nothing to read), as the reference did.
  const source::DownloadVerdict verdict =
      source::download_verdict(path, size, source::DownloadRules{.skip_empty = false});
  if (verdict == source::DownloadVerdict::unsupported_extension) co_return std::nullopt;
  if (verdict != source::DownloadVerdict::download) {
    core::log().warn("{}", source::describe_skip(verdict, path, size));
    co_return std::nullopt;
  }
  auto reading = source::run_blocking(blocking, [path] { return read_base64(path); });
  json::string content = co_await std::move(reading);
  json::object data(3);
  data.emplace("_id", id);
  data.emplace("_timestamp", timestamp ? json::value(*timestamp) : json::value(nullptr));
  data.emplace("_attachment", std::move(content));  // moved: same memory resource
  co_return data;
}

}  // namespace

std::shared_ptr<const source::SourceDescriptor> DirectoryDataSource::descriptor_ptr() {
  static const auto descriptor = std::make_shared<const source::SourceDescriptor>(
      source::SourceDescriptor{kServiceType,
                               "System Directory",
                               {
                                   source::ConfigField{.key = "directory",
                                                       .label = "Directory path",
                                                       .order = 1,
                                                       .type = source::FieldType::kStr,
                                                       .value = json::value(default_directory())},
                                   source::ConfigField{.key = "pattern",
                                                       .label = "File glob-like pattern",
                                                       .order = 2,
                                                       .type = source::FieldType::kStr,
                                                       .value = "**/*.*",
                                                       .display = "text"},
                               }});
  return descriptor;
}

DirectoryDataSource::DirectoryDataSource(source::DataSourceConfiguration configuration,
                                         const source::SourceContext& context)
    : DataSource(descriptor_ptr(), std::move(configuration)),
      executor_(context.executor),
      blocking_(context.blocking) {
  const std::string configured = this->configuration().get_string("directory");
  if (!configured.empty()) directory_ = python_abspath(configured);
  pattern_ = this->configuration().get_string("pattern");
}

asio::awaitable<void> DirectoryDataSource::ping() {
  auto checking = check_root_on(blocking_, directory_);
  co_await std::move(checking);
}

asio::awaitable<bool> DirectoryDataSource::changed() {
  co_return true;
}

asio::awaitable<void> DirectoryDataSource::get_docs(source::DocumentSink& sink,
                                                    const protocol::Filter& /*filter*/) {
  // No advanced rules: the filter is the framework's (basic rules).
  auto checking = check_root_on(blocking_, directory_);
  co_await std::move(checking);
  auto walk = std::make_shared<Walk>(PathGlob(directory_, pattern_));
  const auto list_next = [walk] { return next_documents(*walk, kBatchSize); };
  // The next batch is listed on the pool while this one is emitted: stat and document
  // building overlap the sync's own work on the loop.
  source::BlockingPrefetch<Batch> next(blocking_, executor_, list_next);
  for (;;) {
    // Awaitables are built in statements of their own: GCC 12 destroys temporaries with
    // captures twice when they sit in a co_await full-expression.
    auto taking = next.take();
    Batch batch = co_await std::move(taking);
    for (PathGlob::Unreadable& unreadable : batch.unreadable) {
      sink.unreadable(std::move(unreadable.path), std::move(unreadable.reason));
    }
    if (batch.done && batch.documents.empty()) co_return;
    if (!batch.done) next = source::BlockingPrefetch<Batch>(blocking_, executor_, list_next);
    for (auto& document : batch.documents) {
      std::string path(document.at("path").get_string());
      std::string id(document.at("_id").get_string());
      const auto size = static_cast<std::uint64_t>(document.at("size").as_int64());
      source::SourceDocument emitted{
          std::move(document), make_download(std::move(path), std::move(id), size, blocking_)};
      auto emitting = sink.emit(std::move(emitted));
      co_await std::move(emitting);
    }
    if (batch.done) co_return;
  }
}

json::object DirectoryDataSource::make_document(const std::string& path, const struct stat& info) {
  const double mtime = source::python_stat_time(info.st_mtim.tv_sec, info.st_mtim.tv_nsec);
  const std::string modified = source::python_utc_isoformat(mtime);
  // Room for the framework's three control fields too, so that adding them does not rehash.
  constexpr std::size_t kCapacity = 16;
  return json::object(
      {
          {"path", path},
          {"last_modified_time", modified},
          {"inode_protection_mode", integer(info.st_mode)},
          {"inode_number", integer(info.st_ino)},
          {"device_inode_reside", integer(info.st_dev)},
          {"number_of_links", integer(info.st_nlink)},
          {"uid", integer(info.st_uid)},
          {"gid", integer(info.st_gid)},
          {"ctime", source::python_stat_time(info.st_ctim.tv_sec, info.st_ctim.tv_nsec)},
          {"last_access_time", source::python_stat_time(info.st_atim.tv_sec, info.st_atim.tv_nsec)},
          {"size", static_cast<std::int64_t>(info.st_size)},
          {"_timestamp", modified},
          {"_id", core::md5_hex(path)},
      },
      kCapacity);
}

source::LazyDownload DirectoryDataSource::make_download(std::string path, std::string id,
                                                        std::uint64_t size,
                                                        asio::any_io_executor blocking) {
  return [path = std::move(path), id = std::move(id), size, blocking = std::move(blocking)](
             bool doit, std::optional<std::string> timestamp) {
    // Unchanged documents (doit false) are the common case of a resync: no copies for them.
    if (!doit) return no_download();
    return download(path, id, size, blocking, std::move(timestamp));
  };
}

}  // namespace ei::sources
