#pragma once

#include "core/error.hpp"

namespace ei::filtering {

// A basic rule cannot be parsed or evaluated (unknown policy, missing key, a regex RE2
// cannot compile). Raised while a sync applies its rules, it is a fetch error (spec §13.10).
class InvalidRuleError : public core::Error {
 public:
  using core::Error::Error;
};

}  // namespace ei::filtering
