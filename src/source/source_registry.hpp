#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "source/data_source.hpp"
#include "source/source_context.hpp"

namespace ei::source {

using SourceFactory =
    std::function<std::unique_ptr<DataSource>(DataSourceConfiguration, const SourceContext&)>;

// A source type the service can instantiate: its descriptor and its factory.
struct SourceType {
  std::shared_ptr<const SourceDescriptor> descriptor;
  SourceFactory create;
};

// One `sources:` entry of config.yml, resolved.
struct ResolvedSource {
  std::string service_type;  // the config.yml key, matched against connector.service_type
  std::string class_spec;    // as written
  SourceType type;
};

// Source types by name (Envoy-style factories). Built-ins are added by service type;
// config.yml's `sources:` values resolve through the reference's class names (via the
// built-in catalogue) or load a plug-in (`path/to/libX.so:Symbol`).
class SourceRegistry {
 public:
  // Registers a built-in under descriptor->service_type, replacing an earlier one.
  void add(std::shared_ptr<const SourceDescriptor> descriptor, SourceFactory factory);

  // A registered built-in by service type; nullptr when none.
  const SourceType* find(std::string_view service_type) const;
  std::vector<std::string> service_types() const;

  // One `sources:` value: "connectors.sources.directory:DirectoryDataSource",
  // "DirectoryDataSource" or "path/to/libX.so:Symbol". Throws SourceResolutionError for an
  // unknown class, a built-in this build does not implement, or a plug-in that fails to load.
  SourceType resolve(std::string_view class_spec) const;

  // Every entry, in order; errors are prefixed with `sources.<service type>: `.
  std::vector<ResolvedSource> resolve_all(const std::vector<core::SourceEntry>& entries) const;

 private:
  std::vector<SourceType> types_;
};

}  // namespace ei::source
