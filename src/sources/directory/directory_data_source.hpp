#pragma once

#include <sys/stat.h>

#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "source/data_source.hpp"
#include "source/source_context.hpp"

namespace ei::sources {

// `dir` / DirectoryDataSource (spec sources §1): every regular file under a local directory
// that matches a pathlib glob pattern, with its stat fields; content (base64) for the
// supported extensions. Listing, stat and reads run on the blocking pool.
class DirectoryDataSource : public source::DataSource {
 public:
  static constexpr const char* kServiceType = "dir";

  // `directory` defaults to $SYSTEM_DIR, else empty (the reference's default, its own
  // package folder, made an unconfigured connector sync files nobody chose); `pattern` to
  // `**/*.*`. ping() and get_docs() fail when the directory is missing or unreadable.
  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  // Throws source::ConfigurationError when `directory` or `pattern` is not a string.
  DirectoryDataSource(source::DataSourceConfiguration configuration,
                      const source::SourceContext& context);

  // The configured directory made absolute (Python's os.path.abspath).
  const std::string& directory() const { return directory_; }
  const std::string& pattern() const { return pattern_; }

  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<bool> changed() override;
  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;

  // The document for a file (sources §1.3 table), from its path and stat (symlinks followed).
  static boost::json::object make_document(const std::string& path, const struct stat& info);

  // The file's download: nothing unless `doit` and the extension is supported; else
  // {_id, _timestamp: timestamp, _attachment: base64 of the whole file}, read on `blocking`.
  // `size` is the file's size when listed: over the shared limit (10 MiB) the download
  // returns no content (the document is indexed without it).
  static source::LazyDownload make_download(std::string path, std::string id, std::uint64_t size,
                                            boost::asio::any_io_executor blocking);

 private:
  std::string directory_;
  std::string pattern_;
  boost::asio::any_io_executor executor_;
  boost::asio::any_io_executor blocking_;
};

}  // namespace ei::sources
