#include "sources/builtin_registry.hpp"

#include "sources/directory/directory_data_source.hpp"

namespace ei::sources {

source::SourceRegistry builtin_registry() {
  source::SourceRegistry registry;
  registry.add(DirectoryDataSource::descriptor_ptr(),
               [](source::DataSourceConfiguration configuration,
                  const source::SourceContext& context) -> std::unique_ptr<source::DataSource> {
                 return std::make_unique<DirectoryDataSource>(std::move(configuration), context);
               });
  return registry;
}

}  // namespace ei::sources
