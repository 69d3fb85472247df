// One conformance suite for every built-in source (Vector's component compliance tests are
// the model): what holds for any source, checked without a server. A source is covered by
// the descriptor checks as soon as it is registered; the behaviour checks run for the
// sources that have a backend below (a local or fake one, never a server).
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "numbers_source.hpp"
#include "source/config_field.hpp"
#include "source/data_source.hpp"
#include "source/errors.hpp"
#include "source/source_registry.hpp"
#include "sources/builtin_registry.hpp"
#include "sources/google_cloud_storage/google_cloud_storage_data_source.hpp"
#include "sources/mssql/mssql_data_source.hpp"
#include "sources/mysql/mysql_data_source.hpp"
#include "sources/oracle/oracle_data_source.hpp"
#include "sources/postgresql/postgresql_data_source.hpp"
#include "sources/s3/s3_data_source.hpp"
#include "sources/sql/sql_connection.hpp"
#include "sources/sql/sql_error.hpp"
#include "support/http_test_server.hpp"
#include "support/memory_index.hpp"
#include "support/memory_source.hpp"
#include "sync/sync_engine.hpp"
#include "unit/source/test_support.hpp"
#include "unit/sources/directory/temp_tree.hpp"

namespace ei::sources {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using source::DataSourceConfiguration;

// The backend of the throw-away source below, shared by every instance the registry makes.
std::shared_ptr<ei::testing::MemoryBackend> throwaway_backend() {
  static const auto backend = [] {
    auto made = std::make_shared<ei::testing::MemoryBackend>();
    made->put(0, 30, "2026-12-01T10:00:00+00:00");
    for (std::size_t n = 0; n < 30; n += 3) made->with_content.insert(made->id(n));
    return made;
  }();
  return backend;
}

// The built-ins, the example source of docs/writing-a-source.md, and a throw-away source
// written for this test, each added by the one call that adds a built-in: a new source is
// covered by everything below as soon as it is registered.
const source::SourceRegistry& registry() {
  static const source::SourceRegistry all = [] {
    source::SourceRegistry built = builtin_registry();
    built.add(examples::NumbersSource::descriptor_ptr(),
              [](DataSourceConfiguration configuration,
                 const source::SourceContext& context) -> std::unique_ptr<source::DataSource> {
                return std::make_unique<examples::NumbersSource>(std::move(configuration), context);
              });
    built.add(ei::testing::MemorySource::descriptor_ptr("throwaway"),
              [](DataSourceConfiguration configuration,
                 const source::SourceContext&) -> std::unique_ptr<source::DataSource> {
                return std::make_unique<ei::testing::MemorySource>(
                    ei::testing::MemorySource::descriptor_ptr("throwaway"),
                    std::move(configuration), throwaway_backend());
              });
    return built;
  }();
  return all;
}

// A backend holding `documents()` documents, and the stored configuration that reaches it.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual json::object configuration() = 0;
  virtual std::size_t documents() const = 0;
  // Makes every document's content unreachable: a download that does work then fails.
  virtual void remove_content() = 0;
  virtual bool has_downloads() const { return true; }
  // The source over this backend; by default the registry's factory.
  virtual std::unique_ptr<source::DataSource> create(const source::SourceType& type,
                                                     DataSourceConfiguration configuration,
                                                     const source::SourceContext& context) {
    return type.create(std::move(configuration), context);
  }
};

// `dir`: a temporary tree, files in nested folders, some with supported extensions.
class DirectoryBackend : public Backend {
 public:
  DirectoryBackend() {
    for (int i = 0; i < kFiles; ++i) {
      tree_.file("level" + std::to_string(i % 3) + "/sub/file" + std::to_string(i) +
                     (i % 2 == 0 ? ".txt" : ".bin"),
                 "content " + std::to_string(i));
    }
  }
  json::object configuration() override {
    return json::object{{"directory", json::object{{"value", tree_.root()}}},
                        {"pattern", json::object{{"value", "**/*.*"}}}};
  }
  std::size_t documents() const override { return kFiles; }
  void remove_content() override {
    for (const auto& entry : std::filesystem::directory_iterator(tree_.root())) {
      std::filesystem::remove_all(entry.path());
    }
  }

 private:
  static constexpr int kFiles = 50;
  testing::TempTree tree_;
};

// A fake SQL server holding one table, items(id, name), of `kRows` rows: it answers the
// catalogue and data queries of the PostgreSQL and MySQL sources by what they ask for, and
// refuses anything else (so a new query shows up here as a failure, not a silent pass).
class FakeSqlConnection : public sql::SqlConnection {
 public:
  static constexpr std::int64_t kRows = 40;

  asio::awaitable<void> connect() override {
    connected_ = true;
    co_return;
  }
  bool reusable() const override { return connected_ && rows_.empty(); }
  asio::awaitable<std::vector<std::string>> start_query(std::string query) override {
    rows_.clear();
    const auto has = [&](std::string_view text) { return query.find(text) != std::string::npos; };
    const auto one = [&](sql::SqlValue value) { rows_.push_back(sql::SqlRow{std::move(value)}); };
    std::vector<std::string> columns{"value"};
    if (has("information_schema.schemata")) {
      one(std::string("public"));
    } else if (has("pg_xact_commit_timestamp") || has("UPDATE_TIME") ||
               has("dm_db_index_usage_stats") || has("SCN_TO_TIMESTAMP")) {
      // A fixed last update: without one a SQL source stamps its rows with the time of the
      // sync (spec §4.4), and no sync is ever a no-op.
      one(*core::parse_iso_datetime("2026-12-01 10:00:00"));
    } else if (has("COUNT(*)")) {
      one(kRows);
    } else if (has("PRIMARY KEY") || has("COLUMN_KEY = 'PRI'") || has("constraint_type = 'P'")) {
      one(std::string("id"));
    } else if (has("table_name FROM information_schema.tables") ||
               has("TABLE_NAME FROM INFORMATION_SCHEMA.TABLES") ||
               has("TABLE_NAME FROM all_tables")) {
      one(std::string("items"));
    } else if (has("SELECT * FROM")) {
      columns = {"id", "name"};
      for (std::int64_t i = 1; i <= kRows; ++i) {
        rows_.push_back(sql::SqlRow{i, std::string("item ") + std::to_string(i)});
      }
    } else if (has("SELECT 1 FROM") || has("SELECT 1+1")) {
      one(std::int64_t{2});
    } else if (query.starts_with("USE ")) {
      columns.clear();
    } else {
      throw sql::SqlError(sql::SqlError::Kind::programming, "unexpected query: " + query);
    }
    co_return columns;
  }
  asio::awaitable<std::vector<sql::SqlRow>> fetch(std::size_t max_rows) override {
    std::vector<sql::SqlRow> batch;
    while (!rows_.empty() && batch.size() < max_rows) {
      batch.push_back(std::move(rows_.front()));
      rows_.pop_front();
    }
    co_return batch;
  }
  asio::awaitable<void> ping() override { co_return; }
  asio::awaitable<void> close() override {
    connected_ = false;
    co_return;
  }

 private:
  bool connected_ = false;
  std::deque<sql::SqlRow> rows_;
};

// `Source` with its connections made to the fake server.
template <typename Source>
class OnFakeServer : public Source {
 public:
  using Source::Source;

 protected:
  std::unique_ptr<sql::SqlConnection> make_connection() override {
    return std::make_unique<FakeSqlConnection>();
  }
};

template <typename Source>
class FakeSqlBackend : public Backend {
 public:
  // The user name's key: `user` for MySQL, `username` for the generic SQL sources.
  explicit FakeSqlBackend(std::string user_key) : user_key_(std::move(user_key)) {}

  json::object configuration() override {
    return json::object{{"host", json::object{{"value", "fake.invalid"}}},
                        {"database", json::object{{"value", "shop"}}},
                        {user_key_, json::object{{"value", "u"}}},
                        {"password", json::object{{"value", "p"}}},
                        {"tables", json::object{{"value", "*"}}}};
  }
  std::size_t documents() const override { return FakeSqlConnection::kRows; }
  void remove_content() override {}
  bool has_downloads() const override { return false; }
  std::unique_ptr<source::DataSource> create(const source::SourceType&,
                                             DataSourceConfiguration configuration,
                                             const source::SourceContext& context) override {
    return std::make_unique<OnFakeServer<Source>>(std::move(configuration), context);
  }

 private:
  std::string user_key_;
};

// The example source of docs/writing-a-source.md: its backend is its configuration.
class NumbersBackend : public Backend {
 public:
  json::object configuration() override {
    return json::object{{"count", json::object{{"value", 25}}}};
  }
  std::size_t documents() const override { return 25; }
  void remove_content() override {}
  std::unique_ptr<source::DataSource> create(const source::SourceType&,
                                             DataSourceConfiguration configuration,
                                             const source::SourceContext& context) override {
    return std::make_unique<examples::NumbersSource>(std::move(configuration), context);
  }
};

// The throw-away source: its backend is a map in memory.
class ThrowawayBackend : public Backend {
 public:
  json::object configuration() override { return {}; }
  std::size_t documents() const override { return throwaway_backend()->documents.size(); }
  void remove_content() override {
    // Downloads of doit=true fail from now on; doit=false must not notice.
    for (const auto& [id, timestamp] : throwaway_backend()->documents) {
      throwaway_backend()->failing_downloads.insert(id);
    }
  }
  ~ThrowawayBackend() override { throwaway_backend()->failing_downloads.clear(); }
};

// One fake server for the three object stores, each on its path-style API: S3 at /conf,
// Azure at /acct, Google's JSON API at /storage/v1 with a token endpoint at /token. It holds
// bucket (container) `conf` with kObjects text objects; remove_content() makes their
// downloads fail (404) while the listings still answer.
class FakeObjectStore {
 public:
  static constexpr int kObjects = 30;

  FakeObjectStore()
      : server_([this](const http::test::TestServer::Received& request) {
          http::test::TestServer::Reply reply;
          reply.body = answer(request.target, reply.status);
          return reply;
        }) {}

  std::string url(const std::string& path) const { return server_.url(path); }
  void remove_content() { content_gone_ = true; }

 private:
  static std::string name(int i) {
    return "dir" + std::to_string(i % 3) + "/f" + std::to_string(i) + ".txt";
  }

  std::string answer(const std::string& target, unsigned& status) {
    const auto object_download = [&](const std::string& prefix) -> std::optional<std::string> {
      for (int i = 0; i < kObjects; ++i) {
        if (target.starts_with(prefix + name(i))) {
          if (content_gone_) {
            status = 404;
            return std::string("<Error><Code>NoSuchKey</Code></Error>");
          }
          return "content " + std::to_string(i);
        }
      }
      return std::nullopt;
    };
    if (target == "/token") {
      return R"({"access_token": "t", "expires_in": 3600, "token_type": "Bearer"})";
    }
    if (target == "/" || target.starts_with("/?")) {  // S3 ListBuckets (ping)
      return "<ListAllMyBucketsResult><Buckets><Bucket><Name>conf</Name></Bucket></Buckets>"
             "</ListAllMyBucketsResult>";
    }
    if (target.starts_with("/conf?location")) return "<LocationConstraint/>";
    if (target.starts_with("/conf?")) {
      std::string body = "<ListBucketResult><IsTruncated>false</IsTruncated>";
      for (int i = 0; i < kObjects; ++i) {
        body += "<Contents><Key>" + name(i) + "</Key><LastModified>2024-01-01T00:00:0" +
                std::to_string(i % 10) + ".000Z</LastModified><Size>10</Size>" +
                "<StorageClass>STANDARD</StorageClass></Contents>";
      }
      return body + "</ListBucketResult>";
    }
    if (target.starts_with("/acct/?restype=account")) return "";
    if (target.starts_with("/acct/?comp=list")) {
      return "<EnumerationResults><Containers><Container><Name>conf</Name></Container>"
             "</Containers></EnumerationResults>";
    }
    if (target.starts_with("/acct/conf?")) {
      std::string body = "<EnumerationResults><Blobs>";
      for (int i = 0; i < kObjects; ++i) {
        body += "<Blob><Name>" + name(i) + "</Name><Properties><Last-Modified>Mon, 01 Jan 2024 " +
                "00:00:0" + std::to_string(i % 10) + " GMT</Last-Modified>" +
                "<Content-Length>10</Content-Length></Properties></Blob>";
      }
      return body + "</Blobs></EnumerationResults>";
    }
    if (target.starts_with("/storage/v1/b?")) return R"({"items": [{"id": "conf"}]})";
    if (target.starts_with("/storage/v1/b/conf/o?")) {
      json::array items;
      for (int i = 0; i < kObjects; ++i) {
        items.push_back(json::object{{"id", "conf/" + name(i)},
                                     {"name", name(i)},
                                     {"bucket", "conf"},
                                     {"size", "10"},
                                     {"updated", "2024-01-01T00:00:00.000Z"}});
      }
      return json::serialize(json::object{{"items", items}});
    }
    if (auto content = object_download("/conf/")) return *content;
    if (auto content = object_download("/acct/conf/")) return *content;
    std::string encoded = target;  // GCS: the object name is one encoded segment
    for (std::size_t at; (at = encoded.find("%2F")) != std::string::npos;)
      encoded.replace(at, 3, "/");
    for (int i = 0; i < kObjects; ++i) {
      if (encoded.starts_with("/storage/v1/b/conf/o/" + name(i) + "?alt=media")) {
        if (content_gone_) {
          status = 404;
          return R"({"error": {"code": 404, "message": "gone"}})";
        }
        return "content " + std::to_string(i);
      }
    }
    status = 404;
    return "";
  }

  std::atomic<bool> content_gone_{false};
  http::test::TestServer server_;
};

// A throw-away RSA key for the GCS service account of the fake (made once per run).
const std::string& fake_service_account_key() {
  static const std::string pem = [] {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
  }();
  return pem;
}

// `s3`, `azure_blob_storage`, `google_cloud_storage` over the fake.
class ObjectStoreBackend : public Backend {
 public:
  explicit ObjectStoreBackend(std::string type) : type_(std::move(type)) {}

  json::object configuration() override {
    const auto value = [](const auto& v) { return json::object{{"value", json::value_from(v)}}; };
    if (type_ == "s3") {
      return json::object{{"buckets", value("conf")},
                          {"endpoint", value(store_.url(""))},
                          {"access_key_id", value("AKIDCONF")},
                          {"secret_access_key", value("secret")},
                          {"max_attempts", value(0)}};
    }
    if (type_ == "azure_blob_storage") {
      return json::object{{"blob_endpoint", value(store_.url("/acct"))}, {"retry_count", value(0)}};
    }
    return json::object{
        {"service_account_credentials",
         value(json::serialize(json::object{{"project_id", "conf"},
                                            {"client_email", "c@conf.iam.gserviceaccount.com"},
                                            {"private_key", fake_service_account_key()},
                                            {"token_uri", store_.url("/token")}}))},
        {"retry_count", value(0)}};
  }
  std::size_t documents() const override { return FakeObjectStore::kObjects; }
  void remove_content() override { store_.remove_content(); }
  std::unique_ptr<source::DataSource> create(const source::SourceType& type,
                                             DataSourceConfiguration configuration,
                                             const source::SourceContext& context) override {
    const std::string root = store_.url("");
    const auto environment = [root](const std::string& name) -> std::optional<std::string> {
      if (name == "STORAGE_EMULATOR_HOST") return root;
      return std::nullopt;
    };
    if (type_ == "s3") {
      return std::make_unique<S3DataSource>(std::move(configuration), context, environment);
    }
    if (type_ == "google_cloud_storage") {
      return std::make_unique<GoogleCloudStorageDataSource>(std::move(configuration), context,
                                                            environment);
    }
    return type.create(std::move(configuration), context);
  }

 private:
  std::string type_;
  FakeObjectStore store_;
};

// The backends of the sources the behaviour checks cover.
const std::map<std::string, std::function<std::unique_ptr<Backend>()>>& backends() {
  static const std::map<std::string, std::function<std::unique_ptr<Backend>()>> all{
      {"azure_blob_storage",
       [] { return std::make_unique<ObjectStoreBackend>("azure_blob_storage"); }},
      {"dir", [] { return std::make_unique<DirectoryBackend>(); }},
      {"google_cloud_storage",
       [] { return std::make_unique<ObjectStoreBackend>("google_cloud_storage"); }},
      {"s3", [] { return std::make_unique<ObjectStoreBackend>("s3"); }},
      {"postgresql",
       [] { return std::make_unique<FakeSqlBackend<PostgreSqlDataSource>>("username"); }},
      {"mysql", [] { return std::make_unique<FakeSqlBackend<MySqlDataSource>>("user"); }},
      {"mssql", [] { return std::make_unique<FakeSqlBackend<MsSqlDataSource>>("username"); }},
      {"oracle", [] { return std::make_unique<FakeSqlBackend<OracleDataSource>>("username"); }},
      {"numbers", [] { return std::make_unique<NumbersBackend>(); }},
      {"throwaway", [] { return std::make_unique<ThrowawayBackend>(); }},
  };
  return all;
}

// The schema as the service stores it in a new connector, with `values` over it.
json::object stored_defaults(const source::SourceType& type, const json::object& values = {}) {
  json::object stored = type.descriptor->default_configuration.to_json();
  for (const auto& [key, value] : values) {
    if (!stored.contains(key)) {
      ADD_FAILURE() << type.descriptor->service_type << " declares no field '" << key << "'";
      continue;
    }
    if (const json::object* entry = value.if_object()) {
      for (const auto& [property, setting] : *entry) stored[key].as_object()[property] = setting;
    }
  }
  return stored;
}

// --- Every registered source ------------------------------------------------------------------

class SourceDescriptorConformance : public ::testing::TestWithParam<std::string> {
 protected:
  const source::SourceType& type() const { return *registry().find(GetParam()); }
};

// What the service writes into a connector reads back as the same declaration.
TEST_P(SourceDescriptorConformance, TheSchemaRoundTrips) {
  const json::object schema = type().descriptor->default_configuration.to_json();
  ASSERT_FALSE(schema.empty());
  for (const auto& [key, entry] : schema) {
    const source::ConfigField field =
        source::ConfigField::from_json(std::string(key), entry.as_object());
    EXPECT_EQ(json::value(field.to_json()), entry) << key;
  }
}

// The factory does no I/O: a connector's schema is shown without reaching any backend.
TEST_P(SourceDescriptorConformance, TheFactoryDoesNoIoAndTheDefaultsAreComplete) {
  source::testing::Loop loop;
  auto instance =
      type().create(DataSourceConfiguration(json::value(stored_defaults(type()))), loop.context());
  ASSERT_NE(instance, nullptr);
  EXPECT_EQ(instance->service_type(), GetParam());
  EXPECT_EQ(loop.io.poll(), 0u) << "the constructor queued work on the event loop";
  EXPECT_NO_THROW(instance->validate_config_fields());
}

// A declared field with a wrong value is named in the error, whatever the source.
TEST_P(SourceDescriptorConformance, RequiredEmptyFieldsAreNamed) {
  const json::object schema = type().descriptor->default_configuration.to_json();
  json::object emptied;
  std::string required_label;
  for (const auto& [key, entry] : schema) {
    const json::object& properties = entry.as_object();
    if (properties.at("required").as_bool() && properties.at("type") == "str" &&
        properties.at("depends_on").as_array().empty() && required_label.empty()) {
      emptied[key] = json::object{{"value", ""}};
      required_label = std::string(properties.at("label").as_string());
    }
  }
  if (required_label.empty()) return;  // nothing required to empty: nothing to check
  source::testing::Loop loop;
  auto instance = type().create(
      DataSourceConfiguration(json::value(stored_defaults(type(), emptied))), loop.context());
  try {
    loop.run(instance->validate_config());
    ADD_FAILURE() << "an empty required field validated";
  } catch (const source::ConfigurationError& error) {
    EXPECT_NE(std::string(error.what()).find("'" + required_label + "' cannot be empty"),
              std::string::npos)
        << error.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Builtin, SourceDescriptorConformance,
                         ::testing::ValuesIn(registry().service_types()),
                         [](const auto& info) { return info.param; });

// --- Sources with a backend -------------------------------------------------------------------

std::vector<std::string> with_backends() {
  std::vector<std::string> types;
  for (const auto& [type, make] : backends()) types.push_back(type);
  return types;
}

class SourceBehaviourConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_NE(registry().find(GetParam()), nullptr) << GetParam() << " is not registered";
    backend_ = backends().at(GetParam())();
  }

  std::unique_ptr<source::DataSource> make() {
    const source::SourceType& type = *registry().find(GetParam());
    return backend_->create(
        type,
        DataSourceConfiguration(json::value(stored_defaults(type, backend_->configuration()))),
        loop_.context());
  }

  source::testing::Loop loop_;
  std::unique_ptr<Backend> backend_;
};

TEST_P(SourceBehaviourConformance, EveryDocumentHasAUniqueStringIdAndATimestamp) {
  auto instance = make();
  loop_.run(instance->validate_config());
  loop_.run(instance->ping());
  source::testing::MemorySink sink;
  loop_.run(instance->get_docs(sink, protocol::Filter()));
  loop_.run(instance->close());
  ASSERT_EQ(sink.documents.size(), backend_->documents());
  std::set<std::string> ids;
  for (const auto& emitted : sink.documents) {
    const json::value* id = emitted.document.if_contains("_id");
    ASSERT_NE(id, nullptr) << json::serialize(emitted.document);
    ASSERT_TRUE(id->is_string()) << json::serialize(emitted.document);
    EXPECT_TRUE(ids.insert(std::string(id->as_string())).second) << "duplicate id " << *id;
    const json::value* timestamp = emitted.document.if_contains("_timestamp");
    ASSERT_NE(timestamp, nullptr) << json::serialize(emitted.document);
    EXPECT_TRUE(timestamp->is_string()) << json::serialize(emitted.document);
  }
  EXPECT_TRUE(sink.unreadable_parts.empty());
}

// doit=false (an unchanged document) returns nothing without touching the backend: it
// still answers once the content is gone.
TEST_P(SourceBehaviourConformance, SkippedDownloadsDoNoWork) {
  auto instance = make();
  source::testing::MemorySink sink;
  loop_.run(instance->get_docs(sink, protocol::Filter()));
  loop_.run(instance->close());
  backend_->remove_content();
  std::size_t with_download = 0;
  for (auto& emitted : sink.documents) {
    if (!emitted.download) continue;
    ++with_download;
    const json::value* timestamp = emitted.document.if_contains("_timestamp");
    std::optional<std::string> text;
    if (timestamp != nullptr && timestamp->is_string()) text = std::string(timestamp->as_string());
    EXPECT_EQ(loop_.run(emitted.download(false, text)), std::nullopt);
  }
  if (backend_->has_downloads()) {
    EXPECT_GT(with_download, 0u) << "no document had a download to check";
  } else {
    EXPECT_EQ(with_download, 0u);
  }
}

// The engine stops a source by making emit throw (a cancel, a failure): get_docs ends at
// once with that error, emits nothing more, and close() still works.
TEST_P(SourceBehaviourConformance, AStoppedSinkStopsTheSourcePromptlyAndCloseStillWorks) {
  auto instance = make();
  source::testing::MemorySink sink;
  sink.limit = 3;
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(loop_.run(instance->get_docs(sink, protocol::Filter())), std::exception);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(sink.documents.size(), 3u);
  EXPECT_NO_THROW(loop_.run(instance->close()));
}

// Through the sync engine, into an in-memory index (no server): every document is indexed
// under its id, and a second sync over the same backend sends nothing.
TEST_P(SourceBehaviourConformance, SyncsThroughTheEngineAndTheNextSyncIsANoOp) {
  ei::testing::MemoryIndex index;
  const auto sync_once = [&] {
    auto instance = make();
    sync::SyncEngineOptions options;
    options.index = "search-conformance";
    options.bulk.display_every = 0;
    sync::SyncEngine engine(index, index, *instance, options);
    sync::SyncResult result = loop_.run(engine.run());
    loop_.run(instance->close());
    return result;
  };
  const sync::SyncResult first = sync_once();
  EXPECT_FALSE(first.fetch_error) << first.fetch_error.value_or("");
  EXPECT_EQ(first.counters.rejected_items, 0u);
  EXPECT_EQ(first.counters.indexed_document_count, backend_->documents());
  EXPECT_EQ(index.documents.size(), backend_->documents());
  for (const auto& [id, document] : index.documents) {
    EXPECT_EQ(document.at("id"), json::value(id));
    EXPECT_TRUE(document.contains("_timestamp")) << id;
  }
  const std::size_t operations = index.bulk_operations;
  const sync::SyncResult second = sync_once();
  EXPECT_FALSE(second.fetch_error) << second.fetch_error.value_or("");
  EXPECT_EQ(second.counters.unchanged, backend_->documents());
  EXPECT_EQ(index.bulk_operations, operations);
}

INSTANTIATE_TEST_SUITE_P(Builtin, SourceBehaviourConformance, ::testing::ValuesIn(with_backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ei::sources
