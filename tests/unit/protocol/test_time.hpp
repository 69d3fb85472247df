#pragma once

#include <chrono>

#include "core/time.hpp"

namespace ei::protocol::testing {

// 2023-08-02T10:11:12.345678+00:00, the spec's iso_utc example.
inline core::TimePoint example_time() {
  using namespace std::chrono;
  return sys_days{year{2023} / 8 / 2} + hours{10} + minutes{11} + seconds{12} +
         microseconds{345678};
}

inline constexpr const char* kExampleIso = "2023-08-02T10:11:12.345678+00:00";

}  // namespace ei::protocol::testing
