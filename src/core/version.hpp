#pragma once

#include <string_view>

namespace ei::core {

// The connectors-python release whose protocol and observable behavior we reproduce. It is
// what `--version` prints and what goes into the user-agent and ECS `service.version`.
inline constexpr std::string_view kProtocolVersion = "8.8.3.0";

// This build's own version (CMake project version).
std::string_view version();

}  // namespace ei::core
