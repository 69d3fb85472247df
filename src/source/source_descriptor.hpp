#pragma once

#include <string>

#include "source/default_configuration.hpp"

namespace ei::source {

// What the framework knows about a source type without an instance (the reference's class
// attributes): `dir`, "System Directory" and its declared configuration.
struct SourceDescriptor {
  std::string service_type;
  std::string display_name;
  DefaultConfiguration default_configuration;
};

}  // namespace ei::source
