#pragma once

// The documents an index held when the sync started (spec §13.2), in 16 bytes each plus one
// "seen" bit: the hash of the id's text and the hash of its `_timestamp`. The reference keeps
// every id and timestamp as objects (GBs at 100M documents); the ids themselves are read
// again from the index, only when some documents were not seen, to delete them (§13.5).
//
// Accepted risk: two different ids with the same 64-bit hash (probability about n²/2^65,
// 3e-8 at one million documents) are taken for one document: a new document could then be
// seen as an unchanged one and skipped, or a vanished one kept.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace ei::sync {

class ExistingDocuments {
 public:
  void reserve(std::size_t count) { entries_.reserve(count); }
  // Adds a document while loading; call seal() once all are in.
  void add(std::uint64_t id_key, std::uint64_t timestamp_key);
  // Sorts for lookups; the first entry of a repeated id wins.
  void seal();

  // The position of the id, if the index held it.
  std::optional<std::size_t> find(std::uint64_t id_key) const;
  std::uint64_t timestamp_key(std::size_t position) const { return entries_[position].timestamp; }
  bool seen(std::size_t position) const;
  void mark_seen(std::size_t position);

  std::size_t size() const { return entries_.size(); }
  std::size_t unseen() const { return entries_.size() - seen_count_; }
  // Heap bytes held, for logs and the memory tests.
  std::size_t memory_bytes() const;

 private:
  struct Entry {
    std::uint64_t id;
    std::uint64_t timestamp;
  };
  std::vector<Entry> entries_;
  std::vector<std::uint64_t> seen_bits_;
  std::size_t seen_count_ = 0;
};

}  // namespace ei::sync
