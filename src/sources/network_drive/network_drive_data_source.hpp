#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/json.hpp>
#include <memory>
#include <string>

#include "source/data_source.hpp"
#include "source/source_context.hpp"
#include "sources/network_drive/smb_session_pool.hpp"

namespace ei::sources {

// `network_drive` / NASDataSource (sources spec §11): every file and folder under an SMB share
// path as a document, walked top-down a folder per hop on the thread pool (libsmbclient
// blocks), with a lazy download of the supported files. Every call, the walk's and the
// downloads', goes to `server_port` (the reference used it for the logon only).
class NetworkDriveDataSource : public source::DataSource {
 public:
  static constexpr const char* kServiceType = "network_drive";

  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  NetworkDriveDataSource(source::DataSourceConfiguration configuration,
                         const source::SourceContext& context);

  // Logs on and opens the share path; a refused logon or a missing path names the cause.
  boost::asio::awaitable<void> ping() override;

  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;

  // The document of an entry of the folder shown as `folder` (spec §11.3 table).
  static boost::json::object make_document(const std::string& folder, const smb::SmbEntry& entry);

  // `\\<server_ip>/<drive_path>`: the root as paths show it.
  const std::string& root_display() const { return root_display_; }

 private:
  source::LazyDownload download_of(const std::string& path, const std::string& display,
                                   const smb::SmbEntry& entry) const;

  boost::asio::any_io_executor blocking_;
  std::string root_;  // the share path without leading or trailing slashes
  std::string root_display_;
  std::shared_ptr<smb::SmbSessionPool> sessions_;
};

}  // namespace ei::sources
