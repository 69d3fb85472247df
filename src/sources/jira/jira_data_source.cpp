#include "sources/jira/jira_data_source.hpp"

#include <algorithm>
#include <set>

#include "core/logging.hpp"
#include "source/errors.hpp"
#include "sources/jira/jira_documents.hpp"
#include "sources/rest/attachment_download.hpp"
#include "sources/rest/fan_out.hpp"
#include "sources/rest/json_access.hpp"
#include "sources/rest/paging.hpp"
#include "sources/rest/percent_encode.hpp"
#include "sources/rest/rest_fields.hpp"

namespace ei::sources {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr std::int64_t kMaxConcurrentDownloads = 100;

}  // namespace

std::shared_ptr<const source::SourceDescriptor> JiraDataSource::descriptor_ptr() {
  static const auto descriptor =
      std::make_shared<const source::SourceDescriptor>(source::SourceDescriptor{
          kServiceType,
          "Jira",
          {
              source::ConfigField{.key = "data_source",
                                  .label = "Jira data source",
                                  .order = 1,
                                  .value = "jira_cloud",
                                  .display = "dropdown",
                                  .options = {source::FieldOption{"Jira Cloud", "jira_cloud"},
                                              source::FieldOption{"Jira Server", "jira_server"}}},
              rest::credential_field("username", "Jira Server username", 2, "admin", "jira_server"),
              rest::credential_field("password", "Jira Server password", 3, "changeme",
                                     "jira_server", true),
              rest::credential_field("account_email", "Jira Cloud service account id", 4,
                                     "me@example.com", "jira_cloud"),
              rest::credential_field("api_token", "Jira Cloud API token", 5, "abc#123",
                                     "jira_cloud", true),
              source::ConfigField{.key = "jira_url",
                                  .label = "Jira host url",
                                  .order = 6,
                                  .value = "http://127.0.0.1:8080"},
              // No order in the reference: the simple configuration's 1.
              source::ConfigField{.key = "projects",
                                  .label = "Jira project keys",
                                  .type = source::FieldType::kList,
                                  .value = "*",
                                  .display = "textarea"},
              rest::ssl_fields(7)[0],
              rest::ssl_fields(7)[1],
              rest::advanced_int("retry_count", "Retries for failed requests", 9, 3),
              rest::advanced_int(
                  "concurrent_downloads", "Maximum concurrent downloads", 10,
                  kMaxConcurrentDownloads,
                  {source::FieldValidation{"less_than", kMaxConcurrentDownloads + 1}}),
          }});
  return descriptor;
}

JiraDataSource::JiraDataSource(source::DataSourceConfiguration configuration,
                               const source::SourceContext& context)
    : DataSource(descriptor_ptr(), std::move(configuration)), executor_(context.executor) {}

bool JiraDataSource::cloud() const {
  return configuration().get_string("data_source") != "jira_server";
}

std::shared_ptr<rest::RestClient> JiraDataSource::client() {
  if (client_) return client_;
  const auto& config = configuration();
  rest::RestClientSettings settings =
      rest::client_settings("Jira", config.get_string("jira_url"), config, kMaxConcurrentDownloads);
  rest::Authorization authorization =
      cloud() ? rest::Authorization::basic(config.get_string("account_email"),
                                           config.get_string("api_token"))
              : rest::Authorization::basic(config.get_string("username"),
                                           config.get_string("password"));
  client_ =
      std::make_shared<rest::RestClient>(executor_, std::move(settings), std::move(authorization));
  return client_;
}

std::vector<std::string> JiraDataSource::configured_projects() const {
  return rest::configured_keys(configuration(), "projects");
}

asio::awaitable<void> JiraDataSource::validate_config() {
  co_await DataSource::validate_config();
  const std::string url = configuration().get_string("jira_url");
  if (!url.starts_with("http://") && !url.starts_with("https://")) {
    throw source::ConfigurableFieldValueError("Jira host url '" + url +
                                              "' is not an http:// or https:// URL.");
  }
}

asio::awaitable<void> JiraDataSource::ping() {
  auto asking = client()->get_json("/rest/api/2/myself");
  co_await std::move(asking);
}

void JiraDataSource::tweak_bulk_options(core::BulkOptions& options) const {
  options.concurrent_downloads = static_cast<std::size_t>(std::clamp<std::int64_t>(
      configuration().get_int("concurrent_downloads"), 1, kMaxConcurrentDownloads));
}

asio::awaitable<void> JiraDataSource::check_projects(std::vector<std::string> configured) {
  std::vector<std::string> missing;
  try {
    auto listing = client()->get_json("/rest/api/2/project");
    const json::value projects = co_await std::move(listing);
    if (!projects.is_array()) {
      throw source::SourceError(client()->server() + " answered the project list with " +
                                "something that is not a list");
    }
    std::set<std::string> available;
    for (const json::value& project : projects.get_array()) {
      if (project.is_object()) available.insert(rest::text(project.get_object(), "key"));
    }
    for (const std::string& key : configured) {
      if (!available.contains(key)) missing.push_back(key);
    }
  } catch (const source::SourceError& error) {
    throw source::SourceError("Unable to verify projects: " + rest::joined(configured) +
                              ". Error: " + error.what());
  }
  if (!missing.empty()) {
    throw source::SourceError("Unable to verify projects: " + rest::joined(configured) +
                              ". Error: Configured unavailable projects: " + rest::joined(missing));
  }
}

asio::awaitable<void> JiraDataSource::get_docs(source::DocumentSink& sink,
                                               const protocol::Filter& /*filter*/) {
  const std::vector<std::string> configured = configured_projects();
  if (!configured.empty()) {
    auto checking = check_projects(configured);
    co_await std::move(checking);
  }
  auto projects = sync_projects(sink, configured);
  co_await std::move(projects);
  auto issues = sync_issues(sink, configured);
  co_await std::move(issues);
}

asio::awaitable<void> JiraDataSource::sync_projects(source::DocumentSink& sink,
                                                    std::vector<std::string> configured) {
  const std::shared_ptr<rest::RestClient> rest = client();
  std::vector<json::value> projects;
  if (configured.empty()) {
    auto listing = rest->get_json("/rest/api/2/project?expand=description,lead,url");
    json::value all = co_await std::move(listing);
    if (!all.is_array()) {
      throw source::SourceError(rest->server() +
                                " answered the project list with something that is not a list");
    }
    for (json::value& project : all.get_array()) projects.push_back(std::move(project));
  } else {
    projects.resize(configured.size());
    auto reading = rest::for_each_concurrently(
        executor_, configured.size(), kConcurrentIssueRequests,
        [rest, &configured, &projects](std::size_t i) -> asio::awaitable<void> {
          auto getting =
              rest->get_json("/rest/api/2/project/" + rest::percent_encode(configured[i]));
          projects[i] = co_await std::move(getting);
        });
    co_await std::move(reading);
  }
  for (const json::value& project : projects) {
    if (!project.is_object()) {
      sink.unreadable("Jira projects", "a project of the list is not a JSON object");
      continue;
    }
    auto emitting =
        sink.emit(source::SourceDocument{jira::project_document(project.get_object()), {}});
    co_await std::move(emitting);
  }
}

asio::awaitable<void> JiraDataSource::sync_issues(source::DocumentSink& sink,
                                                  std::vector<std::string> configured) {
  const std::shared_ptr<rest::RestClient> rest = client();
  std::string first =
      rest::with_query_parameter("/rest/api/2/search", "jql", jira::search_jql(configured));
  first = rest::with_query_parameter(first, "maxResults", std::to_string(kPageSize));
  first = rest::with_query_parameter(first, "startAt", "0");
  auto walking = rest::for_each_page(
      *rest, first,
      [](std::string_view url, const json::value& page) {
        return rest::next_start_at(url, page, "issues");
      },
      [this, rest, &sink](json::value page) -> asio::awaitable<void> {
        std::vector<std::string> keys;
        if (const json::value* issues =
                page.is_object() ? page.get_object().if_contains("issues") : nullptr;
            issues != nullptr && issues->is_array()) {
          for (const json::value& issue : issues->get_array()) {
            if (issue.is_object()) keys.push_back(rest::text(issue.get_object(), "key"));
          }
        }
        // Each issue in full (a search answers only the navigable fields), side by side.
        std::vector<std::optional<json::value>> full(keys.size());
        auto reading = rest::for_each_concurrently(
            executor_, keys.size(), kConcurrentIssueRequests,
            [rest, &keys, &full](std::size_t i) -> asio::awaitable<void> {
              if (keys[i].empty()) co_return;
              try {
                auto getting = rest->get_json("/rest/api/2/issue/" + rest::percent_encode(keys[i]));
                full[i] = co_await std::move(getting);
              } catch (const rest::RestError& error) {
                // Deleted between the search and now: gone, as the next search will say.
                if (error.status() != 404) throw;
                core::log().info("Jira issue {} vanished during the sync", keys[i]);
              }
            });
        co_await std::move(reading);
        for (std::size_t i = 0; i < keys.size(); ++i) {
          if (keys[i].empty()) {
            sink.unreadable("Jira issue search", "an issue of the search has no key");
            continue;
          }
          if (!full[i]) continue;
          auto emitting = emit_issue(sink, *full[i]);
          co_await std::move(emitting);
        }
      });
  co_await std::move(walking);
}

asio::awaitable<void> JiraDataSource::emit_issue(source::DocumentSink& sink,
                                                 const json::value& issue) {
  std::optional<json::object> document =
      issue.is_object() ? jira::issue_document(issue.get_object()) : std::nullopt;
  if (!document) {
    sink.unreadable("Jira issue", "an issue answer without a key or fields");
    co_return;
  }
  const json::object& fields = issue.get_object().at("fields").get_object();
  const std::string key = rest::text(issue.get_object(), "key");
  auto emitting = sink.emit(source::SourceDocument{std::move(*document), {}});
  co_await std::move(emitting);
  const json::value* attachments = fields.if_contains("attachment");
  if (attachments == nullptr || !attachments->is_array()) co_return;
  const std::shared_ptr<rest::RestClient> rest = client();
  for (const json::value& entry : attachments->get_array()) {
    if (!entry.is_object()) continue;
    const json::object& attachment = entry.get_object();
    json::object made = jira::attachment_document(key, attachment);
    const std::string id = std::string(made.at("_id").as_string());
    const std::string name = rest::text(attachment, "filename");
    source::SourceDocument emitted{
        std::move(made),
        rest::attachment_download(
            rest, jira::attachment_path(cloud(), rest::id_text(attachment, "id"), name), name, id,
            rest::size_of(attachment.if_contains("size")))};
    auto sending = sink.emit(std::move(emitted));
    co_await std::move(sending);
  }
}

}  // namespace ei::sources
