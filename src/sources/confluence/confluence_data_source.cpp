#include "sources/confluence/confluence_data_source.hpp"

#include <algorithm>
#include <set>

#include "source/errors.hpp"
#include "sources/confluence/confluence_documents.hpp"
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

constexpr std::int64_t kMaxConcurrentDownloads = 50;
constexpr const char* kContentExpansions =
    "children.attachment,history.lastUpdated,body.storage,space";

// The `results` of a page of a listing, or a SourceError naming the listing.
json::array results_of(json::value& page, const rest::RestClient& client, const char* listing) {
  if (page.is_object()) {
    if (json::value* results = page.get_object().if_contains("results");
        results != nullptr && results->is_array()) {
      return std::move(results->get_array());
    }
  }
  throw source::SourceError(client.server() + " answered a page of " + listing +
                            " without a `results` list");
}

rest::NextPage follow_links() {
  return [](std::string_view, const json::value& page) { return rest::next_link(page); };
}

}  // namespace

std::shared_ptr<const source::SourceDescriptor> ConfluenceDataSource::descriptor_ptr() {
  static const auto descriptor =
      std::make_shared<const source::SourceDescriptor>(source::SourceDescriptor{
          kServiceType,
          "Confluence",
          {
              source::ConfigField{
                  .key = "data_source",
                  .label = "Confluence data source",
                  .order = 1,
                  .value = "confluence_server",
                  .display = "dropdown",
                  .options = {source::FieldOption{"Confluence Cloud", "confluence_cloud"},
                              source::FieldOption{"Confluence Server", "confluence_server"}}},
              rest::credential_field("username", "Confluence Server username", 2, "admin",
                                     "confluence_server"),
              rest::credential_field("password", "Confluence Server password", 3, "abc@123",
                                     "confluence_server", true),
              rest::credential_field("account_email", "Confluence Cloud account email", 4,
                                     "me@example.com", "confluence_cloud"),
              rest::credential_field("api_token", "Confluence Cloud API token", 5, "abc#123",
                                     "confluence_cloud", true),
              source::ConfigField{.key = "confluence_url",
                                  .label = "Confluence URL",
                                  .order = 6,
                                  .value = "http://127.0.0.1:5000"},
              source::ConfigField{.key = "spaces",
                                  .label = "Confluence space keys",
                                  .order = 7,
                                  .type = source::FieldType::kList,
                                  .value = "*",
                                  .display = "textarea"},
              rest::ssl_fields(8)[0],
              rest::ssl_fields(8)[1],
              rest::advanced_int("retry_count", "Retries per request", 10, 3),
              rest::advanced_int(
                  "concurrent_downloads", "Maximum concurrent downloads", 11,
                  kMaxConcurrentDownloads,
                  {source::FieldValidation{"less_than", kMaxConcurrentDownloads + 1}}),
          }});
  return descriptor;
}

ConfluenceDataSource::ConfluenceDataSource(source::DataSourceConfiguration configuration,
                                           const source::SourceContext& context)
    : DataSource(descriptor_ptr(), std::move(configuration)), executor_(context.executor) {}

bool ConfluenceDataSource::cloud() const {
  return configuration().get_string("data_source") == "confluence_cloud";
}

std::string ConfluenceDataSource::base_url() const {
  std::string url = configuration().get_string("confluence_url");
  if (!cloud()) return url;
  if (url.empty() || url.back() != '/') url += '/';
  return url + "wiki";
}

std::shared_ptr<rest::RestClient> ConfluenceDataSource::client() {
  if (client_) return client_;
  const auto& config = configuration();
  rest::Authorization authorization =
      cloud() ? rest::Authorization::basic(config.get_string("account_email"),
                                           config.get_string("api_token"))
              : rest::Authorization::basic(config.get_string("username"),
                                           config.get_string("password"));
  client_ = std::make_shared<rest::RestClient>(
      executor_, rest::client_settings("Confluence", base_url(), config, kMaxConcurrentDownloads),
      std::move(authorization));
  return client_;
}

std::vector<std::string> ConfluenceDataSource::configured_spaces() const {
  return rest::configured_keys(configuration(), "spaces");
}

void ConfluenceDataSource::tweak_bulk_options(core::BulkOptions& options) const {
  options.concurrent_downloads = static_cast<std::size_t>(std::clamp<std::int64_t>(
      configuration().get_int("concurrent_downloads"), 1, kMaxConcurrentDownloads));
}

asio::awaitable<void> ConfluenceDataSource::ping() {
  auto asking = client()->get_json("/rest/api/space?limit=1");
  co_await std::move(asking);
}

asio::awaitable<std::vector<json::object>> ConfluenceDataSource::all_spaces() {
  const std::shared_ptr<rest::RestClient> rest = client();
  std::vector<json::object> spaces;
  auto walking =
      rest::for_each_page(*rest, "/rest/api/space?limit=100", follow_links(),
                          [&spaces, rest](json::value page) -> asio::awaitable<void> {
                            for (json::value& space : results_of(page, *rest, "the spaces")) {
                              if (space.is_object())
                                spaces.push_back(std::move(space.get_object()));
                            }
                            co_return;
                          });
  co_await std::move(walking);
  co_return spaces;
}

asio::awaitable<void> ConfluenceDataSource::validate_config() {
  co_await DataSource::validate_config();
  const std::string url = configuration().get_string("confluence_url");
  if (!url.starts_with("http://") && !url.starts_with("https://")) {
    throw source::ConfigurableFieldValueError("Confluence URL '" + url +
                                              "' is not an http:// or https:// URL.");
  }
  const std::vector<std::string> configured = configured_spaces();
  if (configured.empty()) co_return;
  auto listing = all_spaces();
  const std::vector<json::object> spaces = co_await std::move(listing);
  std::set<std::string> available;
  std::vector<std::string> keys;
  for (const json::object& space : spaces) {
    keys.push_back(rest::text(space, "key"));
    available.insert(keys.back());
  }
  std::vector<std::string> missing;
  for (const std::string& key : configured) {
    if (!available.contains(key)) missing.push_back(key);
  }
  if (!missing.empty()) {
    throw source::ConfigurableFieldValueError("Spaces '" + rest::joined(missing) +
                                              "' are not available. Available spaces are: '" +
                                              rest::joined(keys) + "'");
  }
}

asio::awaitable<void> ConfluenceDataSource::get_docs(source::DocumentSink& sink,
                                                     const protocol::Filter& /*filter*/) {
  const std::vector<std::string> configured = configured_spaces();
  const std::set<std::string> wanted(configured.begin(), configured.end());
  auto listing = all_spaces();
  const std::vector<json::object> spaces = co_await std::move(listing);
  const std::string base = client()->settings().base_url;
  for (const json::object& space : spaces) {
    if (!wanted.empty() && !wanted.contains(rest::text(space, "key"))) continue;
    auto emitting = sink.emit(source::SourceDocument{confluence::space_document(space, base), {}});
    co_await std::move(emitting);
  }
  for (const char* type : {"blogpost", "page"}) {
    auto syncing = sync_contents(sink, configured, type);
    co_await std::move(syncing);
  }
}

asio::awaitable<void> ConfluenceDataSource::sync_contents(source::DocumentSink& sink,
                                                          std::vector<std::string> spaces,
                                                          std::string type) {
  const std::shared_ptr<rest::RestClient> rest = client();
  std::string first = rest::with_query_parameter("/rest/api/content/search", "cql",
                                                 confluence::content_cql(spaces, type));
  first = rest::with_query_parameter(first, "limit", "50");
  first = rest::with_query_parameter(first, "expand", kContentExpansions);
  auto walking = rest::for_each_page(
      *rest, first, follow_links(),
      [this, rest, &sink, type](json::value page) -> asio::awaitable<void> {
        const json::array contents = results_of(page, *rest, "the content search");
        // The attachment listings of this page's contents, side by side.
        std::vector<std::vector<json::object>> attachments(contents.size());
        auto listing = rest::for_each_concurrently(
            executor_, contents.size(), kConcurrentListings,
            [this, &contents, &attachments](std::size_t i) -> asio::awaitable<void> {
              if (!contents[i].is_object()) co_return;
              const json::object& content = contents[i].get_object();
              if (confluence::attachment_count(content) <= 0) co_return;
              auto reading = attachments_of(rest::percent_encode(rest::id_text(content, "id")));
              attachments[i] = co_await std::move(reading);
            });
        co_await std::move(listing);
        const std::string& base = rest->settings().base_url;
        for (std::size_t i = 0; i < contents.size(); ++i) {
          std::optional<json::object> document =
              contents[i].is_object() ? confluence::content_document(contents[i].get_object(), base)
                                      : std::nullopt;
          if (!document) {
            sink.unreadable("Confluence " + type + "s", "a search result without an id");
            continue;
          }
          auto emitting = sink.emit(source::SourceDocument{std::move(*document), {}});
          co_await std::move(emitting);
          for (const json::object& attachment : attachments[i]) {
            std::optional<json::object> made =
                confluence::attachment_document(attachment, contents[i].get_object(), base);
            if (!made) {
              sink.unreadable("Confluence attachments", "an attachment without an id");
              continue;
            }
            const std::string id = rest::id_text(attachment, "id");
            const std::string title = rest::text(attachment, "title");
            std::string download;
            if (const json::object* links = rest::object_at(attachment, "_links")) {
              download = rest::text(*links, "download");
            }
            const json::object* extensions = rest::object_at(attachment, "extensions");
            source::SourceDocument emitted{
                std::move(*made),
                download.empty()
                    ? source::LazyDownload()
                    : rest::attachment_download(
                          rest, download, title, id,
                          rest::size_of(extensions != nullptr ? extensions->if_contains("fileSize")
                                                              : nullptr))};
            auto sending = sink.emit(std::move(emitted));
            co_await std::move(sending);
          }
        }
      });
  co_await std::move(walking);
}

asio::awaitable<std::vector<json::object>> ConfluenceDataSource::attachments_of(
    std::string content_id) {
  const std::shared_ptr<rest::RestClient> rest = client();
  std::vector<json::object> attachments;
  auto walking = rest::for_each_page(
      *rest, "/rest/api/content/" + content_id + "/child/attachment?limit=100&expand=version",
      follow_links(), [&attachments, rest](json::value page) -> asio::awaitable<void> {
        for (json::value& attachment : results_of(page, *rest, "an attachment listing")) {
          if (attachment.is_object()) attachments.push_back(std::move(attachment.get_object()));
        }
        co_return;
      });
  co_await std::move(walking);
  co_return attachments;
}

}  // namespace ei::sources
