#include "source/content_stamp.hpp"

#include <cstdint>

#include "core/hash.hpp"
#include "core/time.hpp"

namespace ei::source {

std::string content_stamp(std::string_view serialized_document) {
  const std::string digest = core::md5_hex(serialized_document);
  const std::uint64_t microseconds = std::stoull(digest.substr(0, 12), nullptr, 16);
  // 1900-01-01T00:00:00 is 2,208,988,800 s before the epoch.
  const auto stamp = core::TimePoint(std::chrono::seconds(-2'208'988'800LL)) +
                     std::chrono::microseconds(microseconds);
  core::CivilDateTime time = core::civil_utc(stamp, false);
  return core::isoformat(time);
}

}  // namespace ei::source
