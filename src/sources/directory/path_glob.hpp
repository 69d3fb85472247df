#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sources/directory/glob_pattern.hpp"

namespace ei::sources {

// Python's `pathlib.Path(root).glob(pattern)` (3.10) as a resumable iterator, so a caller
// can take matches in batches off the event loop. Semantics kept:
// - segments split on `/`, empty and `.` segments dropped; `**` matches the directory
//   itself and every directory below it, recursing into real directories only (not into
//   symlinked ones); a path found twice under one `**` is reported once;
// - a wildcard segment matches entry names with fnmatch rules (GlobPattern), following
//   symlinks when it must be a directory (more segments follow);
// - a literal segment matches a path that exists (a directory when more segments follow);
// - matches come in directory listing order, depth first; directories that cannot be
//   listed are skipped, and take_unreadable() names them (pathlib skips them silently).
// Paths are `root/segment/...` strings; nothing is resolved or normalized.
class PathGlob {
 public:
  // Throws source::ConfigurationError for an empty or absolute pattern, or `**` inside a
  // segment (pathlib's ValueError / NotImplementedError).
  PathGlob(std::string root, std::string_view pattern);

  // The next match; nothing when done. Blocks on the filesystem.
  std::optional<std::string> next();

  // Folders the walk could not list since the last call (not those removed meanwhile).
  struct Unreadable {
    std::string path;
    std::string reason;  // strerror
  };
  std::vector<Unreadable> take_unreadable();

 private:
  enum class SegmentKind { kLiteral, kWildcard, kRecursive };
  struct Segment {
    std::string text;
    SegmentKind kind;
    GlobPattern pattern;
  };
  using Seen = std::unordered_set<std::string>;
  using Scopes = std::vector<std::shared_ptr<Seen>>;  // enclosing `**`, outermost first
  struct Work {
    std::string path;
    std::size_t segment;  // index of the segment to apply at `path`
    bool recurse;         // walk the directories below `path` for segment (a `**`)
    std::shared_ptr<const Scopes> scopes;
  };

  void expand(Work work);
  bool first_time(const Work& work) const;

  std::vector<Segment> segments_;
  std::vector<Work> stack_;
  std::vector<Unreadable> unreadable_;
  std::unordered_set<std::string> noted_unreadable_;  // every folder noted, once
};

}  // namespace ei::sources
