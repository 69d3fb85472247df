#include "sync/document_key.hpp"

#include <boost/json/serialize.hpp>
#include <functional>

namespace ei::sync {

namespace json = boost::json;

namespace {

// The standard library's string hash is a 64-bit Murmur-style mix on this platform; the
// final avalanche makes short, similar ids spread over the whole range.
std::uint64_t hash_text(std::string_view text) {
  std::uint64_t h = std::hash<std::string_view>{}(text);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h == 0 ? 1 : h;
}

}  // namespace

std::string id_text(const json::value& id) {
  if (const json::string* text = id.if_string()) return std::string(*text);
  return json::serialize(id);
}

std::uint64_t id_key(std::string_view id_text) {
  return hash_text(id_text);
}

std::uint64_t timestamp_key(std::string_view text) {
  return hash_text(text);
}

std::uint64_t timestamp_key(const json::object& document) {
  const json::value* timestamp = document.if_contains("_timestamp");
  if (timestamp == nullptr) return 0;
  // Strings (nearly every timestamp) are hashed in place; other values by their JSON form,
  // with a different seed so that 5 and "5" stay apart.
  if (const json::string* text = timestamp->if_string()) return timestamp_key(*text);
  const std::uint64_t h = hash_text(json::serialize(*timestamp)) * 0x9e3779b97f4a7c15ULL;
  return h == 0 ? 1 : h;
}

}  // namespace ei::sync
