#include "sources/s3/s3_data_source.hpp"

#include <boost/asio/this_coro.hpp>

#include "core/hash.hpp"
#include "core/logging.hpp"
#include "core/time.hpp"
#include "source/attachment.hpp"
#include "source/download_eligibility.hpp"
#include "source/errors.hpp"

namespace ei::sources {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// S3 answers at most 1000 keys per page whatever is asked.
constexpr std::int64_t kMaxPageSize = 1000;

source::ConfigField advanced_int(std::string key, std::string label, std::int64_t order,
                                 std::int64_t value) {
  return source::ConfigField{.key = std::move(key),
                             .label = std::move(label),
                             .order = order,
                             .type = source::FieldType::kInt,
                             .value = value,
                             .display = "numeric",
                             .required = false,
                             .default_value = value,
                             .ui_restrictions = {"advanced"}};
}

// Ours, beyond the spec: optional, empty by default (the AWS chain then decides).
source::ConfigField optional_text(std::string key, std::string label, std::int64_t order,
                                  bool sensitive, std::string tooltip) {
  return source::ConfigField{.key = std::move(key),
                             .label = std::move(label),
                             .order = order,
                             .type = source::FieldType::kStr,
                             .value = "",
                             .required = false,
                             .sensitive = sensitive,
                             .tooltip = std::move(tooltip),
                             .ui_restrictions = {"advanced"}};
}

// `LastModified` as the reference writes it: Python's isoformat of an aware UTC datetime.
std::string timestamp_of(const std::string& last_modified) {
  std::optional<core::CivilDateTime> parsed = core::parse_iso_datetime(last_modified);
  if (!parsed) return last_modified;
  if (!parsed->utc_offset_minutes) parsed->utc_offset_minutes = 0;
  parsed->nanosecond = 0;
  return core::isoformat(*parsed);
}

// One of our optional text fields: empty when unset (a stored "" reads back as null).
std::string optional_string(const source::DataSourceConfiguration& configuration,
                            std::string_view key) {
  const json::value value = configuration.at(key);
  return value.is_string() ? std::string(value.get_string()) : std::string();
}

asio::awaitable<std::optional<json::object>> download(std::shared_ptr<S3Client> client,
                                                      std::string bucket, std::string region,
                                                      std::string key, std::string id,
                                                      std::uint64_t size,
                                                      std::optional<std::string> timestamp) {
  // No zero-size check for S3 (spec §8.5): an empty object gives an empty attachment.
  const source::DownloadVerdict verdict =
      source::download_verdict(key, size, source::DownloadRules{.skip_empty = false});
  if (verdict == source::DownloadVerdict::unsupported_extension) co_return std::nullopt;
  if (verdict != source::DownloadVerdict::download) {
    core::log().warn("{}", source::describe_skip(verdict, key, size));
    co_return std::nullopt;
  }
  std::string body;
  try {
    auto getting = client->get_object(bucket, region, key);
    body = co_await std::move(getting);
  } catch (const S3Error& error) {
    // An archived (Glacier) object: indexed without content, as the reference does.
    if (error.code() != "InvalidObjectState") throw;
    core::log().warn("{} is archived and cannot be downloaded: {}", bucket + "/" + key,
                     error.what());
    co_return std::nullopt;
  }
  co_return source::attachment(id, timestamp, body);
}

}  // namespace

std::shared_ptr<const source::SourceDescriptor> S3DataSource::descriptor_ptr() {
  static const auto descriptor =
      std::make_shared<const source::SourceDescriptor>(source::SourceDescriptor{
          kServiceType,
          "Amazon S3",
          {
              source::ConfigField{.key = "buckets",
                                  .label = "AWS Buckets",
                                  .order = 1,
                                  .type = source::FieldType::kList,
                                  .value = "ent-search-ingest-dev",
                                  .display = "textarea"},
              advanced_int("read_timeout", "Read timeout", 2, 90),
              advanced_int("connect_timeout", "Connection timeout", 3, 90),
              advanced_int("max_attempts", "Maximum retry attempts", 4, 5),
              advanced_int("page_size", "Maximum size of page", 5, 100),
              optional_text("endpoint", "Endpoint URL (S3-compatible stores)", 6, false,
                            "For MinIO, Ceph, R2 and other S3-compatible stores, e.g. "
                            "http://127.0.0.1:9000. Empty: AWS_ENDPOINT_URL, else AWS."),
              optional_text("access_key_id", "Access key ID", 7, false,
                            "Empty: the AWS default chain (environment, shared credentials "
                            "file)."),
              optional_text("secret_access_key", "Secret access key", 8, true,
                            "Used with the access key ID."),
          }});
  return descriptor;
}

S3DataSource::S3DataSource(source::DataSourceConfiguration configuration,
                           const source::SourceContext& context)
    : S3DataSource(std::move(configuration), context, process_environment()) {}

S3DataSource::S3DataSource(source::DataSourceConfiguration configuration,
                           const source::SourceContext& context, EnvironmentLookup environment)
    : DataSource(descriptor_ptr(), std::move(configuration)),
      executor_(context.executor),
      environment_(std::move(environment)) {
  const auto& config = this->configuration();
  settings_.endpoint = optional_string(config, "endpoint");
  if (settings_.endpoint.empty()) {
    // The reference's override (spec §8.1): `<AWS_ENDPOINT_URL>:<AWS_PORT>`.
    if (auto url = environment_("AWS_ENDPOINT_URL")) {
      settings_.endpoint = *url;
      if (auto port = environment_("AWS_PORT")) settings_.endpoint += ":" + *port;
    }
  }
  while (!settings_.endpoint.empty() && settings_.endpoint.back() == '/') {
    settings_.endpoint.pop_back();
  }
  settings_.default_region =
      environment_("AWS_REGION").value_or(environment_("AWS_DEFAULT_REGION").value_or("us-east-1"));
  settings_.timeout =
      std::chrono::seconds(std::max<std::int64_t>(1, config.get_int("read_timeout")));
  retry_.retries = static_cast<int>(std::max<std::int64_t>(0, config.get_int("max_attempts")));
  page_size_ =
      static_cast<int>(std::clamp<std::int64_t>(config.get_int("page_size"), 1, kMaxPageSize));
}

std::shared_ptr<S3Client> S3DataSource::client() {
  if (client_) return client_;
  const auto& config = configuration();
  std::optional<ResolvedCredentials> credentials =
      resolve_aws_credentials(optional_string(config, "access_key_id"),
                              optional_string(config, "secret_access_key"), environment_);
  if (!credentials) {
    throw source::SourceError(
        "No AWS credentials found: set the connector's access key ID and secret access key, "
        "or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a [default] profile in "
        "~/.aws/credentials");
  }
  core::log().debug("S3: credentials from {}", credentials->origin);
  http::ClientOptions options;
  options.connect_timeout =
      std::chrono::seconds(std::max<std::int64_t>(1, config.get_int("connect_timeout")));
  options.request_timeout = settings_.timeout;
  // Downloads are at most 10 MiB by the listing's size; an object that grew since is refused.
  options.max_response_bytes = std::size_t{64} * 1024 * 1024;
  auto http_client = std::make_shared<http::Client>(executor_, options);
  client_ = std::make_shared<S3Client>(http::RetryingSender(std::move(http_client), retry_, "S3"),
                                       std::move(credentials->credentials), settings_);
  return client_;
}

asio::awaitable<void> S3DataSource::validate_config() {
  co_await DataSource::validate_config();
  const auto& config = configuration();
  if (config.get_int("page_size") < 1) {
    throw source::ConfigurableFieldValueError(
        "Field validation errors: 'Maximum size of page' value '" +
        std::to_string(config.get_int("page_size")) + "' should be greater than 0.");
  }
  if (!settings_.endpoint.empty()) {
    // A malformed endpoint is named now, not at the first request.
    try {
      s3_address(settings_, "", "", "", {});
    } catch (const core::Error& error) {
      throw source::ConfigurableFieldValueError(error.what());
    }
  }
}

asio::awaitable<void> S3DataSource::ping() {
  auto listing = client()->list_buckets();
  co_await std::move(listing);
}

asio::awaitable<void> S3DataSource::get_docs(source::DocumentSink& sink,
                                             const protocol::Filter& /*filter*/) {
  const std::shared_ptr<S3Client> s3 = client();
  std::vector<std::string> buckets = configuration().get_list("buckets");
  if (buckets.size() == 1 && buckets[0] == "*") {
    auto listing = s3->list_buckets();
    buckets = co_await std::move(listing);
  }
  for (const std::string& bucket : buckets) {
    if (bucket.empty()) continue;
    std::string region;
    try {
      auto locating = s3->bucket_location(bucket);
      region = co_await std::move(locating);
    } catch (const S3Error& error) {
      // As the reference: the default region then (the listing names a missing bucket).
      core::log().warn("Cannot read the region of bucket {}: {}", bucket, error.what());
    }
    std::string marker;
    for (;;) {
      S3ObjectPage page;
      try {
        auto listing = s3->list_objects(bucket, region, marker, page_size_);
        page = co_await std::move(listing);
      } catch (const S3Error& error) {
        // The reference logged this and went on, so the bucket's documents were deleted as
        // vanished. Here the sync goes on with the other buckets and deletes nothing.
        sink.unreadable("s3://" + bucket, error.what());
        break;
      }
      for (const S3Object& object : page.objects) {
        json::object document = make_document(bucket, object);
        const std::string id(document.at("_id").get_string());
        source::SourceDocument emitted{
            std::move(document), [s3, bucket, region, key = object.key, id, size = object.size](
                                     bool doit, std::optional<std::string> timestamp) {
              if (!doit) return source::no_download();
              return download(s3, bucket, region, key, id, size, std::move(timestamp));
            }};
        auto emitting = sink.emit(std::move(emitted));
        co_await std::move(emitting);
      }
      if (!page.next_marker) break;
      marker = std::move(*page.next_marker);
    }
  }
}

json::object S3DataSource::make_document(const std::string& bucket, const S3Object& object) {
  constexpr std::size_t kCapacity = 12;  // room for the framework's fields
  return json::object(
      {
          {"_id", core::md5_hex(bucket + "/" + object.key)},
          {"filename", object.key},
          {"size_in_bytes", object.size},
          {"bucket", bucket},
          {"owner", object.owner},
          {"storage_class", object.storage_class},
          {"_timestamp", timestamp_of(object.last_modified)},
      },
      kCapacity);
}

}  // namespace ei::sources
