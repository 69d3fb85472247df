#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/source_catalogue.hpp"

namespace ei::source {

// One built-in source type of the reference (core/source_catalogue.hpp).
using BuiltinSource = core::CatalogueEntry;

std::span<const BuiltinSource> builtin_sources();

// Resolves a `sources:` value of config.yml: the reference's full class spec
// ("connectors.sources.directory:DirectoryDataSource") or just the class name
// ("DirectoryDataSource").
std::optional<BuiltinSource> find_builtin_by_class(std::string_view spec);

// True for a third-party plug-in spec: "path/to/libsomething.so:Symbol".
bool is_plugin_spec(std::string_view spec);

}  // namespace ei::source
