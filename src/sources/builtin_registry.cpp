#include "sources/builtin_registry.hpp"

#include "sources/directory/directory_data_source.hpp"
#include "sources/mysql/mysql_data_source.hpp"
#include "sources/postgresql/postgresql_data_source.hpp"

namespace ei::sources {

namespace {

template <typename Source>
void add_builtin(source::SourceRegistry& registry) {
  registry.add(Source::descriptor_ptr(),
               [](source::DataSourceConfiguration configuration,
                  const source::SourceContext& context) -> std::unique_ptr<source::DataSource> {
                 return std::make_unique<Source>(std::move(configuration), context);
               });
}

}  // namespace

source::SourceRegistry builtin_registry() {
  source::SourceRegistry registry;
  add_builtin<DirectoryDataSource>(registry);
  add_builtin<MySqlDataSource>(registry);
  add_builtin<PostgreSqlDataSource>(registry);
  return registry;
}

}  // namespace ei::sources
