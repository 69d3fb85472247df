// The network-drive source without a server: its descriptor, URLs, documents, and a clear
// error when nothing answers (Samba runs the end-to-end suite).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>

#include "source/errors.hpp"
#include "sources/network_drive/network_drive_data_source.hpp"
#include "sources/network_drive/smb_session.hpp"
#include "unit/source/test_support.hpp"

namespace ei::sources {
namespace {

namespace json = boost::json;
using source::testing::Loop;

source::DataSourceConfiguration configuration(json::object values) {
  json::object stored = NetworkDriveDataSource::descriptor_ptr()->default_configuration.to_json();
  for (auto& [key, value] : values) stored[key].as_object()["value"] = value;
  return source::DataSourceConfiguration(json::value(std::move(stored)));
}

TEST(NetworkDriveSource, DescriptorHasTheFiveFieldsOfTheSpec) {
  const auto descriptor = NetworkDriveDataSource::descriptor_ptr();
  EXPECT_EQ(descriptor->service_type, "network_drive");
  EXPECT_EQ(descriptor->display_name, "Network Drive");
  const json::object defaults = descriptor->default_configuration.to_json();
  ASSERT_EQ(defaults.size(), 5u);
  EXPECT_EQ(defaults.at("username").at("value"), json::value("admin"));
  EXPECT_EQ(defaults.at("password").at("value"), json::value("abc@123"));
  EXPECT_EQ(defaults.at("password").at("sensitive"), json::value(true));
  EXPECT_EQ(defaults.at("server_ip").at("label"), json::value("SMB IP"));
  EXPECT_EQ(defaults.at("server_port").at("value"), json::value(445));
  EXPECT_EQ(defaults.at("server_port").at("display"), json::value("numeric"));
  EXPECT_EQ(defaults.at("drive_path").at("value"), json::value("Folder1"));
  EXPECT_EQ(defaults.at("drive_path").at("order"), json::value(5));
}

TEST(NetworkDriveSource, UrlsEncodeEverythingButTheSafeCharacters) {
  EXPECT_EQ(smb::smb_url("10.0.0.5", "Folder1/sub/a.txt"), "smb://10.0.0.5/Folder1/sub/a.txt");
  EXPECT_EQ(smb::smb_url("host", "share/a b/été%#?.txt"),
            "smb://host/share/a%20b/%C3%A9t%C3%A9%25%23%3F.txt");
}

TEST(NetworkDriveSource, DocumentsOfFilesAndFolders) {
  smb::SmbEntry file;
  file.name = "report.pdf";
  file.file_id = 1234567890123ULL;
  file.size = 1000;
  file.allocated = 1024;
  file.created = timespec{1700000000, 123456789};
  file.changed = timespec{1700000100, 0};
  const json::object document =
      NetworkDriveDataSource::make_document("\\\\127.0.0.1/Folder1\\sub", file);
  EXPECT_EQ(json::value(document), json::parse(R"({
      "_id": "1234567890123", "path": "\\\\127.0.0.1/Folder1\\sub\\report.pdf", "size": 1024,
      "created_at": "2023-11-14T22:13:20.123456", "_timestamp": "2023-11-14T22:15:00",
      "type": "file", "title": "report.pdf"})"));
  smb::SmbEntry folder = file;
  folder.directory = true;
  folder.name = "nested";
  EXPECT_EQ(NetworkDriveDataSource::make_document("\\\\h/S", folder).at("type"), "folder");
}

TEST(NetworkDriveSource, TheRootIsShownAsTheReferenceShowsIt) {
  Loop loop;
  NetworkDriveDataSource source(
      configuration({{"server_ip", "10.1.2.3"}, {"drive_path", "Folder1/sub"}}), loop.context());
  EXPECT_EQ(source.root_display(), "\\\\10.1.2.3/Folder1/sub");
}

TEST(NetworkDriveSource, NothingListeningIsAClearError) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  const int port = acceptor.local_endpoint().port();
  acceptor.close();
  Loop loop;
  NetworkDriveDataSource source(
      configuration({{"server_ip", "127.0.0.1"}, {"server_port", port}, {"drive_path", "s"}}),
      loop.context());
  try {
    loop.run(source.ping());
    FAIL() << "ping succeeded";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("on 127.0.0.1:" + std::to_string(port)));
  }
  source::testing::MemorySink sink;
  EXPECT_THROW(loop.run(source.get_docs(sink, protocol::Filter())), source::SourceError);
  EXPECT_TRUE(sink.documents.empty());
}

}  // namespace
}  // namespace ei::sources
