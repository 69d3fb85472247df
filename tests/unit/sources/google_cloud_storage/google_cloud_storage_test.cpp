// The service-account JSON, the spec's document, and the source against a fake JSON API and
// token endpoint: page tokens, the cached token, a refused bucket listing and the download
// rules. (The end-to-end suite verifies the JWT's signature with OpenSSL.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <atomic>
#include <mutex>

#include "core/base64.hpp"
#include "source/errors.hpp"
#include "sources/google_cloud_storage/google_cloud_storage_data_source.hpp"
#include "sources/google_cloud_storage/service_account.hpp"
#include "support/http_test_server.hpp"
#include "unit/source/test_support.hpp"

namespace ei::sources {
namespace {

namespace json = boost::json;
using http::test::TestServer;

// A throw-away RSA key, made for this run.
const std::string& test_key() {
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

std::string account_json(const std::string& token_uri, bool one_line = false) {
  std::string key = test_key();
  if (one_line) {
    for (char& c : key) c = c == '\n' ? ' ' : c;
  }
  return json::serialize(json::object{{"type", "service_account"},
                                      {"project_id", "proj"},
                                      {"private_key", key},
                                      {"client_email", "a@proj.iam.gserviceaccount.com"},
                                      {"token_uri", token_uri}});
}

TEST(ServiceAccount, ReadsTheFieldsAndRepairsAOneLineKey) {
  const ServiceAccount account = parse_service_account(account_json("http://t/token", true));
  EXPECT_EQ(account.project_id, "proj");
  EXPECT_EQ(account.client_email, "a@proj.iam.gserviceaccount.com");
  EXPECT_EQ(account.token_uri, "http://t/token");
  EXPECT_EQ(account.private_key + "\n", test_key());  // the key file's last newline was a space
  try {
    parse_service_account("[1, 2]");
    FAIL() << "an array was read as a service account";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_STREQ(error.what(), "Google Cloud service account is not a valid JSON.");
  }
  try {
    parse_service_account(R"({"project_id": "p", "client_email": "e", "private_key": "k"})");
    FAIL() << "a service account without token_uri was read";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("'token_uri'"));
  }
}

TEST(GcsDocument, TheSpecsFieldsAndTheConsoleUrl) {
  const json::object resource = json::parse(R"({
    "kind": "storage#object", "id": "b/dir/it's a file.txt/17", "name": "dir/it's a file.txt",
    "bucket": "b", "generation": "17", "contentType": "text/plain", "size": "42",
    "storageClass": "STANDARD", "timeCreated": "2011-10-12T00:00:00.000Z",
    "updated": "2011-10-12T00:01:00.000Z", "metadata": {"k": "v"}, "componentCount": 2})")
                                    .as_object();
  const json::object document = GoogleCloudStorageDataSource::make_document(resource, "proj");
  EXPECT_EQ(document.at("_id"), "b/dir/it's a file.txt/17");
  EXPECT_EQ(document.at("_timestamp"), "2011-10-12T00:01:00.000Z");
  EXPECT_EQ(document.at("last_updated"), "2011-10-12T00:01:00.000Z");
  EXPECT_EQ(document.at("created_at"), "2011-10-12T00:00:00.000Z");
  EXPECT_EQ(document.at("size"), "42");
  EXPECT_EQ(document.at("version"), "17");
  EXPECT_EQ(document.at("type"), "text/plain");
  EXPECT_EQ(document.at("bucket_name"), "b");
  EXPECT_EQ(document.at("component_count"), json::value(2));
  EXPECT_EQ(document.at("metadata"), json::parse(R"({"k": "v"})"));
  EXPECT_TRUE(document.at("content_encoding").is_null());
  EXPECT_TRUE(document.at("content_language").is_null());
  EXPECT_EQ(document.at("url"),
            "https://console.cloud.google.com/storage/browser/_details/b/"
            "dir%2Fit's%20a%20file.txt;tab=live_object?project=proj");
}

// A fake JSON API and token endpoint: buckets `one` (two pages) and `denied` (403).
class FakeGcs {
 public:
  FakeGcs()
      : server_([this](const TestServer::Received& request) {
          std::lock_guard lock(mutex_);
          targets_.push_back(request.target);
          TestServer::Reply made;
          made.headers = {{"Content-Type", "application/json"}};
          if (request.target == "/token") {
            ++tokens_;
            made.body = R"({"access_token": "tok", "expires_in": 3600, "token_type": "Bearer"})";
            return made;
          }
          if (request.header("Authorization") != "Bearer tok") {
            made.status = 401;
            made.body = R"({"error": {"code": 401, "message": "Invalid Credentials"}})";
            return made;
          }
          made.body = answer(request.target, made.status);
          return made;
        }) {}
  std::string url(const std::string& path) const { return server_.url(path); }
  int tokens() {
    std::lock_guard lock(mutex_);
    return tokens_;
  }
  std::vector<std::string> targets() {
    std::lock_guard lock(mutex_);
    return targets_;
  }

 private:
  static std::string object(const std::string& name, const std::string& size) {
    return json::serialize(json::object{{"id", "one/" + name},
                                        {"name", name},
                                        {"bucket", "one"},
                                        {"size", size},
                                        {"updated", "2023-01-01T00:00:00.000Z"}});
  }
  std::string answer(const std::string& target, unsigned& status) {
    if (target.starts_with("/storage/v1/b?")) {
      return R"({"items": [{"id": "one", "name": "one"}, {"id": "denied", "name": "denied"}]})";
    }
    if (target.starts_with("/storage/v1/b/one/o?") &&
        target.find("pageToken=p2") == std::string::npos) {
      return R"({"items": [)" + object("a.txt", "5") + "," + object("empty.txt", "0") +
             R"(], "nextPageToken": "p2"})";
    }
    if (target.starts_with("/storage/v1/b/one/o?")) {
      return R"({"items": [)" + object("big.pdf", "10485761") + "," + object("c.bin", "3") + "]}";
    }
    if (target.starts_with("/storage/v1/b/denied/o")) {
      status = 403;
      return R"({"error": {"code": 403, "message": "a@proj does not have storage.objects.list access"}})";
    }
    if (target.starts_with("/storage/v1/b/one/o/a.txt?alt=media")) return "hello";
    status = 404;
    return R"({"error": {"code": 404, "message": "No such object"}})";
  }

  std::mutex mutex_;
  int tokens_ = 0;
  std::vector<std::string> targets_;
  TestServer server_;
};

class GcsSourceTest : public ::testing::Test {
 protected:
  std::unique_ptr<GoogleCloudStorageDataSource> make_source(const std::string& credentials,
                                                            json::value buckets = "*") {
    json::object stored =
        GoogleCloudStorageDataSource::descriptor_ptr()->default_configuration.to_json();
    stored["service_account_credentials"].as_object()["value"] = credentials;
    stored["buckets"].as_object()["value"] = buckets;
    stored["retry_count"].as_object()["value"] = 0;
    const std::string root = fake_.url("");
    return std::make_unique<GoogleCloudStorageDataSource>(
        source::DataSourceConfiguration(json::value(stored)), loop_.context(),
        [root](const std::string& name) -> std::optional<std::string> {
          if (name == "STORAGE_EMULATOR_HOST") return root + "/";
          return std::nullopt;
        });
  }
  FakeGcs fake_;
  source::testing::Loop loop_;
};

TEST_F(GcsSourceTest, FollowsPageTokensWithOneTokenAndReportsARefusedBucket) {
  auto source = make_source(account_json(fake_.url("/token")));
  loop_.run(source->validate_config());
  loop_.run(source->ping());
  source::testing::MemorySink sink;
  loop_.run(source->get_docs(sink, protocol::Filter()));
  ASSERT_EQ(sink.documents.size(), 4u);
  ASSERT_EQ(sink.unreadable_parts.size(), 1u);
  EXPECT_EQ(sink.unreadable_parts[0].first, "gs://denied");
  EXPECT_THAT(sink.unreadable_parts[0].second,
              ::testing::HasSubstr("objects.list of bucket denied failed: HTTP 403 a@proj does not "
                                   "have storage.objects.list access"));
  std::map<std::string, std::optional<json::object>> contents;
  for (auto& emitted : sink.documents) {
    contents[std::string(emitted.document.at("name").as_string())] =
        loop_.run(emitted.download(true, std::nullopt));
  }
  ASSERT_TRUE(contents["a.txt"]);
  EXPECT_EQ(contents["a.txt"]->at("_attachment"), json::value(core::base64_encode("hello")));
  EXPECT_FALSE(contents["empty.txt"]);
  EXPECT_FALSE(contents["big.pdf"]);
  EXPECT_FALSE(contents["c.bin"]);
  EXPECT_EQ(fake_.tokens(), 1);
}

TEST_F(GcsSourceTest, ConfiguredBucketsAreListedWithoutBucketsListAndAMissingOneIsNamed) {
  auto source = make_source(account_json(fake_.url("/token")), json::array{"one", "missing"});
  source::testing::MemorySink sink;
  loop_.run(source->get_docs(sink, protocol::Filter()));
  EXPECT_EQ(sink.documents.size(), 4u);
  ASSERT_EQ(sink.unreadable_parts.size(), 1u);
  EXPECT_EQ(sink.unreadable_parts[0].first, "gs://missing");
  EXPECT_THAT(sink.unreadable_parts[0].second, ::testing::HasSubstr("HTTP 404"));
  for (const std::string& target : fake_.targets()) {
    EXPECT_FALSE(target.starts_with("/storage/v1/b?")) << "buckets.list was called: " << target;
    // The page size is asked, never left to the server (one page must stay small).
    if (target.starts_with("/storage/v1/b/one/o?")) {
      EXPECT_NE(target.find("maxResults=1000"), std::string::npos) << target;
    }
  }
}

TEST_F(GcsSourceTest, AnUnreadableKeyIsNamed) {
  auto source = make_source(json::serialize(json::object{{"project_id", "p"},
                                                         {"client_email", "e"},
                                                         {"private_key", "not a key"},
                                                         {"token_uri", fake_.url("/token")}}));
  EXPECT_THROW(loop_.run(source->ping()), core::Error);
  EXPECT_EQ(fake_.tokens(), 0);
}

}  // namespace
}  // namespace ei::sources
