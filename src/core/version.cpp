#include "core/version.hpp"

namespace ei::core {

std::string_view version() {
  return EI_VERSION;
}

}  // namespace ei::core
