#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "source/data_source.hpp"
#include "source/source_context.hpp"
#include "sources/rest/rest_client.hpp"

namespace ei::sources {

// `jira` / JiraDataSource (spec sources §14): Jira Cloud or Server through REST v2: the
// projects (all, or the configured keys), every issue of their JQL search, each read in full,
// and the issues' attachments with a lazy download.
//
// Changed from the reference, on purpose: a project's `_timestamp` is a stamp of its content
// (not "now", which re-sent every project on every sync); an error after the retries fails
// the sync (the reference logged it, synced part of the data and could hang); a Jira URL's
// context path (`https://host/jira`) is kept; TLS is always verified (the reference turned
// verification off unless a CA was given); 401/403/404 are not retried.
class JiraDataSource : public source::DataSource {
 public:
  static constexpr const char* kServiceType = "jira";
  // Issues read at once (the reference's pool of 5 tasks).
  static constexpr std::size_t kConcurrentIssueRequests = 5;
  static constexpr int kPageSize = 100;

  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  JiraDataSource(source::DataSourceConfiguration configuration,
                 const source::SourceContext& context);

  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<void> validate_config() override;
  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;
  void tweak_bulk_options(core::BulkOptions& options) const override;

  // The client, made on first use.
  std::shared_ptr<rest::RestClient> client();
  bool cloud() const;
  // The `projects` field: empty for `*`.
  std::vector<std::string> configured_projects() const;

 private:
  // Fails, naming them, when configured projects do not exist (spec §14.4).
  boost::asio::awaitable<void> check_projects(std::vector<std::string> configured);
  boost::asio::awaitable<void> sync_projects(source::DocumentSink& sink,
                                             std::vector<std::string> configured);
  boost::asio::awaitable<void> sync_issues(source::DocumentSink& sink,
                                           std::vector<std::string> configured);
  boost::asio::awaitable<void> emit_issue(source::DocumentSink& sink,
                                          const boost::json::value& issue);

  boost::asio::any_io_executor executor_;
  std::shared_ptr<rest::RestClient> client_;
};

}  // namespace ei::sources
