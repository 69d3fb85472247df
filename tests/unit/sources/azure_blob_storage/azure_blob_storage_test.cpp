// The Azure Blob Storage listing answers (as the REST reference documents them), the spec's
// document, and the source against a fake service: marker paging, an unreadable container,
// the download rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>

#include "core/base64.hpp"
#include "source/errors.hpp"
#include "sources/azure_blob_storage/azure_blob_storage_data_source.hpp"
#include "sources/azure_blob_storage/azure_listing.hpp"
#include "support/http_test_server.hpp"
#include "unit/source/test_support.hpp"

namespace ei::sources {
namespace {

namespace json = boost::json;
using http::test::TestServer;

std::string blob_xml(const std::string& name, std::size_t size, const std::string& tier,
                     const std::string& metadata = "") {
  return "<Blob><Name>" + name + "</Name><Properties>" +
         "<Creation-Time>Wed, 01 Mar 2023 10:00:00 GMT</Creation-Time>" +
         "<Last-Modified>Thu, 02 Mar 2023 11:30:15 GMT</Last-Modified>" + "<Content-Length>" +
         std::to_string(size) + "</Content-Length>" +
         "<Content-Type>text/plain</Content-Type><AccessTier>" + tier + "</AccessTier>" +
         "<LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState>" +
         "</Properties><Metadata>" + metadata + "</Metadata></Blob>";
}

TEST(AzureListing, ContainersAndBlobsWithMetadataAndMarkers) {
  const auto containers = parse_container_page(
      R"(<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="http://x/">
      <Containers><Container><Name>docs</Name><Properties/><Metadata><team>search</team>
      <b>2</b></Metadata></Container><Container><Name>empty</Name></Container></Containers>
      <NextMarker>/acct/next</NextMarker></EnumerationResults>)");
  ASSERT_EQ(containers.items.size(), 2u);
  EXPECT_EQ(containers.items[0].metadata,
            (AzureMetadata{{"team", "search"}, {"b", "2"}}));  // the service's order
  EXPECT_TRUE(containers.items[1].metadata.empty());
  EXPECT_EQ(containers.next_marker, "/acct/next");

  const auto blobs =
      parse_blob_page("<EnumerationResults><Blobs>" + blob_xml("a/b.txt", 12, "Cool", "<k>v</k>") +
                      "</Blobs><NextMarker/></EnumerationResults>");
  ASSERT_EQ(blobs.items.size(), 1u);
  EXPECT_EQ(blobs.items[0].size, 12u);
  EXPECT_EQ(blobs.items[0].access_tier, "Cool");
  EXPECT_EQ(blobs.items[0].lease_status, "unlocked");
  EXPECT_FALSE(blobs.items[0].lease_duration);
  EXPECT_FALSE(blobs.next_marker);
  EXPECT_THROW(parse_blob_page("<Error/>"), core::Error);
  EXPECT_THROW(parse_blob_page("<EnumerationResults><Blobs><Blob><Name>x</Name><Properties>"
                               "<Content-Length>big</Content-Length></Properties></Blob></Blobs>"
                               "</EnumerationResults>"),
               core::Error);
  const auto error = parse_azure_error(
      "<Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the "
      "request.\nRequestId:1\nTime:2023</Message></Error>");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->first, "AuthenticationFailed");
  EXPECT_EQ(error->second, "Server failed to authenticate the request.");
  EXPECT_FALSE(parse_azure_error("not xml"));
}

TEST(AzureDocument, TheSpecsFieldsWithPythonReprTexts) {
  AzureBlob blob = parse_blob_page("<EnumerationResults><Blobs>" +
                                   blob_xml("a/b.txt", 12, "Hot", "<q>it's</q><n>x</n>") +
                                   "</Blobs></EnumerationResults>")
                       .items.at(0);
  blob.lease_status = "locked";
  blob.lease_state = "leased";
  blob.lease_duration = "infinite";
  const json::object document =
      AzureBlobStorageDataSource::make_document(AzureContainer{"docs", {{"team", "search"}}}, blob);
  EXPECT_EQ(document.at("_id"), "docs/a/b.txt");
  EXPECT_EQ(document.at("_timestamp"), "2023-03-02T11:30:15+00:00");
  EXPECT_EQ(document.at("created at"), "2023-03-01T10:00:00+00:00");
  EXPECT_EQ(document.at("content type"), "text/plain");
  EXPECT_EQ(document.at("container metadata"), "{'team': 'search'}");
  EXPECT_EQ(document.at("metadata"), "{'q': \"it's\", 'n': 'x'}");
  EXPECT_EQ(document.at("leasedata"),
            "{'status': 'locked', 'state': 'leased', 'duration': 'infinite'}");
  EXPECT_EQ(document.at("title"), "a/b.txt");
  EXPECT_EQ(document.at("tier"), "Hot");
  EXPECT_EQ(document.at("size"), json::value(12));
  EXPECT_EQ(document.at("container"), "docs");
  AzureBlob bare;
  bare.name = "x";
  const json::object minimal =
      AzureBlobStorageDataSource::make_document(AzureContainer{"c", {}}, bare);
  EXPECT_TRUE(minimal.at("_timestamp").is_null());
  EXPECT_TRUE(minimal.at("tier").is_null());
  EXPECT_EQ(minimal.at("metadata"), "{}");
}

// Two containers: `docs` (two pages of blobs), `locked` (its listing is refused).
class FakeAzure {
 public:
  FakeAzure()
      : server_([this](const TestServer::Received& request) {
          std::lock_guard lock(mutex_);
          targets_.push_back(request.target);
          TestServer::Reply made;
          made.body = answer(request.target, made.status);
          return made;
        }) {}
  std::string endpoint() const { return server_.url("/acct"); }
  std::vector<std::string> targets() {
    std::lock_guard lock(mutex_);
    return targets_;
  }

 private:
  std::string answer(const std::string& target, unsigned& status) {
    if (target.starts_with("/acct/?restype=account")) return "";
    if (target.starts_with("/acct/?comp=list")) {
      return "<EnumerationResults><Containers><Container><Name>docs</Name></Container>"
             "<Container><Name>locked</Name></Container></Containers></EnumerationResults>";
    }
    if (target.starts_with("/acct/locked?")) {
      status = 403;
      return "<Error><Code>AuthorizationFailure</Code><Message>no</Message></Error>";
    }
    if (target.starts_with("/acct/docs?") && target.find("marker=page2") == std::string::npos) {
      return "<EnumerationResults><Blobs>" + blob_xml("one.txt", 5, "Hot") +
             blob_xml("empty.txt", 0, "Hot") + "</Blobs><NextMarker>page2</NextMarker>" +
             "</EnumerationResults>";
    }
    if (target.starts_with("/acct/docs?")) {
      return "<EnumerationResults><Blobs>" + blob_xml("frozen.txt", 5, "Archive") +
             blob_xml("image.PNG", 5, "Hot") + "</Blobs></EnumerationResults>";
    }
    if (target == "/acct/docs/one.txt") return "hello";
    status = 404;
    return "<Error><Code>BlobNotFound</Code><Message>gone</Message></Error>";
  }

  std::mutex mutex_;
  std::vector<std::string> targets_;
  TestServer server_;
};

class AzureSourceTest : public ::testing::Test {
 protected:
  std::unique_ptr<AzureBlobStorageDataSource> make_source(json::object values = {}) {
    json::object stored =
        AzureBlobStorageDataSource::descriptor_ptr()->default_configuration.to_json();
    values.emplace("blob_endpoint", fake_.endpoint());
    values.emplace("retry_count", 0);
    for (auto& [key, value] : values) stored[key].as_object()["value"] = value;
    return std::make_unique<AzureBlobStorageDataSource>(
        source::DataSourceConfiguration(json::value(stored)), loop_.context());
  }
  FakeAzure fake_;
  source::testing::Loop loop_;
};

TEST_F(AzureSourceTest, FollowsMarkersReportsARefusedContainerAndAppliesTheDownloadRules) {
  auto source = make_source({{"concurrent_downloads", 7}});
  core::BulkOptions options;
  source->tweak_bulk_options(options);
  EXPECT_EQ(options.concurrent_downloads, 7u);
  loop_.run(source->ping());
  source::testing::MemorySink sink;
  loop_.run(source->get_docs(sink, protocol::Filter()));
  ASSERT_EQ(sink.documents.size(), 4u);
  ASSERT_EQ(sink.unreadable_parts.size(), 1u);
  EXPECT_EQ(sink.unreadable_parts[0].first, "azure://locked");
  EXPECT_THAT(sink.unreadable_parts[0].second,
              ::testing::HasSubstr("HTTP 403 AuthorizationFailure"));
  std::map<std::string, std::optional<json::object>> contents;
  for (auto& emitted : sink.documents) {
    contents[std::string(emitted.document.at("title").as_string())] =
        loop_.run(emitted.download(true, std::nullopt));
    EXPECT_FALSE(loop_.run(emitted.download(false, std::nullopt)));
  }
  ASSERT_TRUE(contents["one.txt"]);
  EXPECT_EQ(contents["one.txt"]->at("_attachment"), json::value(core::base64_encode("hello")));
  EXPECT_FALSE(contents["empty.txt"]);
  EXPECT_FALSE(contents["frozen.txt"]);  // Archive tier: not downloadable
  EXPECT_FALSE(contents["image.PNG"]);
  // Every request carried Shared Key authorization and the marker was followed.
  bool second_page = false;
  for (const auto& target : fake_.targets())
    second_page |= target.find("marker=page2") != std::string::npos;
  EXPECT_TRUE(second_page);
}

TEST_F(AzureSourceTest, ABadKeyAndABadEndpointAreNamed) {
  auto not_base64 = make_source({{"account_key", "not base64!"}});
  EXPECT_THROW(loop_.run(not_base64->ping()), core::Error);
  auto no_scheme = make_source({{"blob_endpoint", "127.0.0.1:10000"}});
  try {
    loop_.run(no_scheme->validate_config());
    FAIL() << "an endpoint without a scheme validated";
  } catch (const source::ConfigurationError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("is not an http(s) URL"));
  }
}

}  // namespace
}  // namespace ei::sources
