#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "source/data_source.hpp"
#include "source/source_context.hpp"
#include "sources/rest/rest_client.hpp"

namespace ei::sources {

// `sharepoint` / SharepointDataSource (spec sources §12): SharePoint Server (HTTP Basic) or
// Online (an app-only token from Azure ACS, renewed 20 s before it expires) through the REST
// API: each site collection's sites, walked depth first, then every visible list and document
// library of each site with their items, files and folders, list-item attachments and site
// pages, with lazy downloads.
//
// Changed from the reference, on purpose: an error after the retries fails the sync and
// deletes nothing; a 429 without Retry-After is retried with the usual backoff (the
// reference crashed without rate-limit headers); `client_secret` is marked sensitive; TLS is
// always verified; a list item without attachments never carries a stale download (spec
// §12.6 note); `size` is an integer (the reference kept SharePoint's string `Length` beside
// the 0 of list items, and an index given both rejects documents). SHAREPOINT_ACS_HOST replaces the
// token service's host (sovereign clouds, tests).
class SharepointDataSource : public source::DataSource {
 public:
  static constexpr const char* kServiceType = "sharepoint";
  static constexpr const char* kAcsHost = "https://accounts.accesscontrol.windows.net";
  static constexpr int kPageSize = 5000;

  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  SharepointDataSource(source::DataSourceConfiguration configuration,
                       const source::SourceContext& context);

  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;

  std::shared_ptr<rest::RestClient> client();
  bool online() const;
  std::vector<std::string> site_collections() const;

 private:
  boost::asio::awaitable<void> walk_sites(source::DocumentSink& sink, std::string site,
                                          std::vector<std::string>& found, int depth);
  boost::asio::awaitable<void> sync_lists(source::DocumentSink& sink, std::string site);
  boost::asio::awaitable<void> sync_library(source::DocumentSink& sink, std::string site,
                                            boost::json::object list);
  boost::asio::awaitable<void> sync_list_items(source::DocumentSink& sink, std::string site,
                                               boost::json::object list);

  boost::asio::any_io_executor executor_;
  std::string acs_host_;
  std::shared_ptr<rest::RestClient> client_;
};

}  // namespace ei::sources
