#pragma once

#include <string>

#include "core/time.hpp"

namespace ei::protocol {

// A date-time field as stored (the text, kept for exact round trips and log lines) and as
// understood (accepted forms: spec §7.1, `Z`, offsets, naive = UTC).
struct Timestamp {
  std::string text;
  core::TimePoint time;

  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

}  // namespace ei::protocol
