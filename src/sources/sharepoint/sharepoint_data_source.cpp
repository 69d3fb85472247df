#include "sources/sharepoint/sharepoint_data_source.hpp"

#include <charconv>
#include <cstdlib>

#include "core/logging.hpp"
#include "source/attachment.hpp"
#include "source/download_eligibility.hpp"
#include "source/errors.hpp"
#include "sources/rest/attachment_download.hpp"
#include "sources/rest/json_access.hpp"
#include "sources/rest/paging.hpp"
#include "sources/rest/percent_encode.hpp"
#include "sources/rest/rest_fields.hpp"
#include "sources/sharepoint/sharepoint_documents.hpp"

namespace ei::sources {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr const char* kSharepointPrincipal = "00000003-0000-0ff1-ce00-000000000000";
// Sites nested deeper than this are a loop in the answers, not a real tree.
constexpr int kMaxSiteDepth = 64;

// The entries of a page in the light OData form (`value`).
json::array values_of(json::value& page, const rest::RestClient& client, const char* listing) {
  if (page.is_object()) {
    if (json::value* values = page.get_object().if_contains("value");
        values != nullptr && values->is_array()) {
      return std::move(values->get_array());
    }
  }
  throw source::SourceError(client.server() + " answered a page of " + listing +
                            " without a `value` list");
}

std::optional<std::uint64_t> length_of(const json::value* value) {
  if (value != nullptr && value->is_string()) {
    std::uint64_t parsed = 0;
    const std::string_view text = value->get_string();
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error == std::errc() && end == text.data() + text.size()) return parsed;
    return std::nullopt;
  }
  return rest::size_of(value);
}

std::string form_value(std::string_view text) {
  return rest::percent_encode(text);
}

// The lazy download of a site page: its HTML, given (Server's WikiField) or fetched (Online's
// CanvasContent1 of the page's item).
asio::awaitable<std::optional<json::object>> site_page(std::shared_ptr<rest::RestClient> client,
                                                       std::string id, std::string html,
                                                       std::string site, std::string file_name,
                                                       std::optional<std::string> timestamp) {
  if (html.empty() && !file_name.empty()) {
    std::string url = site + "/_api/web/lists/getbytitle('Site%20Pages')/items";
    url = rest::with_query_parameter(url, "$select", "Title,CanvasContent1,FileLeafRef");
    std::string escaped;
    for (const char c : file_name) escaped += c == '\'' ? std::string("''") : std::string(1, c);
    url = rest::with_query_parameter(url, "$filter", "FileLeafRef eq '" + escaped + "'");
    auto getting = client->get_json(url);
    json::value page = co_await std::move(getting);
    const json::array items = values_of(page, *client, "the site pages");
    if (!items.empty() && items.front().is_object()) {
      html = rest::text(items.front().get_object(), "CanvasContent1");
    }
  }
  if (html.empty()) co_return std::nullopt;
  co_return source::attachment(id, timestamp, html);
}

}  // namespace

std::shared_ptr<const source::SourceDescriptor> SharepointDataSource::descriptor_ptr() {
  static const auto descriptor =
      std::make_shared<const source::SourceDescriptor>(source::SourceDescriptor{
          kServiceType,
          "SharePoint",
          {
              source::ConfigField{
                  .key = "data_source",
                  .label = "SharePoint data source",
                  .order = 1,
                  .value = "sharepoint_server",
                  .display = "dropdown",
                  .options = {source::FieldOption{"SharePoint Online", "sharepoint_online"},
                              source::FieldOption{"SharePoint Server", "sharepoint_server"}}},
              rest::credential_field("username", "SharePoint Server username", 2, "demo_user",
                                     "sharepoint_server"),
              rest::credential_field("password", "SharePoint Server password", 3, "abc@123",
                                     "sharepoint_server", true),
              rest::credential_field("client_id", "SharePoint Online client id", 4, "",
                                     "sharepoint_online"),
              // Sensitive, unlike the reference: it is the app's secret.
              rest::credential_field("client_secret", "SharePoint Online secret id", 5, "",
                                     "sharepoint_online", true),
              rest::credential_field("tenant", "SharePoint Online tenant", 6, "",
                                     "sharepoint_online"),
              rest::credential_field("tenant_id", "SharePoint Online tenant id", 7, "",
                                     "sharepoint_online"),
              source::ConfigField{.key = "host_url",
                                  .label = "SharePoint host",
                                  .order = 8,
                                  .value = "http://127.0.0.1:8491"},
              source::ConfigField{
                  .key = "site_collections",
                  .label = "Comma-separated list of SharePoint site collections to index",
                  .order = 9,
                  .type = source::FieldType::kList,
                  .value = "collection1",
                  .display = "textarea"},
              rest::ssl_fields(10)[0],
              rest::ssl_fields(10)[1],
              rest::advanced_int("retry_count", "Retries per request", 12, 3),
          }});
  return descriptor;
}

SharepointDataSource::SharepointDataSource(source::DataSourceConfiguration configuration,
                                           const source::SourceContext& context)
    : DataSource(descriptor_ptr(), std::move(configuration)), executor_(context.executor) {
  const char* host = std::getenv("SHAREPOINT_ACS_HOST");
  acs_host_ = host != nullptr && *host != '\0' ? host : kAcsHost;
}

bool SharepointDataSource::online() const {
  return configuration().get_string("data_source") == "sharepoint_online";
}

std::vector<std::string> SharepointDataSource::site_collections() const {
  std::vector<std::string> collections;
  for (std::string& name : configuration().get_list("site_collections")) {
    if (!name.empty()) collections.push_back(std::move(name));
  }
  return collections;
}

std::shared_ptr<rest::RestClient> SharepointDataSource::client() {
  if (client_) return client_;
  const auto& config = configuration();
  // No concurrent_downloads field: the framework's default of 10 connections.
  rest::RestClientSettings settings =
      rest::client_settings("SharePoint", config.get_string("host_url"), config, 10);
  settings.first_delay = std::chrono::seconds(4);  // the reference waits 4, 8, 16 s
  rest::Authorization authorization;
  if (online()) {
    rest::RestClientSettings token_settings = settings;
    token_settings.service = "the SharePoint Online token service";
    token_settings.base_url = acs_host_;
    auto tokens =
        std::make_shared<rest::RestClient>(executor_, token_settings, rest::Authorization());
    const std::string tenant_id = config.get_string("tenant_id");
    const std::string form =
        "grant_type=client_credentials&resource=" +
        form_value(std::string(kSharepointPrincipal) + "/" + config.get_string("tenant") +
                   ".sharepoint.com@" + tenant_id) +
        "&client_id=" + form_value(config.get_string("client_id") + "@" + tenant_id) +
        "&client_secret=" + form_value(config.get_string("client_secret"));
    const std::string path = "/" + rest::percent_encode(tenant_id) + "/tokens/OAuth/2";
    authorization = rest::Authorization::renewed(
        executor_, [tokens, form, path]() -> asio::awaitable<rest::AccessToken> {
          auto posting = tokens->post_form(path, form);
          const json::value answer = co_await std::move(posting);
          const json::object* object = answer.is_object() ? &answer.get_object() : nullptr;
          const std::string token = object != nullptr ? rest::text(*object, "access_token") : "";
          std::int64_t seconds = 0;
          if (object != nullptr) {
            const std::string text = rest::id_text(*object, "expires_in");
            std::from_chars(text.data(), text.data() + text.size(), seconds);
          }
          if (token.empty() || seconds <= 0) {
            throw source::SourceError(tokens->server() +
                                      " answered without access_token and expires_in");
          }
          co_return rest::AccessToken{token, core::Clock::now() + std::chrono::seconds(seconds)};
        });
  } else {
    authorization =
        rest::Authorization::basic(config.get_string("username"), config.get_string("password"));
  }
  client_ =
      std::make_shared<rest::RestClient>(executor_, std::move(settings), std::move(authorization));
  return client_;
}

asio::awaitable<void> SharepointDataSource::ping() {
  const std::vector<std::string> collections = site_collections();
  if (collections.empty()) {
    throw source::ConfigurableFieldValueError("No SharePoint site collection is configured.");
  }
  auto asking =
      client()->get_json("/sites/" + rest::percent_encode(collections.front()) + "/_api/web/webs");
  co_await std::move(asking);
}

asio::awaitable<void> SharepointDataSource::get_docs(source::DocumentSink& sink,
                                                     const protocol::Filter& /*filter*/) {
  std::vector<std::string> sites;
  for (const std::string& collection : site_collections()) {
    const std::string root = "/sites/" + rest::percent_encode(collection);
    sites.push_back(root);
    auto walking = walk_sites(sink, root, sites, 0);
    co_await std::move(walking);
  }
  for (const std::string& site : sites) {
    auto syncing = sync_lists(sink, site);
    co_await std::move(syncing);
  }
}

asio::awaitable<void> SharepointDataSource::walk_sites(source::DocumentSink& sink, std::string site,
                                                       std::vector<std::string>& found, int depth) {
  if (depth > kMaxSiteDepth) {
    sink.unreadable(site, "sites nested deeper than " + std::to_string(kMaxSiteDepth));
    co_return;
  }
  const std::shared_ptr<rest::RestClient> rest = client();
  std::vector<json::object> webs;
  std::string first = rest::with_query_parameter(site + "/_api/web/webs", "$skip", "0");
  first = rest::with_query_parameter(first, "$top", std::to_string(kPageSize));
  auto listing = rest::for_each_page(
      *rest, first,
      [](std::string_view url, const json::value& page) { return rest::next_skip_top(url, page); },
      [&webs, rest](json::value page) -> asio::awaitable<void> {
        for (json::value& web : values_of(page, *rest, "the sub-sites")) {
          if (web.is_object()) webs.push_back(std::move(web.get_object()));
        }
        co_return;
      });
  co_await std::move(listing);
  for (const json::object& web : webs) {
    const std::string url = rest::text(web, "ServerRelativeUrl");
    if (url.empty()) {
      sink.unreadable(site, "a sub-site without a ServerRelativeUrl");
      continue;
    }
    auto walking = walk_sites(sink, url, found, depth + 1);
    co_await std::move(walking);
    found.push_back(url);
    auto emitting = sink.emit(source::SourceDocument{sharepoint::site_document(web), {}});
    co_await std::move(emitting);
  }
}

asio::awaitable<void> SharepointDataSource::sync_lists(source::DocumentSink& sink,
                                                       std::string site) {
  const std::shared_ptr<rest::RestClient> rest = client();
  std::string first = rest::with_query_parameter(site + "/_api/web/lists", "$skip", "0");
  first = rest::with_query_parameter(first, "$top", std::to_string(kPageSize));
  first = rest::with_query_parameter(first, "$expand", "RootFolder");
  first = rest::with_query_parameter(first, "$filter", "(Hidden eq false)");
  std::vector<json::object> lists;
  auto listing = rest::for_each_page(
      *rest, first,
      [](std::string_view url, const json::value& page) { return rest::next_skip_top(url, page); },
      [&lists, rest](json::value page) -> asio::awaitable<void> {
        for (json::value& list : values_of(page, *rest, "the lists")) {
          if (list.is_object()) lists.push_back(std::move(list.get_object()));
        }
        co_return;
      });
  co_await std::move(listing);
  const std::string host = configuration().get_string("host_url");
  for (json::object& list : lists) {
    auto emitting = sink.emit(source::SourceDocument{sharepoint::list_document(list, host), {}});
    co_await std::move(emitting);
    if (list.at("BaseType") == json::value(1)) {
      auto syncing = sync_library(sink, site, std::move(list));
      co_await std::move(syncing);
    } else {
      auto syncing = sync_list_items(sink, site, std::move(list));
      co_await std::move(syncing);
    }
  }
}

asio::awaitable<void> SharepointDataSource::sync_library(source::DocumentSink& sink,
                                                         std::string site, json::object list) {
  const std::shared_ptr<rest::RestClient> rest = client();
  const std::string host = configuration().get_string("host_url");
  const bool site_pages = rest::text(list, "Title") == "Site Pages";
  std::string fields = "Modified,Id,GUID,File,Folder";
  if (site_pages && !online()) fields = "WikiField," + fields;
  std::string first = rest::text(list, "ParentWebUrl") + "/_api/web/lists(guid'" +
                      rest::percent_encode(rest::text(list, "Id")) + "')/items";
  first = rest::with_query_parameter(first, "$select", fields);
  first = rest::with_query_parameter(first, "$expand", "File,Folder");
  first = rest::with_query_parameter(first, "$top", std::to_string(kPageSize));
  const bool is_online = online();
  auto walking = rest::for_each_page(
      *rest, first,
      [](std::string_view, const json::value& page) { return rest::next_odata_link(page); },
      [&sink, rest, host, site, site_pages, is_online](json::value page) -> asio::awaitable<void> {
        for (json::value& entry : values_of(page, *rest, "a library's items")) {
          if (!entry.is_object()) continue;
          const json::object& item = entry.get_object();
          std::optional<json::object> document = sharepoint::drive_item_document(item, host);
          if (!document) {
            sink.unreadable(site, "a library item without a GUID");
            continue;
          }
          source::LazyDownload download;
          const json::object* file = rest::object_at(item, "File");
          if (document->at("type") == "File" && file != nullptr) {
            const std::string id(document->at("_id").as_string());
            const std::string name = rest::text(*file, "Name");
            const std::optional<std::uint64_t> size = length_of(file->if_contains("Length"));
            if (site_pages) {
              std::string html = is_online ? "" : rest::text(item, "WikiField");
              download = [rest, id, html, site, name, size](bool doit,
                                                            std::optional<std::string> stamp) {
                const source::DownloadVerdict verdict =
                    source::download_verdict(name, size.value_or(0));
                if (!doit || verdict == source::DownloadVerdict::empty ||
                    verdict == source::DownloadVerdict::too_large) {
                  return source::no_download();
                }
                return site_page(rest, id, html, site, name, std::move(stamp));
              };
            } else {
              download = rest::attachment_download(rest,
                                                   site + "/_api/web/GetFileByServerRelativeUrl('" +
                                                       sharepoint::encoded_server_relative_url(
                                                           rest::text(*file, "ServerRelativeUrl")) +
                                                       "')/$value",
                                                   name, id, size);
            }
          }
          auto emitting = sink.emit(source::SourceDocument{std::move(*document), download});
          co_await std::move(emitting);
        }
      });
  co_await std::move(walking);
}

asio::awaitable<void> SharepointDataSource::sync_list_items(source::DocumentSink& sink,
                                                            std::string site, json::object list) {
  const std::shared_ptr<rest::RestClient> rest = client();
  const std::string host = configuration().get_string("host_url");
  const std::string parent = rest::text(list, "ParentWebUrl");
  std::string first =
      parent + "/_api/web/lists(guid'" + rest::percent_encode(rest::text(list, "Id")) + "')/items";
  first = rest::with_query_parameter(first, "$expand", "AttachmentFiles");
  first = rest::with_query_parameter(first, "$select", "*,FileRef");
  auto walking = rest::for_each_page(
      *rest, first,
      [](std::string_view, const json::value& page) { return rest::next_odata_link(page); },
      [&sink, &list, rest, host, site, parent](json::value page) -> asio::awaitable<void> {
        for (json::value& entry : values_of(page, *rest, "a list's items")) {
          if (!entry.is_object()) continue;
          const json::object& item = entry.get_object();
          std::optional<json::object> document = sharepoint::list_item_document(item, list, host);
          if (!document) {
            sink.unreadable(site, "a list item without a GUID");
            continue;
          }
          const json::value* files = item.if_contains("AttachmentFiles");
          if (files == nullptr || !files->is_array() || files->get_array().empty()) {
            auto emitting = sink.emit(source::SourceDocument{std::move(*document), {}});
            co_await std::move(emitting);
            continue;
          }
          for (const json::value& attachment : files->get_array()) {
            if (!attachment.is_object()) continue;
            const std::string url = rest::text(attachment.get_object(), "ServerRelativeUrl");
            auto reading = rest->get_json(parent + "/_api/web/getfilebyserverrelativeurl('" +
                                          sharepoint::encoded_server_relative_url(url) + "')");
            const json::value file = co_await std::move(reading);
            if (!file.is_object()) continue;
            std::optional<json::object> made =
                sharepoint::attachment_document(*document, file.get_object(), host);
            if (!made) {
              sink.unreadable(site, "an attachment without a UniqueId: " + url);
              continue;
            }
            const std::string id(made->at("_id").as_string());
            source::SourceDocument emitted{
                std::move(*made),
                rest::attachment_download(rest,
                                          site + "/_api/web/GetFileByServerRelativeUrl('" +
                                              sharepoint::encoded_server_relative_url(url) +
                                              "')/$value",
                                          rest::text(file.get_object(), "Name"), id,
                                          length_of(file.get_object().if_contains("Length")))};
            auto emitting = sink.emit(std::move(emitted));
            co_await std::move(emitting);
          }
        }
      });
  co_await std::move(walking);
}

}  // namespace ei::sources
