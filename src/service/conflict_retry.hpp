#pragma once

#include "core/logging.hpp"
#include "es/errors.hpp"

namespace ei::service {

// A conditional step re-runs from its reload on a version conflict, at most this many times
// in all (spec §5.5); the last conflict is raised.
inline constexpr int kConflictAttempts = 3;

inline void log_conflict(const es::VersionConflictError& error) {
  core::log().debug("A conflict error was returned from elasticsearch: {}", error.what());
}

}  // namespace ei::service
