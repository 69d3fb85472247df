#include "sync/existing_documents.hpp"

#include <algorithm>

namespace ei::sync {

void ExistingDocuments::add(std::uint64_t id_key, std::uint64_t timestamp_key) {
  entries_.push_back(Entry{id_key, timestamp_key});
}

void ExistingDocuments::seal() {
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.id < b.id; });
  auto last = std::unique(entries_.begin(), entries_.end(),
                          [](const Entry& a, const Entry& b) { return a.id == b.id; });
  entries_.erase(last, entries_.end());
  entries_.shrink_to_fit();
  seen_bits_.assign((entries_.size() + 63) / 64, 0);
  seen_count_ = 0;
}

std::optional<std::size_t> ExistingDocuments::find(std::uint64_t id_key) const {
  auto found =
      std::lower_bound(entries_.begin(), entries_.end(), id_key,
                       [](const Entry& entry, std::uint64_t key) { return entry.id < key; });
  if (found == entries_.end() || found->id != id_key) return std::nullopt;
  return static_cast<std::size_t>(found - entries_.begin());
}

bool ExistingDocuments::seen(std::size_t position) const {
  return (seen_bits_[position / 64] >> (position % 64)) & 1U;
}

void ExistingDocuments::mark_seen(std::size_t position) {
  if (seen(position)) return;
  seen_bits_[position / 64] |= std::uint64_t{1} << (position % 64);
  ++seen_count_;
}

std::size_t ExistingDocuments::memory_bytes() const {
  return entries_.capacity() * sizeof(Entry) + seen_bits_.capacity() * sizeof(std::uint64_t);
}

}  // namespace ei::sync
