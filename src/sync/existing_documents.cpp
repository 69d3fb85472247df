#include "sync/existing_documents.hpp"

#include <algorithm>
#include <utility>

namespace ei::sync {

namespace {

constexpr std::size_t kMinimumCapacity = 16;

// Free slots kept: one in five (add() grows past four in five), so that probes stay short.
std::size_t capacity_for(std::size_t count) {
  return std::max(kMinimumCapacity, count + count / 4 + 1);
}

std::uint64_t stored_id(std::uint64_t id_key) {
  return id_key == 0 ? 1 : id_key;
}

}  // namespace

std::size_t ExistingDocuments::home(std::uint64_t id) const {
  // Lemire's multiply-shift: the hash is already uniform, no modulo needed.
  return static_cast<std::size_t>((static_cast<unsigned __int128>(id) * slots_.size()) >> 64);
}

void ExistingDocuments::reserve(std::size_t count) {
  if (capacity_for(count) > slots_.size()) grow(capacity_for(count));
}

void ExistingDocuments::grow(std::size_t capacity) {
  // Documents may already be marked seen (the fetcher decides while the table loads): the
  // marks move with their entries.
  std::vector<Slot> old_slots = std::exchange(slots_, std::vector<Slot>(capacity));
  std::vector<std::uint64_t> old_seen =
      std::exchange(seen_bits_, std::vector<std::uint64_t>((capacity + 63) / 64, 0));
  for (std::size_t i = 0; i < old_slots.size(); ++i) {
    if (old_slots[i].id == 0) continue;
    const std::size_t position = place(old_slots[i]);
    if ((old_seen[i / 64] >> (i % 64)) & 1U) {
      seen_bits_[position / 64] |= std::uint64_t{1} << (position % 64);
    }
  }
}

std::size_t ExistingDocuments::place(const Slot& slot) {
  for (std::size_t i = home(slot.id);; i = i + 1 == slots_.size() ? 0 : i + 1) {
    if (slots_[i].id == slot.id || slots_[i].id == 0) {
      slots_[i] = slot;
      return i;
    }
  }
}

void ExistingDocuments::add(std::uint64_t id_key, std::uint64_t timestamp_key) {
  if (slots_.empty() || (size_ + 1) * 5 > slots_.size() * 4) {
    grow(std::max(capacity_for(size_ + 1), slots_.size() * 2));
  }
  const std::uint64_t id = stored_id(id_key);
  for (std::size_t i = home(id);; i = i + 1 == slots_.size() ? 0 : i + 1) {
    if (slots_[i].id == id) return;  // the first entry of a repeated id wins
    if (slots_[i].id == 0) {
      slots_[i] = Slot{id, timestamp_key};
      ++size_;
      return;
    }
  }
}

std::optional<std::size_t> ExistingDocuments::find(std::uint64_t id_key) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint64_t id = stored_id(id_key);
  for (std::size_t i = home(id);; i = i + 1 == slots_.size() ? 0 : i + 1) {
    if (slots_[i].id == id) return i;
    if (slots_[i].id == 0) return std::nullopt;
  }
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
  return slots_.capacity() * sizeof(Slot) + seen_bits_.capacity() * sizeof(std::uint64_t);
}

}  // namespace ei::sync
