// Content-extraction eligibility (spec framework §18, sources §0.5 and §1.4): which files
// are downloaded, by the shared rules and by the `dir` source, which has no size limit.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <string>

#include "core/base64.hpp"
#include "source/content_types.hpp"
#include "source/download_eligibility.hpp"
#include "sources/directory/directory_data_source.hpp"
#include "unit/source/test_support.hpp"
#include "unit/sources/directory/temp_tree.hpp"

namespace ei::source {
namespace {

constexpr std::uint64_t kLimit = 10485760;

TEST(ContentEligibility, SupportedExtensionsWithinTheLimitAreDownloaded) {
  EXPECT_EQ(kMaxDownloadSize, kLimit);
  for (std::string_view extension : supported_extensions()) {
    const std::string name = "/data/report" + std::string(extension);
    EXPECT_EQ(download_verdict(name, 1), DownloadVerdict::download) << name;
    EXPECT_EQ(download_verdict(name, kLimit), DownloadVerdict::download) << name;
  }
  EXPECT_EQ(download_verdict("notes.txt", std::nullopt), DownloadVerdict::download);
}

TEST(ContentEligibility, TheLimitIsStrictlyAboveTenMebibytes) {
  EXPECT_EQ(download_verdict("a.pdf", kLimit), DownloadVerdict::download);
  EXPECT_EQ(download_verdict("a.pdf", kLimit + 1), DownloadVerdict::too_large);
  EXPECT_EQ(download_verdict("a.pdf", std::uint64_t{1} << 40), DownloadVerdict::too_large);
  // Sources without a limit (`dir`) download any size.
  EXPECT_EQ(download_verdict("a.pdf", kLimit + 1, {.size_limit = false}),
            DownloadVerdict::download);
}

TEST(ContentEligibility, ExtensionsAreCaseSensitiveAndFinal) {
  for (const char* name : {"a.PDF", "a.Docx", "a.exe", "README", ".txt", "archive.txt.gz",
                           "dir.pdf/file", "..pdf", "a.pdf.", "a."}) {
    EXPECT_EQ(download_verdict(name, 10), DownloadVerdict::unsupported_extension) << name;
  }
  EXPECT_EQ(download_verdict("archive.gz.txt", 10), DownloadVerdict::download);
  EXPECT_EQ(download_verdict("dir.d/..a.md", 10), DownloadVerdict::download);
}

TEST(ContentEligibility, EmptyFilesAreSkippedWhereTheSourceSaysSo) {
  EXPECT_EQ(download_verdict("a.txt", 0), DownloadVerdict::empty);
  EXPECT_EQ(download_verdict("a.txt", 0, {.skip_empty = false}), DownloadVerdict::download);
  // An unknown size is not an empty file.
  EXPECT_EQ(download_verdict("a.txt", std::nullopt), DownloadVerdict::download);
}

TEST(ContentEligibility, SkipsAreDescribedForTheWarning) {
  EXPECT_EQ(describe_skip(DownloadVerdict::download, "a.txt", 5), "");
  EXPECT_EQ(describe_skip(DownloadVerdict::too_large, "big.pdf", kLimit + 1),
            "File big.pdf of size 10485761 bytes is larger than 10485760 bytes. Discarding "
            "file content");
  EXPECT_EQ(describe_skip(DownloadVerdict::unsupported_extension, "a.PDF", 3),
            "File a.PDF has an unsupported extension '.PDF'. Discarding file content");
  EXPECT_EQ(describe_skip(DownloadVerdict::empty, "e.md", 0),
            "File e.md is empty. Discarding file content");
}

// The `dir` source applies the extension rule and, unlike the reference (sources §1.4), the
// shared size limit: a larger file is indexed without its content.
class DirectoryContentEligibility : public ::testing::Test {
 protected:
  std::optional<boost::json::object> download(const std::string& path) {
    std::error_code ignored;
    const std::uint64_t size = std::filesystem::file_size(path, ignored);
    LazyDownload lazy = sources::DirectoryDataSource::make_download(
        path, "id-1", ignored ? 0 : size, loop.pool.get_executor());
    return loop.run(lazy(true, std::string("2024-01-01T00:00:00+00:00")));
  }

  testing::Loop loop;
  sources::testing::TempTree tree;
};

TEST_F(DirectoryContentEligibility, FilesAboveTheSharedLimitAreNotRead) {
  const std::string path = tree.file("huge.txt");
  std::filesystem::resize_file(path, kLimit + 1);  // sparse: zeros after the "x"
  EXPECT_EQ(download(path), std::nullopt);
  // Not even opened: the listed size decides.
  LazyDownload unreadable = sources::DirectoryDataSource::make_download(
      tree.path("gone.txt"), "id-2", kLimit + 1, loop.pool.get_executor());
  EXPECT_EQ(loop.run(unreadable(true, std::nullopt)), std::nullopt);
}

TEST_F(DirectoryContentEligibility, FilesAtTheSharedLimitAreDownloaded) {
  const std::string path = tree.file("limit.txt");
  std::filesystem::resize_file(path, kLimit);
  const std::optional<boost::json::object> content = download(path);
  ASSERT_TRUE(content);
  const boost::json::string& attachment = content->at("_attachment").as_string();
  EXPECT_EQ(attachment.size(), core::Base64Encoder::encoded_size(kLimit));
  EXPECT_EQ(attachment.subview(0, 4), "eAAA");  // "x\0\0"
  EXPECT_EQ(content->at("_id"), "id-1");
}

TEST_F(DirectoryContentEligibility, UnsupportedExtensionsAreNotRead) {
  const std::string upper = tree.file("scan.PDF", "%PDF-1.4");
  EXPECT_EQ(download(upper), std::nullopt);
  // Not even opened: a missing file with an unsupported extension is no error.
  EXPECT_EQ(download(tree.path("missing.bin")), std::nullopt);
  const std::string html = tree.file("page.html", "<p>hi</p>");
  const std::optional<boost::json::object> content = download(html);
  ASSERT_TRUE(content);
  EXPECT_EQ(content->at("_attachment"), boost::json::value(core::base64_encode("<p>hi</p>")));
}

}  // namespace
}  // namespace ei::source
