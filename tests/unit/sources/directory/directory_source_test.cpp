// The `dir` source (spec sources §1): schema, configuration, enumeration, document fields,
// lazy downloads.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "core/base64.hpp"
#include "core/hash.hpp"
#include "source/errors.hpp"
#include "source/python_timestamp.hpp"
#include "sources/directory/directory_data_source.hpp"
#include "unit/source/test_support.hpp"
#include "unit/sources/directory/temp_tree.hpp"

namespace ei::sources {
namespace {

namespace json = boost::json;
using source::DataSourceConfiguration;

json::value stored(const std::string& directory, const std::string& pattern = "**/*.*") {
  return json::object{
      {"directory", json::object{{"label", "Directory path"}, {"value", directory}}},
      {"pattern", json::object{{"label", "File glob-like pattern"}, {"value", pattern}}}};
}

class DirectorySourceTest : public ::testing::Test {
 protected:
  std::unique_ptr<DirectoryDataSource> make(const json::value& configuration) {
    return std::make_unique<DirectoryDataSource>(DataSourceConfiguration(configuration),
                                                 loop.context());
  }

  std::vector<source::SourceDocument> documents(const std::string& pattern = "**/*.*") {
    auto source = make(stored(tree.root(), pattern));
    source::testing::MemorySink sink;
    loop.run(source->get_docs(sink, protocol::Filter()));
    return std::move(sink.documents);
  }

  std::set<std::string> paths(const std::string& pattern) {
    std::set<std::string> found;
    for (const auto& document : documents(pattern)) {
      found.insert(
          std::string(document.document.at("path").get_string()).substr(tree.root().size() + 1));
    }
    return found;
  }

  source::testing::Loop loop;
  testing::TempTree tree;
};

TEST_F(DirectorySourceTest, Schema) {
  auto descriptor = DirectoryDataSource::descriptor_ptr();
  EXPECT_EQ(descriptor->service_type, "dir");
  EXPECT_EQ(descriptor->display_name, "System Directory");
  const char* system_dir = std::getenv("SYSTEM_DIR");
  // Never the working directory: an unconfigured connector must not sync it.
  const std::string default_dir = system_dir != nullptr ? system_dir : "";
  json::object expected_directory =
      json::parse(
          R"({"default_value":null,"depends_on":[],"display":"text","label":"Directory path",
          "options":[],"order":1,"required":true,"sensitive":false,"tooltip":null,"type":"str",
          "ui_restrictions":[],"validations":[],"value":""})")
          .as_object();
  expected_directory["value"] = default_dir;
  const json::object schema = descriptor->default_configuration.to_json();
  EXPECT_EQ(schema.size(), 2u);
  EXPECT_EQ(schema.at("directory"), expected_directory);
  EXPECT_EQ(json::serialize(schema.at("pattern")),
            R"({"default_value":null,"depends_on":[],"display":"text",)"
            R"("label":"File glob-like pattern","options":[],"order":2,"required":true,)"
            R"("sensitive":false,"tooltip":null,"type":"str","ui_restrictions":[],)"
            R"("validations":[],"value":"**/*.*"})");
}

TEST_F(DirectorySourceTest, ConfigurationDefaultsAndAbsolutePath) {
  auto defaults = make(json::object());
  EXPECT_EQ(defaults->pattern(), "**/*.*");
  if (std::getenv("SYSTEM_DIR") == nullptr) {
    EXPECT_EQ(defaults->directory(), "");
  } else {
    EXPECT_TRUE(defaults->directory().starts_with('/'));
  }
  auto relative = make(stored("some/../dir/"));
  EXPECT_EQ(relative->directory(), std::filesystem::current_path().string() + "/dir");
  EXPECT_THROW(make(json::parse(R"({"directory": {"value": ["x"]}})")), source::ConfigurationError);
}

TEST_F(DirectorySourceTest, PingChangedAndValidation) {
  auto source = make(stored(tree.root()));
  EXPECT_NO_THROW(loop.run(source->ping()));
  EXPECT_TRUE(loop.run(source->changed()));
  EXPECT_NO_THROW(loop.run(source->validate_config()));
  EXPECT_NO_THROW(source->validate_config_fields());
  EXPECT_TRUE(source->advanced_rules_validators().empty());

  auto empty = make(stored(""));
  try {
    loop.run(empty->validate_config());
    FAIL();
  } catch (const source::ConfigurableFieldValueError& error) {
    EXPECT_STREQ(error.what(), "Field validation errors: 'Directory path' cannot be empty.");
  }
  auto partial = make(json::parse(R"({"directory": "/tmp"})"));
  try {
    partial->validate_config_fields();
    FAIL();
  } catch (const source::MalformedConfigurationError& error) {
    EXPECT_STREQ(error.what(), "Connector has missing configuration fields: pattern");
  }
}

TEST_F(DirectorySourceTest, OnlyRegularFilesAfterFollowingSymlinks) {
  tree.file("a.txt");
  tree.file(".hidden");
  tree.file("noext");
  tree.file("sub/b.txt");
  tree.file("sub/deep/c.md");
  tree.dir("dir.with.dot");
  tree.symlink(tree.path("sub"), "linkdir");
  tree.symlink(tree.path("a.txt"), "link.txt");
  tree.symlink(tree.path("missing"), "broken.txt");
  ASSERT_EQ(::mkfifo(tree.path("pipe.fifo").c_str(), 0600), 0);

  using Set = std::set<std::string>;
  EXPECT_EQ(paths("**/*.*"), (Set{".hidden", "a.txt", "link.txt", "sub/b.txt", "sub/deep/c.md"}));
  EXPECT_EQ(paths("*.*"), (Set{".hidden", "a.txt", "link.txt"}));
  EXPECT_EQ(paths("**/*.txt"), (Set{"a.txt", "link.txt", "sub/b.txt"}));
  EXPECT_EQ(paths("*/*.txt"), (Set{"linkdir/b.txt", "sub/b.txt"}));
  EXPECT_EQ(paths("**/*"),
            (Set{".hidden", "a.txt", "link.txt", "noext", "sub/b.txt", "sub/deep/c.md"}));
  EXPECT_TRUE(paths("**").empty());
}

TEST_F(DirectorySourceTest, DocumentFieldsAreExact) {
  const std::string file = tree.file("sub/report.txt", "hello world");
  const timespec times[2] = {{1600000000, 250000000}, {1683022272, 123456789}};
  ASSERT_EQ(::utimensat(AT_FDCWD, file.c_str(), times, 0), 0);
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);

  auto found = documents();
  ASSERT_EQ(found.size(), 1u);
  const json::object& document = found[0].document;
  std::vector<std::string> keys;
  for (const auto& item : document) keys.emplace_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"path", "last_modified_time", "inode_protection_mode",
                                            "inode_number", "device_inode_reside",
                                            "number_of_links", "uid", "gid", "ctime",
                                            "last_access_time", "size", "_timestamp", "_id"}));
  EXPECT_EQ(document.at("path"), json::value(file));
  EXPECT_EQ(document.at("_id"), json::value(core::md5_hex(file)));
  EXPECT_EQ(document.at("_timestamp"), "2023-05-02T10:11:12.123457+00:00");
  EXPECT_EQ(document.at("last_modified_time"), "2023-05-02T10:11:12.123457+00:00");
  EXPECT_EQ(document.at("inode_protection_mode"), static_cast<std::int64_t>(info.st_mode));
  EXPECT_EQ(document.at("inode_number"), static_cast<std::int64_t>(info.st_ino));
  EXPECT_EQ(document.at("device_inode_reside"), static_cast<std::int64_t>(info.st_dev));
  EXPECT_EQ(document.at("number_of_links"), 1);
  EXPECT_EQ(document.at("uid"), static_cast<std::int64_t>(info.st_uid));
  EXPECT_EQ(document.at("gid"), static_cast<std::int64_t>(info.st_gid));
  EXPECT_EQ(document.at("size"), 11);
  EXPECT_EQ(document.at("last_access_time"), 1600000000.25);
  EXPECT_EQ(document.at("ctime"),
            source::python_stat_time(info.st_ctim.tv_sec, info.st_ctim.tv_nsec));
  EXPECT_TRUE(found[0].download);
}

TEST_F(DirectorySourceTest, WholeSecondTimestampsHaveNoFraction) {
  const std::string file = tree.file("a.txt");
  const timespec times[2] = {{0, UTIME_OMIT}, {1683022272, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, file.c_str(), times, 0), 0);
  auto found = documents();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].document.at("_timestamp"), "2023-05-02T10:11:12+00:00");
}

TEST_F(DirectorySourceTest, SymlinkedFileKeepsItsPathWithTheTargetsStat) {
  const std::string target = tree.file("data/target.bin", "12345");
  tree.symlink(target, "alias.txt");
  struct stat info {};
  ASSERT_EQ(::stat(target.c_str(), &info), 0);
  auto found = documents("alias.txt");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].document.at("path"), json::value(tree.path("alias.txt")));
  EXPECT_EQ(found[0].document.at("_id"), json::value(core::md5_hex(tree.path("alias.txt"))));
  EXPECT_EQ(found[0].document.at("inode_number"), static_cast<std::int64_t>(info.st_ino));
  EXPECT_EQ(found[0].document.at("size"), 5);
  // The link's extension decides the download.
  auto content = loop.run(found[0].download(true, std::nullopt));
  ASSERT_TRUE(content);
  EXPECT_EQ(content->at("_attachment"), json::value(core::base64_encode("12345")));
}

TEST_F(DirectorySourceTest, EveryFileGetsItsOwnStatWhateverItsDirectory) {
  // Files are stat'ed relative to their parent; the parent changes between and within
  // batches, and two directories hold files of the same name.
  std::map<std::string, std::size_t> sizes;
  const std::vector<std::string> names{"top.txt", "a/x.txt",     "a/b/x.txt",   "a/y.txt",
                                       "c/x.txt", "c/d/e/z.txt", "linked/q.txt"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    tree.file(names[i], std::string(i + 1, 'x'));
    sizes[names[i]] = i + 1;
  }
  for (int i = 0; i < 200; ++i) tree.file("many/f" + std::to_string(i) + ".txt");
  tree.symlink(tree.path("linked"), "alias");
  std::size_t checked = 0;
  for (const auto& found : documents("**/*.txt")) {
    const std::string path(found.document.at("path").get_string());
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0) << path;
    EXPECT_EQ(found.document.at("inode_number"), static_cast<std::int64_t>(info.st_ino)) << path;
    const std::string relative = path.substr(tree.root().size() + 1);
    if (sizes.contains(relative)) {
      EXPECT_EQ(found.document.at("size"), static_cast<std::int64_t>(sizes[relative])) << path;
      ++checked;
    }
  }
  EXPECT_EQ(checked, names.size());
  // Through a symlinked directory: the target's file, found by its linked path.
  auto through_link = documents("alias/*.txt");
  ASSERT_EQ(through_link.size(), 1u);
  EXPECT_EQ(through_link[0].document.at("size"), 7);
}

TEST_F(DirectorySourceTest, ManyFilesCrossBatches) {
  for (int i = 0; i < 300; ++i) tree.file("bulk/file" + std::to_string(i) + ".txt");
  auto found = documents();
  EXPECT_EQ(found.size(), 300u);
  std::set<std::string> ids;
  for (const auto& document : found)
    ids.insert(std::string(document.document.at("_id").get_string()));
  EXPECT_EQ(ids.size(), 300u);
}

TEST_F(DirectorySourceTest, SinkRefusalStopsTheEnumeration) {
  for (int i = 0; i < 10; ++i) tree.file("f" + std::to_string(i) + ".txt");
  auto source = make(stored(tree.root()));
  source::testing::MemorySink sink;
  sink.limit = 3;
  EXPECT_THROW(loop.run(source->get_docs(sink, protocol::Filter())), core::Error);
  EXPECT_EQ(sink.documents.size(), 3u);
}

// A missing root (an unmounted share, a renamed folder) is an error, not an empty source
// whose sync would delete every document.
TEST_F(DirectorySourceTest, AMissingOrUnreadableRootIsAnError) {
  auto missing = make(stored(tree.path("missing")));
  source::testing::MemorySink sink;
  try {
    loop.run(missing->get_docs(sink, protocol::Filter()));
    ADD_FAILURE() << "no error for a missing root";
  } catch (const source::SourceError& error) {
    EXPECT_NE(std::string(error.what()).find(tree.path("missing") + " cannot be read"),
              std::string::npos)
        << error.what();
  }
  EXPECT_THROW(loop.run(missing->ping()), source::SourceError);
  EXPECT_TRUE(sink.documents.empty());

  const std::string file = tree.file("plain.txt");
  EXPECT_THROW(loop.run(make(stored(file))->ping()), source::SourceError);

  // A connector whose configuration was never set (null) has no folder: a clear error.
  if (std::getenv("SYSTEM_DIR") == nullptr) {
    auto unconfigured = make(json::value(nullptr));
    EXPECT_THROW(loop.run(unconfigured->get_docs(sink, protocol::Filter())),
                 source::ConfigurationError);
    EXPECT_THROW(loop.run(unconfigured->ping()), source::ConfigurationError);
  }
}

// A subfolder the service may not list is reported (the engine then deletes nothing and
// fails the job), and the walk goes on.
TEST_F(DirectorySourceTest, AnUnreadableSubfolderIsReportedAndTheRestIsListed) {
  tree.file("a.txt");
  tree.file("locked/b.txt");
  tree.file("z/c.txt");
  namespace fs = std::filesystem;
  for (const auto& entry : fs::recursive_directory_iterator(tree.root())) {
    fs::permissions(entry.path(), entry.is_directory() ? fs::perms(0755) : fs::perms(0644));
  }
  fs::permissions(tree.root(), fs::perms(0755));
  fs::permissions(tree.path("locked"), fs::perms::none);
  // root lists any folder whatever its mode: the walk then runs in a child process as
  // nobody (65534), which reports through its exit code.
  const auto walk = [&]() -> int {
    source::testing::Loop child_loop;
    auto source = std::make_unique<DirectoryDataSource>(
        DataSourceConfiguration(stored(tree.root())), child_loop.context());
    source::testing::MemorySink sink;
    child_loop.run(source->get_docs(sink, protocol::Filter()));
    if (sink.documents.size() != 2) return 10 + static_cast<int>(sink.documents.size());
    if (sink.unreadable_parts.size() != 1)
      return 20 + static_cast<int>(sink.unreadable_parts.size());
    if (sink.unreadable_parts[0].first != tree.path("locked")) return 30;
    if (sink.unreadable_parts[0].second != "Permission denied") return 31;
    return 0;
  };
  int code = 0;
  if (::geteuid() != 0) {
    code = walk();
  } else {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
      int result = 3;
      try {
        result = walk();
      } catch (...) {
      }
      ::_exit(result);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    code = WEXITSTATUS(status);
  }
  fs::permissions(tree.path("locked"), fs::perms::owner_all);
  EXPECT_EQ(code, 0) << "10+n: n documents instead of 2; 20+n: n unreadable parts instead of 1; "
                        "30: wrong path; 31: wrong reason; 2: setuid failed; 3: an exception";
}

TEST_F(DirectorySourceTest, InvalidPatternFailsGetDocs) {
  auto source = make(stored(tree.root(), "/abs/*"));
  source::testing::MemorySink sink;
  EXPECT_THROW(loop.run(source->get_docs(sink, protocol::Filter())), source::ConfigurationError);
}

TEST_F(DirectorySourceTest, DownloadOnlyWhenAskedAndSupported) {
  tree.file("doc.txt", "some text");
  tree.file("image.PDF", "pdf");
  tree.file("data.bin", "bin");
  tree.file(".txt", "dotfile");
  tree.file("empty.md", "");
  std::map<std::string, source::LazyDownload> downloads;
  for (auto& found : documents("*")) {
    downloads[std::string(found.document.at("path").get_string()).substr(tree.root().size() + 1)] =
        found.download;
  }
  ASSERT_EQ(downloads.size(), 5u);

  EXPECT_EQ(loop.run(downloads["doc.txt"](false, "t")), std::nullopt);
  auto content = loop.run(downloads["doc.txt"](true, "2023-05-02T10:11:12+00:00"));
  ASSERT_TRUE(content);
  EXPECT_EQ(json::serialize(*content),
            R"({"_id":")" + core::md5_hex(tree.path("doc.txt")) +
                R"(","_timestamp":"2023-05-02T10:11:12+00:00","_attachment":"c29tZSB0ZXh0"})");
  EXPECT_EQ(loop.run(downloads["image.PDF"](true, std::nullopt)), std::nullopt);
  EXPECT_EQ(loop.run(downloads["data.bin"](true, std::nullopt)), std::nullopt);
  EXPECT_EQ(loop.run(downloads[".txt"](true, std::nullopt)), std::nullopt);
  auto empty = loop.run(downloads["empty.md"](true, std::nullopt));
  ASSERT_TRUE(empty);  // no size checks for `dir`
  EXPECT_EQ(empty->at("_attachment"), "");
  EXPECT_TRUE(empty->at("_timestamp").is_null());
}

TEST_F(DirectorySourceTest, LargeFilesAreEncodedWhole) {
  std::string content;
  for (int i = 0; i < 200000; ++i) content += static_cast<char>(i * 7 % 256);
  tree.file("big.csv", content);
  auto found = documents();
  ASSERT_EQ(found.size(), 1u);
  auto download = loop.run(found[0].download(true, std::nullopt));
  ASSERT_TRUE(download);
  EXPECT_EQ(download->at("_attachment"), json::value(core::base64_encode(content)));
}

TEST_F(DirectorySourceTest, DownloadOutlivesItsSourceAndReportsVanishedFiles) {
  tree.file("gone.txt", "x");
  source::LazyDownload download;
  {
    auto found = documents();
    ASSERT_EQ(found.size(), 1u);
    download = found[0].download;
  }
  std::filesystem::remove(tree.path("gone.txt"));
  try {
    loop.run(download(true, std::nullopt));
    FAIL();
  } catch (const source::SourceError& error) {
    EXPECT_EQ(std::string(error.what()),
              "Cannot read " + tree.path("gone.txt") + ": No such file or directory");
  }
}

TEST_F(DirectorySourceTest, MakeDocumentHandlesLargeUnsignedValues) {
  struct stat info {};
  info.st_ino = static_cast<ino_t>(UINT64_MAX);
  info.st_mode = S_IFREG | 0644;
  auto document = DirectoryDataSource::make_document("/x", info);
  EXPECT_TRUE(document.at("inode_number").is_uint64());
  EXPECT_EQ(document.at("inode_number").get_uint64(), UINT64_MAX);
  EXPECT_EQ(document.at("_timestamp"), "1970-01-01T00:00:00+00:00");
}

}  // namespace
}  // namespace ei::sources
