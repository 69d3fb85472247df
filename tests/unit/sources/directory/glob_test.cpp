// fnmatch segments, pathlib glob over a real tree, and Python's path normalization.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "source/errors.hpp"
#include "sources/directory/glob_pattern.hpp"
#include "sources/directory/path_glob.hpp"
#include "sources/directory/python_path.hpp"
#include "unit/sources/directory/temp_tree.hpp"

namespace ei::sources {
namespace {

bool match(std::string_view pattern, std::string_view name) {
  return GlobPattern(pattern).matches(name);
}

TEST(GlobPattern, StarAndQuestionMark) {
  EXPECT_TRUE(match("*", ".hidden"));  // no special rule for dotfiles
  EXPECT_TRUE(match("*.*", ".hidden"));
  EXPECT_TRUE(match("*.*", "a.b.c"));
  EXPECT_FALSE(match("*.*", "noext"));
  EXPECT_TRUE(match("*", ""));
  EXPECT_TRUE(match("a**b", "ab"));
  EXPECT_TRUE(match("a*b*c", "aXbYbZc"));
  EXPECT_FALSE(match("a*b*c", "aXbYbZ"));
  EXPECT_TRUE(match("?.txt", "a.txt"));
  EXPECT_FALSE(match("?.txt", "ab.txt"));
  EXPECT_TRUE(match("?", "é"));  // one code point, two bytes
  EXPECT_FALSE(match("??", "é"));
  EXPECT_TRUE(match("?", "\xff"));        // an invalid byte is one character
  EXPECT_FALSE(match("A.TXT", "a.txt"));  // case-sensitive
  EXPECT_TRUE(match("a.txt", "a.txt"));
  EXPECT_FALSE(match("a.txt", "a.txtx"));
}

TEST(GlobPattern, CharacterClasses) {
  EXPECT_TRUE(match("[ab].txt", "b.txt"));
  EXPECT_FALSE(match("[ab].txt", "c.txt"));
  EXPECT_TRUE(match("[!ab]*", "c"));
  EXPECT_FALSE(match("[!ab]*", "abc"));
  EXPECT_TRUE(match("[a-c]", "b"));
  EXPECT_FALSE(match("[a-c]", "d"));
  EXPECT_TRUE(match("[a-]", "-"));
  EXPECT_TRUE(match("[-a]", "-"));
  EXPECT_TRUE(match("[a-c-e]", "-"));
  EXPECT_TRUE(match("[a-c-e]", "e"));
  EXPECT_FALSE(match("[a-c-e]", "d"));
  EXPECT_TRUE(match("[]]", "]"));
  EXPECT_TRUE(match("[!]]", "a"));
  EXPECT_FALSE(match("[!]]", "]"));
  EXPECT_FALSE(match("[z-a]", "m"));  // empty range never matches
  EXPECT_TRUE(match("[!z-a]", "m"));  // its negation matches anything
  EXPECT_TRUE(match("[", "["));       // unclosed: literal
  EXPECT_TRUE(match("[!]", "[!]"));
  EXPECT_TRUE(match("[\\]", "\\"));  // backslash is literal
  EXPECT_TRUE(match("[é]", "é"));
  EXPECT_TRUE(GlobPattern::is_wildcard("a[b"));
  EXPECT_FALSE(GlobPattern::is_wildcard("plain.txt"));
}

TEST(PythonPath, Normpath) {
  EXPECT_EQ(python_normpath(""), ".");
  EXPECT_EQ(python_normpath("/a//b/./c/"), "/a/b/c");
  EXPECT_EQ(python_normpath("/a/b/../c"), "/a/c");
  EXPECT_EQ(python_normpath("/../a"), "/a");
  EXPECT_EQ(python_normpath("../a/.."), "..");
  EXPECT_EQ(python_normpath("a/../.."), "..");
  EXPECT_EQ(python_normpath("//a"), "//a");
  EXPECT_EQ(python_normpath("///a"), "/a");
  EXPECT_EQ(python_normpath("a/./"), "a");
}

TEST(PythonPath, AbspathJoinsTheWorkingDirectory) {
  const std::string cwd = std::filesystem::current_path().string();
  EXPECT_EQ(python_abspath("/x/../y/"), "/y");
  EXPECT_EQ(python_abspath("sub/dir"), python_normpath(cwd + "/sub/dir"));
  EXPECT_EQ(python_abspath(""), python_normpath(cwd));
  EXPECT_EQ(python_abspath("."), python_normpath(cwd));
}

// root/
//   a.txt .hidden .dot.txt noext
//   sub/ b.txt c.md deep/d.txt
//   linkdir -> sub      linkfile.txt -> a.txt      broken.txt -> missing
class PathGlobTest : public ::testing::Test {
 public:
  void SetUp() override {
    tree.file("a.txt");
    tree.file(".hidden");
    tree.file(".dot.txt");
    tree.file("noext");
    tree.file("sub/b.txt");
    tree.file("sub/c.md");
    tree.file("sub/deep/d.txt");
    tree.symlink(tree.path("sub"), "linkdir");
    tree.symlink(tree.path("a.txt"), "linkfile.txt");
    tree.symlink(tree.path("missing"), "broken.txt");
  }

  // Matches relative to the root, in the order found.
  std::vector<std::string> glob(std::string_view pattern, std::string root = {}) {
    PathGlob paths(root.empty() ? tree.root() : root, pattern);
    std::vector<std::string> found;
    while (auto path = paths.next()) {
      found.push_back(path->substr(std::min(path->size(), tree.root().size() + 1)));
    }
    return found;
  }

  std::vector<std::string> sorted_glob(std::string_view pattern) {
    auto found = glob(pattern);
    std::sort(found.begin(), found.end());
    return found;
  }

  testing::TempTree tree;
};

using Paths = std::vector<std::string>;

TEST_F(PathGlobTest, RecursiveDefaultPattern) {
  // Directories match too (pathlib yields them; the source keeps regular files only), and
  // the symlinked directory is listed but not entered.
  EXPECT_EQ(sorted_glob("**/*.*"),
            (Paths{".dot.txt", ".hidden", "a.txt", "broken.txt", "linkfile.txt", "sub/b.txt",
                   "sub/c.md", "sub/deep/d.txt"}));
}

TEST_F(PathGlobTest, OneLevel) {
  EXPECT_EQ(sorted_glob("*.*"),
            (Paths{".dot.txt", ".hidden", "a.txt", "broken.txt", "linkfile.txt"}));
  EXPECT_EQ(sorted_glob("*"), (Paths{".dot.txt", ".hidden", "a.txt", "broken.txt", "linkdir",
                                     "linkfile.txt", "noext", "sub"}));
}

TEST_F(PathGlobTest, RecursiveByExtension) {
  EXPECT_EQ(sorted_glob("**/*.txt"), (Paths{".dot.txt", "a.txt", "broken.txt", "linkfile.txt",
                                            "sub/b.txt", "sub/deep/d.txt"}));
  EXPECT_EQ(sorted_glob("**/**/*.txt"), sorted_glob("**/*.txt"));  // reported once
}

TEST_F(PathGlobTest, WildcardSegmentsFollowSymlinkedDirectories) {
  EXPECT_EQ(sorted_glob("*/*.txt"), (Paths{"linkdir/b.txt", "sub/b.txt"}));
  EXPECT_EQ(sorted_glob("linkdir/**/*.txt"), (Paths{"linkdir/b.txt", "linkdir/deep/d.txt"}));
}

TEST_F(PathGlobTest, DoubleStarAloneYieldsDirectories) {
  EXPECT_EQ(sorted_glob("**"), (Paths{"", "sub", "sub/deep"}));
  EXPECT_EQ(sorted_glob("**/"), sorted_glob("**"));
}

TEST_F(PathGlobTest, LiteralSegments) {
  EXPECT_EQ(glob("sub/deep/d.txt"), Paths{"sub/deep/d.txt"});
  EXPECT_EQ(glob("./sub//deep/d.txt"), Paths{"sub/deep/d.txt"});
  EXPECT_EQ(glob("**/deep/*"), Paths{"sub/deep/d.txt"});
  EXPECT_TRUE(glob("sub/nothing.txt").empty());
  EXPECT_TRUE(glob("a.txt/x").empty());     // a file is not a directory
  EXPECT_TRUE(glob("broken.txt").empty());  // exists() follows the link
  EXPECT_EQ(glob("sub/../a.txt"), Paths{"sub/../a.txt"});
}

TEST_F(PathGlobTest, ClassesAndQuestionMarks) {
  EXPECT_EQ(sorted_glob("?.txt"), Paths{"a.txt"});
  EXPECT_EQ(sorted_glob("[!a]*.txt"), (Paths{".dot.txt", "broken.txt", "linkfile.txt"}));
  EXPECT_EQ(sorted_glob("s[u]b/[bc].*"), (Paths{"sub/b.txt", "sub/c.md"}));
}

TEST_F(PathGlobTest, DepthFirstInListingOrder) {
  // Matches of a directory come before those of its subdirectories.
  auto found = glob("**/*.txt");
  auto position = [&](const std::string& path) {
    return std::find(found.begin(), found.end(), path) - found.begin();
  };
  EXPECT_LT(position("a.txt"), position("sub/b.txt"));
  EXPECT_LT(position("sub/b.txt"), position("sub/deep/d.txt"));
}

TEST_F(PathGlobTest, RootThatIsNotADirectory) {
  EXPECT_TRUE(glob("*", tree.path("missing")).empty());
  EXPECT_TRUE(glob("*", tree.path("a.txt")).empty());
  EXPECT_EQ(glob("*.txt", tree.path("linkdir")).size(), 1u);  // a symlinked root is fine
}

// Root reads every directory, so as root the glob runs in a child that drops to `nobody`
// and sends its findings back through a pipe, one path per line.
std::vector<std::string> glob_as_unprivileged(PathGlobTest& test, std::string_view pattern) {
  if (::geteuid() != 0) return test.sorted_glob(pattern);
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    int status = 1;
    if (::setgid(65534) == 0 && ::setuid(65534) == 0) {
      std::string out;
      for (const auto& path : test.sorted_glob(pattern)) out += path + "\n";
      status = ::write(fds[1], out.data(), out.size()) == static_cast<ssize_t>(out.size()) ? 0 : 1;
    }
    ::_exit(status);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("glob child failed");
  std::vector<std::string> found;
  for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos;
       start = end + 1) {
    found.push_back(text.substr(start, end - start));
  }
  return found;
}

TEST_F(PathGlobTest, UnreadableDirectoriesAreSkipped) {
  tree.file("locked/secret.txt");
  ::chmod(tree.root().c_str(), 0755);  // the child (nobody) must reach the rest of the tree
  ::chmod(tree.path("locked").c_str(), 0);
  auto found = glob_as_unprivileged(*this, "**/*.txt");
  ::chmod(tree.path("locked").c_str(), 0755);
  EXPECT_EQ(std::count(found.begin(), found.end(), "locked/secret.txt"), 0);
  EXPECT_EQ(found.size(), 6u);
}

TEST_F(PathGlobTest, InvalidPatterns) {
  auto message = [&](std::string_view pattern) -> std::string {
    try {
      PathGlob(tree.root(), pattern);
    } catch (const source::ConfigurationError& error) {
      return error.what();
    }
    return "";
  };
  EXPECT_EQ(message(""), "Invalid glob pattern '': unacceptable pattern");
  EXPECT_EQ(message("."), "Invalid glob pattern '.': unacceptable pattern");
  EXPECT_EQ(message("/etc/*"),
            "Invalid glob pattern '/etc/*': non-relative patterns are unsupported");
  EXPECT_EQ(message("a**/b"),
            "Invalid glob pattern 'a**/b': '**' can only be an entire path component");
}

TEST(PathGlobRoot, FilesystemRootJoinsWithoutDoubleSlash) {
  PathGlob paths("/", "proc/self");
  auto found = paths.next();
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, "/proc/self");
}

}  // namespace
}  // namespace ei::sources
