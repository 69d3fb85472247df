// The S3 source against a fake S3 answering as AWS documents it: the calls it makes, its
// paging, regions, errors and downloads, without a server install (MinIO runs the end-to-end
// suite).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "core/base64.hpp"
#include "core/hash.hpp"
#include "source/errors.hpp"
#include "sources/s3/s3_data_source.hpp"
#include "support/http_test_server.hpp"
#include "unit/source/test_support.hpp"

namespace ei::sources {
namespace {

namespace json = boost::json;
using http::test::TestServer;

TestServer::Reply reply(unsigned status, std::string body) {
  TestServer::Reply made;
  made.status = status;
  made.body = std::move(body);
  made.headers = {{"Content-Type", "application/xml"}};
  return made;
}

std::string error(const std::string& code) {
  return "<Error><Code>" + code + "</Code><Message>" + code + " says no</Message></Error>";
}

// Bucket `alpha` in eu-west-3 with five objects (pages of max-keys), `beta` denied.
class FakeS3 {
 public:
  FakeS3()
      : server_([this](const TestServer::Received& request) {
          std::lock_guard lock(mutex_);
          seen_.push_back(request.target + " " + request.header("Authorization").value_or(""));
          return answer(request.target);
        }) {}

  std::string endpoint() const { return server_.url(""); }
  std::vector<std::string> seen() {
    std::lock_guard lock(mutex_);
    return seen_;
  }

  const std::map<std::string, std::string> objects{
      {"a/one.txt", "first"}, {"a/two.pdf", "%PDF"},   {"b/cold.txt", "archived"},
      {"b/three.bin", "bin"}, {"c/four.md", "# four"}, {"d/gone.txt", "deleted after the listing"}};

 private:
  TestServer::Reply answer(const std::string& target) {
    if (target == "/") {
      return reply(200,
                   "<ListAllMyBucketsResult><Buckets><Bucket><Name>alpha</Name></Bucket>"
                   "<Bucket><Name>beta</Name></Bucket></Buckets></ListAllMyBucketsResult>");
    }
    if (target == "/alpha?location=") {
      return reply(200, "<LocationConstraint>eu-west-3</LocationConstraint>");
    }
    if (target.starts_with("/beta")) return reply(403, error("AccessDenied"));
    if (target.starts_with("/alpha?")) {
      const std::size_t at = target.find("marker=");
      std::string marker;
      if (at != std::string::npos) {
        marker = target.substr(at + 7, target.find('&', at) - at - 7);
        for (std::size_t slash; (slash = marker.find("%2F")) != std::string::npos;) {
          marker.replace(slash, 3, "/");
        }
      }
      std::string body = "<ListBucketResult>";
      int listed = 0;
      bool more = false;
      for (const auto& [key, content] : objects) {
        if (!marker.empty() && key <= marker) continue;
        if (listed == 2) {
          more = true;
          break;
        }
        ++listed;
        body += "<Contents><Key>" + key + "</Key><LastModified>2023-03-0" + std::to_string(listed) +
                "T10:00:00.250Z</LastModified><Size>" + std::to_string(content.size()) +
                "</Size><StorageClass>STANDARD</StorageClass>" + "</Contents>";
      }
      body += std::string("<IsTruncated>") + (more ? "true" : "false") + "</IsTruncated>";
      return reply(200, body + "</ListBucketResult>");
    }
    if (target == "/alpha/b/cold.txt") return reply(403, error("InvalidObjectState"));
    if (target == "/alpha/d/gone.txt") return reply(404, error("NoSuchKey"));
    for (const auto& [key, content] : objects) {
      if (target == "/alpha/" + key) return reply(200, content);
    }
    return reply(404, error("NoSuchKey"));
  }

  std::mutex mutex_;
  std::vector<std::string> seen_;
  TestServer server_;
};

class S3SourceTest : public ::testing::Test {
 protected:
  std::unique_ptr<S3DataSource> make_source(json::object values) {
    json::object stored = S3DataSource::descriptor_ptr()->default_configuration.to_json();
    values.emplace("endpoint", fake_.endpoint());
    values.emplace("access_key_id", "AKIDTEST");
    values.emplace("secret_access_key", "secret");
    values.emplace("max_attempts", 0);
    for (auto& [key, value] : values) stored[key].as_object()["value"] = value;
    return std::make_unique<S3DataSource>(
        source::DataSourceConfiguration(json::value(stored)), loop_.context(),
        [](const std::string&) { return std::optional<std::string>(); });
  }

  FakeS3 fake_;
  source::testing::Loop loop_;
};

TEST_F(S3SourceTest, ListsEveryPageInItsRegionAndReportsADeniedBucket) {
  auto source = make_source({{"buckets", "*"}, {"page_size", 2}});
  source::testing::MemorySink sink;
  loop_.run(source->get_docs(sink, protocol::Filter()));
  ASSERT_EQ(sink.documents.size(), 6u);
  const json::object& first = sink.documents[0].document;
  EXPECT_EQ(first.at("_id"), json::value(core::md5_hex("alpha/a/one.txt")));
  EXPECT_EQ(first.at("filename"), "a/one.txt");
  EXPECT_EQ(first.at("bucket"), "alpha");
  EXPECT_EQ(first.at("owner"), "");
  EXPECT_EQ(first.at("size_in_bytes"), json::value(5));
  EXPECT_EQ(first.at("storage_class"), "STANDARD");
  EXPECT_EQ(first.at("_timestamp"), "2023-03-01T10:00:00.250000+00:00");
  ASSERT_EQ(sink.unreadable_parts.size(), 1u);
  EXPECT_EQ(sink.unreadable_parts[0].first, "s3://beta");
  EXPECT_THAT(sink.unreadable_parts[0].second,
              ::testing::HasSubstr("S3 ListObjects of beta failed: HTTP 403 AccessDenied"));
  // Requests to alpha are signed for its region; the marker continues after the last key.
  bool signed_for_region = false;
  bool continued = false;
  for (const std::string& line : fake_.seen()) {
    if (line.starts_with("/alpha?") &&
        line.find("/eu-west-3/s3/aws4_request") != std::string::npos) {
      signed_for_region = true;
    }
    if (line.find("marker=a%2Ftwo.pdf") != std::string::npos) continued = true;
  }
  EXPECT_TRUE(signed_for_region);
  EXPECT_TRUE(continued);
}

TEST_F(S3SourceTest, DownloadsSupportedObjectsAndSkipsArchivedOnes) {
  auto source = make_source({{"buckets", "alpha"}});
  source::testing::MemorySink sink;
  loop_.run(source->get_docs(sink, protocol::Filter()));
  ASSERT_EQ(sink.documents.size(), 6u);
  std::map<std::string, std::optional<json::object>> contents;
  for (auto& emitted : sink.documents) {
    const std::string name(emitted.document.at("filename").as_string());
    if (name == "d/gone.txt") continue;
    EXPECT_FALSE(loop_.run(emitted.download(false, std::nullopt)));
    contents[name] = loop_.run(emitted.download(true, std::string("t")));
  }
  ASSERT_TRUE(contents["a/one.txt"]);
  EXPECT_EQ(contents["a/one.txt"]->at("_attachment"), json::value(core::base64_encode("first")));
  EXPECT_EQ(contents["a/one.txt"]->at("_timestamp"), "t");
  EXPECT_TRUE(contents["a/two.pdf"]);
  EXPECT_FALSE(contents["b/cold.txt"]);   // InvalidObjectState: indexed without content
  EXPECT_FALSE(contents["b/three.bin"]);  // not a supported extension
  EXPECT_TRUE(contents["c/four.md"]);
}

TEST_F(S3SourceTest, AnObjectGoneSinceTheListingFailsItsDownload) {
  auto source = make_source({{"buckets", "alpha"}});
  source::testing::MemorySink sink;
  loop_.run(source->get_docs(sink, protocol::Filter()));
  ASSERT_EQ(sink.documents.size(), 6u);
  ASSERT_EQ(sink.documents.back().document.at("filename"), "d/gone.txt");
  try {
    loop_.run(sink.documents.back().download(true, std::nullopt));
    FAIL() << "the download of a missing object succeeded";
  } catch (const S3Error& error) {
    EXPECT_EQ(error.status(), 404);
    EXPECT_EQ(error.code(), "NoSuchKey");
    EXPECT_THAT(error.what(), ::testing::HasSubstr("S3 GetObject of alpha/d/gone.txt failed"));
  }
}

TEST_F(S3SourceTest, PingListsBucketsAndConfigurationErrorsAreNamed) {
  auto source = make_source({});
  EXPECT_NO_THROW(loop_.run(source->ping()));
  EXPECT_EQ(fake_.seen().back().substr(0, 2), "/ ");

  auto zero_page = make_source({{"page_size", 0}});
  try {
    loop_.run(zero_page->validate_config());
    FAIL() << "a page size of 0 validated";
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("'Maximum size of page' value '0'"));
  }
  auto bad_endpoint = make_source({{"endpoint", "ftp://store"}});
  EXPECT_THROW(loop_.run(bad_endpoint->validate_config()), source::ConfigurableFieldValueError);
}

TEST_F(S3SourceTest, NoCredentialsIsAClearError) {
  json::object stored = S3DataSource::descriptor_ptr()->default_configuration.to_json();
  S3DataSource source(source::DataSourceConfiguration(json::value(stored)), loop_.context(),
                      [](const std::string&) { return std::optional<std::string>(); });
  EXPECT_EQ(source.client_settings().endpoint, "");  // AWS itself
  try {
    loop_.run(source.ping());
    FAIL() << "ping without credentials";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("No AWS credentials found"));
  }
}

TEST(S3Address, PathStyleOnAnEndpointVirtualHostsOnAws) {
  S3ClientSettings custom;
  custom.endpoint = "http://127.0.0.1:9000/prefix/";
  const S3Address minio = s3_address(custom, "eu-west-3", "docs", "a b/c.txt", {{"x", "1"}});
  EXPECT_EQ(minio.url, "http://127.0.0.1:9000/prefix/docs/a%20b/c.txt?x=1");
  EXPECT_EQ(minio.host, "127.0.0.1:9000");
  EXPECT_EQ(minio.path, "/prefix/docs/a b/c.txt");

  const S3ClientSettings aws;
  EXPECT_EQ(s3_address(aws, "eu-west-3", "docs", "k", {}).url,
            "https://docs.s3.eu-west-3.amazonaws.com/k");
  EXPECT_EQ(s3_address(aws, "", "", "", {}).url, "https://s3.amazonaws.com/");
  // Dots do not fit a TLS wildcard name: path style.
  EXPECT_EQ(s3_address(aws, "us-east-2", "my.docs", "k", {}).url,
            "https://s3.us-east-2.amazonaws.com/my.docs/k");
  S3ClientSettings broken;
  broken.endpoint = "127.0.0.1:9000";
  EXPECT_THROW(s3_address(broken, "", "b", "", {}), core::Error);
}

}  // namespace
}  // namespace ei::sources
