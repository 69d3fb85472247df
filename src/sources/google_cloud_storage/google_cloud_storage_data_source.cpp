#include "sources/google_cloud_storage/google_cloud_storage_data_source.hpp"

#include <charconv>

#include "core/logging.hpp"
#include "source/attachment.hpp"
#include "source/download_eligibility.hpp"
#include "source/errors.hpp"

namespace ei::sources {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr const char* kGoogleRoot = "https://storage.googleapis.com";

// A dummy service account, shaped as the reference's default: it parses, and says by failing
// at the first token request that it must be replaced.
std::string default_credentials() {
  json::object account{
      {"type", "service_account"},
      {"project_id", "dummy_project_id"},
      {"private_key_id", "abc"},
      {"private_key", "-----BEGIN PRIVATE KEY-----\nreplace me\n-----END PRIVATE KEY-----\n"},
      {"client_email", "123-abc@developer.gserviceaccount.com"},
      {"client_id", "123-abc.apps.googleusercontent.com"},
      {"auth_uri", "https://accounts.google.com/o/oauth2/auth"},
      {"token_uri", "https://oauth2.googleapis.com/token"}};
  return json::serialize(account);
}

json::value field(const json::object& resource, const char* name) {
  const json::value* value = resource.if_contains(name);
  return value != nullptr ? *value : json::value(nullptr);
}

std::string text(const json::object& resource, const char* name) {
  const json::value* value = resource.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

// The console's encoding of an object name: RFC 3986 unreserved characters and `'` stay.
std::string console_encode(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~' || c == '\'') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

std::optional<std::uint64_t> size_of(const std::string& size) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(size.data(), size.data() + size.size(), value);
  if (error != std::errc() || end != size.data() + size.size()) return std::nullopt;
  return value;
}

asio::awaitable<std::optional<json::object>> download(std::shared_ptr<GcsClient> client,
                                                      std::string bucket, std::string name,
                                                      std::string id,
                                                      std::optional<std::uint64_t> size,
                                                      std::optional<std::string> timestamp) {
  const source::DownloadVerdict verdict = source::download_verdict(name, size);
  if (verdict == source::DownloadVerdict::empty ||
      verdict == source::DownloadVerdict::unsupported_extension) {
    co_return std::nullopt;
  }
  if (verdict == source::DownloadVerdict::too_large) {
    core::log().warn("{}", source::describe_skip(verdict, name, size));
    co_return std::nullopt;
  }
  auto getting = client->download(bucket, name);
  const std::string body = co_await std::move(getting);
  co_return source::attachment(id, timestamp, body);
}

}  // namespace

std::shared_ptr<const source::SourceDescriptor> GoogleCloudStorageDataSource::descriptor_ptr() {
  static const auto descriptor =
      std::make_shared<const source::SourceDescriptor>(source::SourceDescriptor{
          kServiceType,
          "Google Cloud Storage",
          {
              // Marked sensitive, unlike the reference: it holds a private key.
              source::ConfigField{.key = "service_account_credentials",
                                  .label = "Google Cloud service account JSON",
                                  .order = 1,
                                  .value = json::value(default_credentials()),
                                  .display = "textarea",
                                  .sensitive = true},
              source::ConfigField{.key = "retry_count",
                                  .label = "Maximum retries for failed requests",
                                  .order = 2,
                                  .type = source::FieldType::kInt,
                                  .value = 3,
                                  .display = "numeric",
                                  .required = false,
                                  .default_value = 3,
                                  .ui_restrictions = {"advanced"}},
              // Ours, beyond the reference (which always synced every bucket of the project):
              // `*`, or the buckets to sync, which then need no buckets.list permission.
              source::ConfigField{.key = "buckets",
                                  .label = "Buckets",
                                  .order = 3,
                                  .type = source::FieldType::kList,
                                  .value = "*",
                                  .display = "textarea",
                                  .required = false,
                                  .tooltip = "* for every bucket of the project, or a "
                                             "comma-separated list"},
          }});
  return descriptor;
}

GoogleCloudStorageDataSource::GoogleCloudStorageDataSource(
    source::DataSourceConfiguration configuration, const source::SourceContext& context)
    : GoogleCloudStorageDataSource(std::move(configuration), context,
                                   object_store::process_environment()) {}

GoogleCloudStorageDataSource::GoogleCloudStorageDataSource(
    source::DataSourceConfiguration configuration, const source::SourceContext& context,
    const object_store::EnvironmentLookup& environment)
    : DataSource(descriptor_ptr(), std::move(configuration)),
      executor_(context.executor),
      root_(environment("STORAGE_EMULATOR_HOST").value_or(kGoogleRoot)) {
  while (!root_.empty() && root_.back() == '/') root_.pop_back();
}

std::shared_ptr<GcsClient> GoogleCloudStorageDataSource::client() {
  if (client_) return client_;
  ServiceAccount account =
      parse_service_account(configuration().get_string("service_account_credentials"));
  http::RetrySettings retry;
  // The reference waits 2, 4, 8 s between attempts.
  retry.retries =
      static_cast<int>(std::max<std::int64_t>(0, configuration().get_int("retry_count")));
  retry.first_delay = std::chrono::seconds(2);
  http::ClientOptions options;
  options.max_response_bytes = std::size_t{64} * 1024 * 1024;
  client_ = std::make_shared<GcsClient>(
      http::RetryingSender(std::make_shared<http::Client>(executor_, options), retry,
                           "Google Cloud Storage"),
      std::move(account), root_);
  return client_;
}

asio::awaitable<void> GoogleCloudStorageDataSource::validate_config() {
  co_await DataSource::validate_config();
  parse_service_account(configuration().get_string("service_account_credentials"));
}

asio::awaitable<void> GoogleCloudStorageDataSource::ping() {
  // The reference asked projects.serviceAccount (which emulators lack, so its tests skipped the
  // ping); one bucket of the listing the sync needs proves the token and the permission.
  auto listing = client()->list_buckets("", 1);
  co_await std::move(listing);
}

asio::awaitable<void> GoogleCloudStorageDataSource::get_docs(source::DocumentSink& sink,
                                                             const protocol::Filter& /*filter*/) {
  const std::shared_ptr<GcsClient> gcs = client();
  const std::vector<std::string> configured = configured_buckets();
  if (!configured.empty()) {
    for (const std::string& bucket : configured) {
      auto syncing = sync_bucket(sink, gcs, bucket);
      co_await std::move(syncing);
    }
    co_return;
  }
  std::string bucket_token;
  for (;;) {
    auto listing_buckets = gcs->list_buckets(bucket_token);
    GcsPage buckets = co_await std::move(listing_buckets);
    for (const json::value& bucket_resource : buckets.items) {
      if (!bucket_resource.is_object()) continue;
      const json::object& resource = bucket_resource.get_object();
      const std::string bucket =
          text(resource, "id").empty() ? text(resource, "name") : text(resource, "id");
      auto syncing = sync_bucket(sink, gcs, bucket);
      co_await std::move(syncing);
    }
    if (!buckets.next_page_token) break;
    bucket_token = std::move(*buckets.next_page_token);
  }
}

std::vector<std::string> GoogleCloudStorageDataSource::configured_buckets() const {
  const json::value value = configuration().at("buckets");
  std::vector<std::string> buckets;
  if (value.is_array()) {
    for (const json::value& item : value.get_array()) {
      if (item.is_string() && !item.get_string().empty()) buckets.emplace_back(item.get_string());
    }
  }
  if (buckets.size() == 1 && buckets[0] == "*") buckets.clear();
  return buckets;
}

asio::awaitable<void> GoogleCloudStorageDataSource::sync_bucket(source::DocumentSink& sink,
                                                                std::shared_ptr<GcsClient> gcs,
                                                                std::string bucket) {
  const std::string project = gcs->account().project_id;
  std::string token;
  for (;;) {
    GcsPage objects;
    try {
      auto listing = gcs->list_objects(bucket, token);
      objects = co_await std::move(listing);
    } catch (const GcsError& error) {
      sink.unreadable("gs://" + bucket, error.what());
      co_return;
    }
    for (json::value& resource : objects.items) {
      if (!resource.is_object()) continue;
      json::object document = make_document(resource.get_object(), project);
      std::string id = document.at("_id").is_string() ? std::string(document.at("_id").get_string())
                                                      : std::string();
      if (id.empty()) {
        sink.unreadable("gs://" + bucket + "/" + text(resource.get_object(), "name"),
                        "the listing gave the object no id");
        continue;
      }
      source::SourceDocument emitted{
          std::move(document),
          [gcs, bucket, name = text(resource.get_object(), "name"), id = std::move(id),
           size = size_of(text(resource.get_object(), "size"))](
              bool doit, std::optional<std::string> timestamp) {
            if (!doit) return source::no_download();
            return download(gcs, bucket, name, id, size, std::move(timestamp));
          }};
      auto emitting = sink.emit(std::move(emitted));
      co_await std::move(emitting);
    }
    if (!objects.next_page_token) co_return;
    token = std::move(*objects.next_page_token);
  }
}

json::object GoogleCloudStorageDataSource::make_document(const json::object& resource,
                                                         const std::string& project_id) {
  const std::string bucket = text(resource, "bucket");
  const std::string name = text(resource, "name");
  constexpr std::size_t kCapacity = 20;
  return json::object(
      {
          {"_id", field(resource, "id")},
          {"component_count", field(resource, "componentCount")},
          {"content_encoding", field(resource, "contentEncoding")},
          {"content_language", field(resource, "contentLanguage")},
          {"created_at", field(resource, "timeCreated")},
          {"last_updated", field(resource, "updated")},
          {"metadata", field(resource, "metadata")},
          {"name", field(resource, "name")},
          {"size", field(resource, "size")},
          {"storage_class", field(resource, "storageClass")},
          {"_timestamp", field(resource, "updated")},
          {"type", field(resource, "contentType")},
          {"version", field(resource, "generation")},
          {"bucket_name", field(resource, "bucket")},
          {"url", "https://console.cloud.google.com/storage/browser/_details/" + bucket + "/" +
                      console_encode(name) + ";tab=live_object?project=" + project_id},
      },
      kCapacity);
}

}  // namespace ei::sources
