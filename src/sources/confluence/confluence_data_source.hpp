#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "source/data_source.hpp"
#include "source/source_context.hpp"
#include "sources/rest/rest_client.hpp"

namespace ei::sources {

// `confluence` / ConfluenceDataSource (spec sources §13): Confluence Cloud (`<url>/wiki`) or
// Server through REST v1: the spaces (all, or the configured keys), every page and blog post
// of their CQL search with its storage-format body, and the attachments of each, with a lazy
// download.
//
// Changed from the reference, on purpose: a space's `_timestamp` is a stamp of its content (not
// "now", which re-sent every space on every sync); an error after the retries fails the sync
// and deletes nothing (the reference logged "Skipping data", synced part of the data, and a
// failing producer hung the sync); the listings run one after another, the attachment
// listings of a page of results side by side; TLS is always verified; 401/403/404 are not
// retried.
class ConfluenceDataSource : public source::DataSource {
 public:
  static constexpr const char* kServiceType = "confluence";
  static constexpr std::size_t kConcurrentListings = 10;

  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  ConfluenceDataSource(source::DataSourceConfiguration configuration,
                       const source::SourceContext& context);

  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<void> validate_config() override;
  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;
  void tweak_bulk_options(core::BulkOptions& options) const override;

  std::shared_ptr<rest::RestClient> client();
  bool cloud() const;
  // The API base: the URL, plus `/wiki` on Cloud.
  std::string base_url() const;
  // The `spaces` field: empty for `*`.
  std::vector<std::string> configured_spaces() const;

 private:
  boost::asio::awaitable<std::vector<boost::json::object>> all_spaces();
  boost::asio::awaitable<void> sync_contents(source::DocumentSink& sink,
                                             std::vector<std::string> spaces, std::string type);
  boost::asio::awaitable<std::vector<boost::json::object>> attachments_of(std::string content_id);

  boost::asio::any_io_executor executor_;
  std::shared_ptr<rest::RestClient> client_;
};

}  // namespace ei::sources
