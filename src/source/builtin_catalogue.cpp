#include "source/builtin_catalogue.hpp"

namespace ei::source {

namespace {

std::string_view class_name_of(std::string_view spec) {
  auto colon = spec.rfind(':');
  return colon == std::string_view::npos ? spec : spec.substr(colon + 1);
}

}  // namespace

std::span<const BuiltinSource> builtin_sources() {
  return core::source_catalogue();
}

std::optional<BuiltinSource> find_builtin_by_class(std::string_view spec) {
  for (const auto& builtin : builtin_sources()) {
    if (spec == builtin.class_spec) return builtin;
  }
  // A bare class name, or the class under another module path (the reference moved some
  // modules between versions, e.g. connectors.sources.aws:S3DataSource).
  if (is_plugin_spec(spec)) return std::nullopt;
  auto wanted = class_name_of(spec);
  for (const auto& builtin : builtin_sources()) {
    if (wanted == class_name_of(builtin.class_spec)) return builtin;
  }
  return std::nullopt;
}

bool is_plugin_spec(std::string_view spec) {
  auto colon = spec.rfind(':');
  if (colon == std::string_view::npos) return false;
  auto path = spec.substr(0, colon);
  return path.ends_with(".so") || path.find(".so.") != std::string_view::npos;
}

}  // namespace ei::source
