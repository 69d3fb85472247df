#pragma once

// The documents an index held when the sync started (spec §13.2), in 16 bytes each (plus a
// quarter for free slots and one "seen" bit): the hash of the id's text and the hash of its
// `_timestamp`, in an open-addressing table. The reference keeps every id and timestamp as
// objects (GBs at 100M documents); the ids themselves are read again from the index, only
// when some documents were not seen, to delete them (§13.5).
//
// The table is usable while it is still loading: an id found in it is final (an index holds
// each id once), so the fetcher decides those documents at once and holds back only the
// ones not found yet, until the load is complete().
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
  // Room for `count` documents without growing.
  void reserve(std::size_t count);
  // Adds a document while loading; an id already present keeps its first entry.
  void add(std::uint64_t id_key, std::uint64_t timestamp_key);
  // Marks the load complete: an id not found from now on is not in the index.
  void seal() { complete_ = true; }
  bool complete() const { return complete_; }

  // The position of the id, if the index held it (so far, while loading). Positions stay
  // valid until the next add().
  std::optional<std::size_t> find(std::uint64_t id_key) const;
  std::uint64_t timestamp_key(std::size_t position) const { return slots_[position].timestamp; }
  bool seen(std::size_t position) const;
  void mark_seen(std::size_t position);

  std::size_t size() const { return size_; }
  std::size_t unseen() const { return size_ - seen_count_; }
  // Heap bytes held, for logs and the memory tests.
  std::size_t memory_bytes() const;

 private:
  struct Slot {
    std::uint64_t id = 0;  // 0: free (an id hashing to 0 is stored as 1)
    std::uint64_t timestamp = 0;
  };

  std::size_t home(std::uint64_t id) const;
  void grow(std::size_t capacity);
  // Puts an entry of a new table in its slot; returns the slot.
  std::size_t place(const Slot& slot);

  std::vector<Slot> slots_;
  std::vector<std::uint64_t> seen_bits_;
  std::size_t size_ = 0;
  std::size_t seen_count_ = 0;
  bool complete_ = false;
};

}  // namespace ei::sync
