#include "sources/directory/path_glob.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "source/errors.hpp"

namespace ei::sources {

namespace {

bool stat_is_dir(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

std::string child(const std::string& parent, std::string_view name) {
  std::string path = parent;
  if (path.empty() || path.back() != '/') path += '/';
  path += name;
  return path;
}

struct Entry {
  std::string name;
  bool is_dir;      // following symlinks, like os.DirEntry.is_dir()
  bool is_symlink;  // the entry itself
};

// One directory's entries in listing order; nothing when it cannot be read, and then
// `error` is the errno of the failure.
std::vector<Entry> list_directory(const std::string& path, int& error) {
  std::vector<Entry> entries;
  error = 0;
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    error = errno;
    return entries;
  }
  while (const dirent* item = ::readdir(dir)) {
    const std::string_view name = item->d_name;
    if (name == "." || name == "..") continue;
    Entry entry{std::string(name), item->d_type == DT_DIR, item->d_type == DT_LNK};
    if (item->d_type == DT_UNKNOWN) {
      struct stat info {};
      entry.is_symlink = ::lstat(child(path, name).c_str(), &info) == 0 && S_ISLNK(info.st_mode);
      entry.is_dir = entry.is_symlink ? stat_is_dir(child(path, name)) : S_ISDIR(info.st_mode);
    } else if (entry.is_symlink) {
      entry.is_dir = stat_is_dir(child(path, name));
    }
    entries.push_back(std::move(entry));
  }
  ::closedir(dir);
  return entries;
}

// list_directory, noting a folder that exists but cannot be listed: a folder removed during
// the walk is simply gone, any other failure hides files.
// A folder is listed once per segment that applies to it (`**` and the `*.*` after it):
// it is noted once.
std::vector<Entry> list_noting_failures(const std::string& path,
                                        std::vector<PathGlob::Unreadable>& unreadable,
                                        std::unordered_set<std::string>& noted) {
  int error = 0;
  std::vector<Entry> entries = list_directory(path, error);
  if (error != 0 && error != ENOENT && error != ENOTDIR && noted.insert(path).second) {
    unreadable.push_back({path, std::strerror(error)});
  }
  return entries;
}

[[noreturn]] void bad_pattern(std::string_view pattern, std::string_view why) {
  throw source::ConfigurationError("Invalid glob pattern '" + std::string(pattern) +
                                   "': " + std::string(why));
}

}  // namespace

PathGlob::PathGlob(std::string root, std::string_view pattern) {
  if (pattern.empty()) bad_pattern(pattern, "unacceptable pattern");
  if (pattern.front() == '/') bad_pattern(pattern, "non-relative patterns are unsupported");
  std::size_t start = 0;
  while (start <= pattern.size()) {
    auto slash = pattern.find('/', start);
    if (slash == std::string_view::npos) slash = pattern.size();
    const std::string_view text = pattern.substr(start, slash - start);
    start = slash + 1;
    if (text.empty() || text == ".") continue;
    SegmentKind kind = SegmentKind::kLiteral;
    if (text == "**") {
      kind = SegmentKind::kRecursive;
    } else if (text.find("**") != std::string_view::npos) {
      bad_pattern(pattern, "'**' can only be an entire path component");
    } else if (GlobPattern::is_wildcard(text)) {
      kind = SegmentKind::kWildcard;
    }
    segments_.push_back({std::string(text), kind, GlobPattern(text)});
  }
  if (segments_.empty()) bad_pattern(pattern, "unacceptable pattern");
  // pathlib yields nothing when the root is not a directory.
  if (stat_is_dir(root)) {
    stack_.push_back({std::move(root), 0, false, std::make_shared<const Scopes>()});
  }
}

std::optional<std::string> PathGlob::next() {
  while (!stack_.empty()) {
    Work work = std::move(stack_.back());
    stack_.pop_back();
    if (!work.recurse && work.segment == segments_.size()) {
      if (first_time(work)) return std::move(work.path);
      continue;
    }
    expand(std::move(work));
  }
  return std::nullopt;
}

bool PathGlob::first_time(const Work& work) const {
  // One `**` walks each real directory once and the segments after it are not recursive,
  // so it cannot find a path twice: recording every match would only cost memory (100 MB
  // at a million files).
  if (work.scopes->size() == 1) return true;
  // Like nested generators: the innermost `**` that saw the path drops it; the ones inside
  // it record it.
  for (auto scope = work.scopes->rbegin(); scope != work.scopes->rend(); ++scope) {
    if (!(*scope)->insert(work.path).second) return false;
  }
  return true;
}

std::vector<PathGlob::Unreadable> PathGlob::take_unreadable() {
  return std::exchange(unreadable_, {});
}

void PathGlob::expand(Work work) {
  // Work is pushed in reverse so the stack pops it in listing order.
  if (work.recurse) {
    std::vector<Work> below;
    for (auto& entry : list_noting_failures(work.path, unreadable_, noted_unreadable_)) {
      if (entry.is_dir && !entry.is_symlink) {
        below.push_back({child(work.path, entry.name), work.segment, true, work.scopes});
      }
    }
    for (auto item = below.rbegin(); item != below.rend(); ++item)
      stack_.push_back(std::move(*item));
    stack_.push_back({std::move(work.path), work.segment + 1, false, work.scopes});
    return;
  }
  const Segment& segment = segments_[work.segment];
  const bool directories_only = work.segment + 1 < segments_.size();
  switch (segment.kind) {
    case SegmentKind::kRecursive: {
      auto scopes = std::make_shared<Scopes>(*work.scopes);
      scopes->push_back(std::make_shared<Seen>());
      stack_.push_back({std::move(work.path), work.segment, true, std::move(scopes)});
      return;
    }
    case SegmentKind::kLiteral: {
      std::string path = child(work.path, segment.text);
      if (directories_only ? stat_is_dir(path) : exists(path)) {
        stack_.push_back({std::move(path), work.segment + 1, false, work.scopes});
      }
      return;
    }
    case SegmentKind::kWildcard: {
      std::vector<Work> matched;
      for (auto& entry : list_noting_failures(work.path, unreadable_, noted_unreadable_)) {
        if (directories_only && !entry.is_dir) continue;
        if (!segment.pattern.matches(entry.name)) continue;
        matched.push_back({child(work.path, entry.name), work.segment + 1, false, work.scopes});
      }
      for (auto item = matched.rbegin(); item != matched.rend(); ++item) {
        stack_.push_back(std::move(*item));
      }
      return;
    }
  }
}

}  // namespace ei::sources
