// The network-drive source against a real Samba server (tests/servers/samba: smbd on
// 127.0.0.1:4450, SMB2/3, a throw-away user) and a real Elasticsearch: through the
// `connectors` and `elastic-ingest` binaries for the full sync cycle and the credentials error,
// through the SyncEngine for content, unreadable files and the stopped server (spec §11).

#include <gmock/gmock.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/base64.hpp"
#include "e2e/service/native_service.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "source/errors.hpp"
#include "sources/network_drive/network_drive_data_source.hpp"
#include "support/samba_share.hpp"
#include "support/stopping_source.hpp"

namespace ei::sources {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using sql_testing::SyncHarness;

constexpr const char* kUser = "eismb";
constexpr const char* kPassword = "ei-smb-Secret1";
constexpr int kPort = 4450;

[[maybe_unused]] const auto* const kServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("samba"));

void write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class NetworkDriveSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    folder_ =
        "ei-" + std::to_string(::getpid()) + "-" + lower(std::string(info->name())).substr(0, 12);
    root_ = smb_testing::samba_share_dir() / folder_;
    fs::create_directories(root_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::permissions(root_, fs::perms::all, fs::perm_options::add, ignored);
    fs::remove_all(root_, ignored);
    fs::remove_all(work_, ignored);
  }

  std::string drive_path() const { return "share/" + folder_; }

  json::object configuration(json::object overrides = {}) {
    json::object config{{"username", kUser},
                        {"password", kPassword},
                        {"server_ip", "127.0.0.1"},
                        {"server_port", kPort},
                        {"drive_path", drive_path()}};
    for (auto& [key, value] : overrides) config[key] = value;
    json::object stored = NetworkDriveDataSource::descriptor_ptr()->default_configuration.to_json();
    for (auto& [key, value] : config) stored[key].as_object()["value"] = value;
    return stored;
  }

  std::unique_ptr<NetworkDriveDataSource> make_source(SyncHarness& harness,
                                                      json::object overrides = {}) {
    return std::make_unique<NetworkDriveDataSource>(
        source::DataSourceConfiguration(json::value(configuration(std::move(overrides)))),
        harness.context());
  }

  // The path field of the file at `relative` (a/b.txt) under the test's folder.
  std::string shown(const std::string& relative) const {
    std::string path = "\\\\127.0.0.1/" + drive_path();
    std::string rest = relative;
    for (char& c : rest) {
      if (c == '/') c = '\\';
    }
    return path + "\\" + rest;
  }

  std::string folder_;
  fs::path root_;
  fs::path work_ = fs::temp_directory_path() / ("ei-smb-e2e-" + std::to_string(::getpid()));
};

// Paths (relative to the test folder) of the indexed documents, by their `path` field.
std::set<std::string> paths_of(SyncHarness& harness) {
  std::set<std::string> paths;
  for (const auto& [id, document] : harness.documents()) {
    paths.insert(std::string(document.at("path").as_string()));
  }
  return paths;
}

// --- through the binaries ---------------------------------------------------------------------

class NetworkDriveServiceTest : public NetworkDriveSyncTest {
 protected:
  void SetUp() override {
    NetworkDriveSyncTest::SetUp();
    service_ = std::make_unique<test::NativeService>(
        work_, "network_drive", "connectors.sources.network_drive:NASDataSource");
  }
  void TearDown() override {
    service_.reset();
    NetworkDriveSyncTest::TearDown();
  }
  std::string create_connector(const std::string& index, const std::string& password) {
    return service_->create_connector(
        "network_drive", index,
        {std::string("username=") + kUser, "password=" + password, "server_ip=127.0.0.1",
         "server_port=" + std::to_string(kPort), "drive_path=" + drive_path()});
  }
  static std::uint64_t counter(const json::object& job, const char* name) {
    return test::NativeService::counter(job, name);
  }
  std::unique_ptr<test::NativeService> service_;
};

TEST_F(NetworkDriveServiceTest, SyncsTenThousandAndOneEntriesThenConvergesAndANoOpIndexesNothing) {
  // 9,990 files and 11 folders: 10,001 documents. Names with spaces and non-ASCII letters.
  std::set<std::string> expected;
  const std::vector<std::string> folders{"alpha",    "alpha/deep",  "alpha/deep/er", "beta",
                                         "beta/été", "gamma space", "gamma space/x", "delta",
                                         "delta/ü",  "epsilon",     "epsilon/z z"};
  for (const auto& folder : folders) {
    fs::create_directories(root_ / folder);
    expected.insert(shown(folder));
  }
  for (int i = 0; i < 9'990; ++i) {
    const std::string relative = folders[static_cast<std::size_t>(i % 11)] + "/file " +
                                 std::to_string(i) + (i % 3 == 0 ? " é.txt" : ".bin");
    write(root_ / relative, "file " + std::to_string(i) + " " + std::string(1000, 'x'));
    expected.insert(shown(relative));
  }
  SyncHarness harness("search-" + lower(folder_));
  const std::string connector = create_connector(harness.index(), kPassword);
  ASSERT_FALSE(connector.empty());

  json::object job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job) << service_->output();
  EXPECT_EQ(counter(job, "indexed_document_count"), 10'001u) << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  EXPECT_EQ(paths_of(harness), expected);
  const auto documents = harness.documents();
  struct stat status {};
  ASSERT_EQ(::stat((root_ / "beta/été/file 4.bin").c_str(), &status), 0);
  const std::string id = std::to_string(status.st_ino);
  ASSERT_TRUE(documents.contains(id)) << "no document with the file's inode " << id;
  const json::object& file = documents.at(id);
  EXPECT_EQ(file.at("path"), json::value(shown("beta/été/file 4.bin")));
  EXPECT_EQ(file.at("title"), "file 4.bin");
  EXPECT_EQ(file.at("type"), "file");
  // libsmbclient shows no AllocationSize: the size is the end of file in 512-byte blocks.
  EXPECT_EQ(file.at("size").as_int64(), (status.st_size + 511) / 512 * 512);
  EXPECT_THAT(std::string(file.at("_timestamp").as_string()),
              ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}(\\.[0-9]{6})?"));
  ASSERT_EQ(::stat((root_ / "gamma space").c_str(), &status), 0);
  EXPECT_EQ(documents.at(std::to_string(status.st_ino)).at("type"), "folder");

  // 10 changed, 5 deleted, 3 added.
  for (int i = 0; i < 10; ++i) {
    const std::string relative = folders[static_cast<std::size_t>(i % 11)] + "/file " +
                                 std::to_string(i) + (i % 3 == 0 ? " é.txt" : ".bin");
    write(root_ / relative, "changed " + std::to_string(i));
  }
  // Added before the deletions: ids are inodes, and a new file may take a freed one.
  for (const char* relative : {"new one.txt", "alpha/new two.md", "delta/ü/new three.bin"}) {
    write(root_ / relative, "new");
    expected.insert(shown(relative));
  }
  for (int i = 10; i < 15; ++i) {
    const std::string relative = folders[static_cast<std::size_t>(i % 11)] + "/file " +
                                 std::to_string(i) + (i % 3 == 0 ? " é.txt" : ".bin");
    fs::remove(root_ / relative);
    expected.erase(shown(relative));
  }
  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  // Writing a file changes its folder's ChangeTime too: the changed files, the new ones and
  // the folders that held changes are re-indexed.
  EXPECT_GE(counter(job, "indexed_document_count"), 13u) << json::serialize(job);
  EXPECT_LE(counter(job, "indexed_document_count"), 13u + folders.size() + 1)
      << json::serialize(job);
  EXPECT_EQ(counter(job, "deleted_document_count"), 5u) << json::serialize(job);
  harness.run(harness.es().refresh(harness.index()));
  EXPECT_EQ(paths_of(harness), expected);

  job = service_->run_job(connector);
  EXPECT_EQ(job["status"], "completed") << json::serialize(job);
  EXPECT_EQ(counter(job, "indexed_document_count"), 0u) << json::serialize(job);
  EXPECT_EQ(counter(job, "deleted_document_count"), 0u) << json::serialize(job);
}

TEST_F(NetworkDriveServiceTest, AWrongPasswordFailsTheJobAndTheConnectorWithTheCause) {
  write(root_ / "a.txt", "a");
  SyncHarness harness("search-" + lower(folder_));
  const std::string connector = create_connector(harness.index(), "not-the-password");
  ASSERT_FALSE(connector.empty());
  const json::object job = service_->run_job(connector);
  EXPECT_EQ(job.at("status"), "error") << json::serialize(job);
  ASSERT_TRUE(job.contains("error") && job.at("error").is_string()) << json::serialize(job);
  EXPECT_THAT(std::string(job.at("error").as_string()),
              ::testing::HasSubstr("SMB logon as 'eismb' on 127.0.0.1:4450 refused"));
  const json::object shown = service_->cli_json({"connector", "show", connector});
  ASSERT_TRUE(shown.contains("error") && shown.at("error").is_string()) << json::serialize(shown);
  EXPECT_THAT(std::string(shown.at("error").as_string()),
              ::testing::HasSubstr("check the username and password"));
}

// --- through the engine -----------------------------------------------------------------------

TEST_F(NetworkDriveSyncTest, ContentIsDownloadedAndAnUnreadableFileKeepsItsDocument) {
  write(root_ / "docs/readme.txt", "hello smb");
  write(root_ / "docs/big.txt", std::string(10 * 1024 * 1024 + 1, 'b'));
  write(root_ / "docs/image.PNG", "not text");
  write(root_ / "docs/empty.txt", "");
  write(root_ / "docs/secret.txt", "nobody reads this");
  fs::permissions(root_ / "docs/secret.txt", fs::perms::none);
  SyncHarness harness(sql_testing::unique_name("ei-smb-content"));
  harness.create_index();
  auto source = make_source(harness);
  const sync::SyncResult result = harness.sync_with_content(*source);
  ASSERT_FALSE(result.fetch_error) << *result.fetch_error;
  std::map<std::string, json::object> by_title;
  for (auto& [id, document] : harness.documents()) {
    by_title[std::string(document.at("title").as_string())] = document;
  }
  ASSERT_EQ(by_title.size(), 6u);  // docs and its five files
  EXPECT_EQ(by_title.at("readme.txt").at("_attachment"),
            json::value(core::base64_encode("hello smb")));
  EXPECT_FALSE(by_title.at("big.txt").contains("_attachment"));     // over 10 MiB
  EXPECT_FALSE(by_title.at("image.PNG").contains("_attachment"));   // not supported
  EXPECT_FALSE(by_title.at("empty.txt").contains("_attachment"));   // size 0
  EXPECT_FALSE(by_title.at("secret.txt").contains("_attachment"));  // refused: no content
  EXPECT_EQ(by_title.at("secret.txt").at("type"), "file");
}

TEST_F(NetworkDriveSyncTest, AnUnreadableFolderFailsTheSyncByNameAndDeletesNothing) {
  write(root_ / "open/a.txt", "a");
  write(root_ / "closed/b.txt", "b");
  SyncHarness harness(sql_testing::unique_name("ei-smb-folder"));
  harness.create_index();
  auto first = make_source(harness);
  ASSERT_FALSE(harness.sync(*first).fetch_error);
  ASSERT_EQ(harness.documents().size(), 4u);

  fs::remove(root_ / "open/a.txt");
  fs::permissions(root_ / "closed", fs::perms::owner_all);  // root only: the share user is out
  auto source = make_source(harness);
  const sync::SyncResult result = harness.sync(*source);
  ASSERT_TRUE(result.fetch_error);
  EXPECT_THAT(*result.fetch_error, ::testing::HasSubstr("closed"));
  EXPECT_EQ(result.counters.deleted_document_count, 0u);
  EXPECT_EQ(harness.documents().size(), 4u);
}

TEST_F(NetworkDriveSyncTest, PingNamesAMissingPathAndAClosedPort) {
  SyncHarness harness(sql_testing::unique_name("ei-smb-ping"));
  auto good = make_source(harness);
  EXPECT_NO_THROW(harness.run(good->ping()));
  auto missing = make_source(harness, {{"drive_path", "share/no-such-folder"}});
  try {
    harness.run(missing->ping());
    FAIL() << "a missing path passed";
  } catch (const source::SourceError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("no-such-folder"));
  }
  auto closed = make_source(harness, {{"server_port", 1}});
  EXPECT_THROW(harness.run(closed->ping()), source::SourceError);
}

TEST_F(NetworkDriveSyncTest,
       AServerStoppedMidSyncFailsTheJobDeletesNothingAndTheNextSyncConverges) {
  for (int f = 0; f < 10; ++f) {
    for (int i = 0; i < 300; ++i) {
      write(root_ / ("d" + std::to_string(f)) / ("f" + std::to_string(i) + ".bin"), "x");
    }
  }
  SyncHarness harness(sql_testing::unique_name("ei-smb-stop"));
  harness.create_index();
  auto first = make_source(harness);
  ASSERT_FALSE(harness.sync(*first).fetch_error);
  ASSERT_EQ(harness.documents().size(), 3010u);

  fs::remove(root_ / "d9/f0.bin");  // deleted by a complete sync
  testing::StoppingSource<NetworkDriveDataSource> stopping(
      source::DataSourceConfiguration(json::value(configuration())), harness.context());
  stopping.stop_after("samba", 1000);
  const sync::SyncResult failed = harness.sync(stopping);
  std::string output;
  const int restarted = sql_testing::run_command(
      std::string(EI_SOURCE_DIR) + "/tests/servers/samba/start 2>&1", output);
  ASSERT_EQ(restarted, 0) << output;
  ASSERT_TRUE(failed.fetch_error);
  EXPECT_THAT(*failed.fetch_error, ::testing::HasSubstr("127.0.0.1:4450"));
  EXPECT_EQ(failed.counters.deleted_document_count, 0u);
  EXPECT_EQ(harness.documents().size(), 3010u);

  auto next = make_source(harness);
  const sync::SyncResult converged = harness.sync(*next);
  ASSERT_FALSE(converged.fetch_error) << *converged.fetch_error;
  EXPECT_EQ(converged.counters.deleted_document_count, 1u);
  EXPECT_EQ(harness.documents().size(), 3009u);
}

}  // namespace
}  // namespace ei::sources
