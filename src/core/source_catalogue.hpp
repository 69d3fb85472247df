#pragma once

// The built-in sources of the reference, in one place: service type, the reference's class
// (so that an existing config.yml keeps working) and display name. The `sources:` default
// of config.yml, the class-name resolution and `--action list` derive from it; whether this
// build implements one is the source registry's business (sources/builtin_registry).

#include <span>
#include <string_view>

namespace ei::core {

struct CatalogueEntry {
  std::string_view service_type;
  std::string_view class_spec;  // "module.path:ClassName"
  std::string_view display_name;
};

// The thirteen, in the reference's order.
std::span<const CatalogueEntry> source_catalogue();

}  // namespace ei::core
