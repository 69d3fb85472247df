// The MongoDB source without a server: its descriptor, documents, ids, content stamps, the
// connection string it gives the driver, and clear errors when nothing answers (FerretDB runs
// the end-to-end suite).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>

#include "core/time.hpp"
#include "source/content_stamp.hpp"
#include "source/errors.hpp"
#include "sources/mongodb/mongo_client.hpp"
#include "sources/mongodb/mongo_data_source.hpp"
#include "unit/source/test_support.hpp"

namespace ei::sources {
namespace {

namespace json = boost::json;
using source::testing::Loop;

source::DataSourceConfiguration configuration(json::object values) {
  json::object stored = MongoDataSource::descriptor_ptr()->default_configuration.to_json();
  for (auto& [key, value] : values) stored[key].as_object()["value"] = value;
  return source::DataSourceConfiguration(json::value(std::move(stored)));
}

// A port nothing listens on: bound, then closed.
unsigned short closed_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

TEST(MongoSource, DescriptorHasTheSixFieldsOfTheSpec) {
  const auto descriptor = MongoDataSource::descriptor_ptr();
  EXPECT_EQ(descriptor->service_type, "mongodb");
  EXPECT_EQ(descriptor->display_name, "MongoDB");
  const json::object defaults = descriptor->default_configuration.to_json();
  ASSERT_EQ(defaults.size(), 6u);
  EXPECT_EQ(defaults.at("host").at("label"), json::value("Server hostname"));
  EXPECT_EQ(defaults.at("host").at("required"), json::value(true));
  EXPECT_EQ(defaults.at("user").at("required"), json::value(false));
  EXPECT_EQ(defaults.at("password").at("sensitive"), json::value(true));
  EXPECT_EQ(defaults.at("password").at("required"), json::value(false));
  EXPECT_EQ(defaults.at("collection").at("order"), json::value(5));
  EXPECT_EQ(defaults.at("direct_connection").at("value"), json::value(false));
  EXPECT_EQ(defaults.at("direct_connection").at("display"), json::value("toggle"));
}

TEST(MongoSource, DocumentsKeepTheirIdAsTextAndGetAContentStamp) {
  const json::object document = MongoDataSource::make_document(
      json::parse(R"({"_id": "64b7f0a1c2d3e4f5a6b7c8d9", "name": "a"})").as_object());
  EXPECT_EQ(document.at("_id"), json::value("64b7f0a1c2d3e4f5a6b7c8d9"));
  EXPECT_EQ(document.at("name"), json::value("a"));
  const std::string stamp(document.at("_timestamp").as_string());
  const auto parsed = core::parse_iso_datetime(stamp);
  ASSERT_TRUE(parsed.has_value()) << stamp;
  EXPECT_GE(parsed->date.year, 1900);
  EXPECT_LE(parsed->date.year, 1908);
  EXPECT_FALSE(parsed->utc_offset_minutes.has_value());

  // Same content, same stamp; any change, another one.
  const json::object again = MongoDataSource::make_document(
      json::parse(R"({"_id": "64b7f0a1c2d3e4f5a6b7c8d9", "name": "a"})").as_object());
  EXPECT_EQ(again.at("_timestamp"), document.at("_timestamp"));
  const json::object changed = MongoDataSource::make_document(
      json::parse(R"({"_id": "64b7f0a1c2d3e4f5a6b7c8d9", "name": "b"})").as_object());
  EXPECT_NE(changed.at("_timestamp"), document.at("_timestamp"));

  EXPECT_EQ(MongoDataSource::make_document(json::parse(R"({"_id": 42})").as_object()).at("_id"),
            json::value("42"));
  EXPECT_EQ(
      MongoDataSource::make_document(json::parse(R"({"_id": {"a": 1}})").as_object()).at("_id"),
      json::value(R"({"a":1})"));
  EXPECT_THROW(MongoDataSource::make_document(json::parse(R"({"n": 1})").as_object()),
               source::SourceError);
}

TEST(MongoSource, ContentStampIsADateOfTheStampRange) {
  EXPECT_EQ(source::content_stamp("x"), source::content_stamp("x"));
  EXPECT_NE(source::content_stamp("x"), source::content_stamp("y"));
  EXPECT_THAT(source::content_stamp(""), ::testing::MatchesRegex("190[0-8]-.*"));
}

TEST(MongoSource, ConnectionStringFromTheFields) {
  {
    mongodb::MongoUri uri({.host = "db.example.com:27020"});
    EXPECT_STREQ(mongoc_uri_get_string(uri.get()), "mongodb://db.example.com:27020");
    EXPECT_EQ(mongoc_uri_get_username(uri.get()), nullptr);
    EXPECT_FALSE(mongoc_uri_has_option(uri.get(), MONGOC_URI_DIRECTCONNECTION));
  }
  {
    mongodb::MongoUri uri({.host = "mongodb://127.0.0.1:27021/?tls=false",
                           .user = "admin",
                           .password = "p@ss",
                           .direct_connection = true});
    EXPECT_STREQ(mongoc_uri_get_username(uri.get()), "admin");
    EXPECT_STREQ(mongoc_uri_get_password(uri.get()), "p@ss");
    EXPECT_TRUE(mongoc_uri_get_option_as_bool(uri.get(), MONGOC_URI_DIRECTCONNECTION, false));
  }
  {
    // Only the password set still passes both, as the reference does.
    mongodb::MongoUri uri({.host = "localhost", .password = "secret"});
    EXPECT_STREQ(mongoc_uri_get_username(uri.get()), "");
    EXPECT_STREQ(mongoc_uri_get_password(uri.get()), "secret");
  }
  EXPECT_THROW(mongodb::MongoUri({.host = "mongodb://"}), std::invalid_argument);
}

TEST(MongoSource, AnUnreachableServerIsAClearErrorWithoutTheCredentials) {
  Loop loop;
  const std::string host = "mongodb://admin:hunter2@127.0.0.1:" + std::to_string(closed_port()) +
                           "/?serverSelectionTimeoutMS=500&connectTimeoutMS=500";
  MongoDataSource source(configuration({{"host", host}, {"database", "d"}, {"collection", "c"}}),
                         loop.context());
  try {
    loop.run(source.ping());
    FAIL() << "ping succeeded";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("MongoDB at mongodb://127.0.0.1:"));
    EXPECT_THAT(error.what(), ::testing::Not(::testing::HasSubstr("hunter2")));
  }
  source::testing::MemorySink sink;
  EXPECT_THROW(loop.run(source.get_docs(sink, protocol::Filter())), source::SourceError);
  EXPECT_TRUE(sink.documents.empty());
  loop.run(source.close());
}

TEST(MongoSource, AMalformedHostIsAConfigurationError) {
  Loop loop;
  MongoDataSource source(
      configuration({{"host", "mongodb://"}, {"database", "d"}, {"collection", "c"}}),
      loop.context());
  EXPECT_THROW(loop.run(source.ping()), source::ConfigurableFieldValueError);
}

}  // namespace
}  // namespace ei::sources
