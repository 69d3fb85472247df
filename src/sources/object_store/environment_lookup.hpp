#pragma once

#include <functional>
#include <optional>
#include <string>

namespace ei::sources::object_store {

// Reads an environment variable; nothing when unset or empty. The object-store sources take
// one (AWS_*, STORAGE_EMULATOR_HOST) so that tests need not touch the process environment.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string&)>;

EnvironmentLookup process_environment();

}  // namespace ei::sources::object_store
