#pragma once

#include "source/source_registry.hpp"

namespace ei::sources {

// A registry holding every built-in source this build implements, by service type.
// Explicit (no static self-registration) so the linker cannot drop a source.
source::SourceRegistry builtin_registry();

}  // namespace ei::sources
