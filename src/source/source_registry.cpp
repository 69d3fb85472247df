#include "source/source_registry.hpp"

#include "source/builtin_catalogue.hpp"
#include "source/errors.hpp"
#include "source/plugin_data_source.hpp"
#include "source/plugin_library.hpp"

namespace ei::source {

void SourceRegistry::add(std::shared_ptr<const SourceDescriptor> descriptor,
                         SourceFactory factory) {
  for (auto& type : types_) {
    if (type.descriptor->service_type == descriptor->service_type) {
      type = SourceType{std::move(descriptor), std::move(factory)};
      return;
    }
  }
  types_.push_back(SourceType{std::move(descriptor), std::move(factory)});
}

const SourceType* SourceRegistry::find(std::string_view service_type) const {
  for (const auto& type : types_) {
    if (type.descriptor->service_type == service_type) return &type;
  }
  return nullptr;
}

std::vector<std::string> SourceRegistry::service_types() const {
  std::vector<std::string> names;
  for (const auto& type : types_) names.push_back(type.descriptor->service_type);
  return names;
}

SourceType SourceRegistry::resolve(std::string_view class_spec) const {
  if (is_plugin_spec(class_spec)) {
    const auto colon = class_spec.rfind(':');
    auto library = PluginLibrary::load(std::string(class_spec.substr(0, colon)),
                                       std::string(class_spec.substr(colon + 1)));
    auto descriptor = library->descriptor();
    SourceFactory factory = [library](DataSourceConfiguration configuration,
                                      const SourceContext& context) {
      return std::make_unique<PluginDataSource>(library, std::move(configuration), context);
    };
    return SourceType{std::move(descriptor), std::move(factory)};
  }
  auto builtin = find_builtin_by_class(class_spec);
  if (!builtin) {
    throw SourceResolutionError(
        "unknown source class '" + std::string(class_spec) +
        "' (expected a built-in class such as "
        "connectors.sources.directory:DirectoryDataSource, or path/to/libsource.so:Symbol)");
  }
  const SourceType* type = find(builtin->service_type);
  if (type == nullptr) {
    throw SourceNotBuiltError("source class '" + std::string(class_spec) + "' (" +
                              std::string(builtin->display_name) +
                              ") is not available in this build");
  }
  return *type;
}

std::vector<ResolvedSource> SourceRegistry::resolve_all(
    const std::vector<core::SourceEntry>& entries) const {
  std::vector<ResolvedSource> resolved;
  for (const auto& entry : entries) {
    try {
      resolved.push_back({entry.service_type, entry.class_spec, resolve(entry.class_spec)});
    } catch (const SourceResolutionError& error) {
      throw SourceResolutionError("sources." + entry.service_type + ": " + error.what());
    }
  }
  return resolved;
}

}  // namespace ei::source
