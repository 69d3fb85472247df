// The catalogue of built-in sources is the one place their names live: the shipped
// config.yml, the class-name resolution and the registry of this build must agree with it.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/config.hpp"
#include "core/source_catalogue.hpp"
#include "source/builtin_catalogue.hpp"
#include "sources/builtin_registry.hpp"
#include "sources/directory/directory_data_source.hpp"
#include "unit/source/test_support.hpp"

namespace ei::source {
namespace {

const std::string kShippedConfig = std::string(EI_SOURCE_DIR) + "/config.yml";

TEST(Catalogue, TheShippedConfigNamesEverySourceOfTheCatalogue) {
  const core::Config config = core::load_config(kShippedConfig);
  EXPECT_EQ(config.sources, core::shipped_sources());
  std::set<std::string> catalogued;
  for (const auto& entry : core::source_catalogue())
    catalogued.insert(std::string(entry.service_type));
  EXPECT_EQ(catalogued.size(), 13u);
  const std::set<std::string> native(config.native_service_types.begin(),
                                     config.native_service_types.end());
  EXPECT_EQ(native, catalogued);
}

TEST(Catalogue, EveryClassResolvesToItsEntry) {
  for (const auto& entry : core::source_catalogue()) {
    const auto found = find_builtin_by_class(entry.class_spec);
    ASSERT_TRUE(found) << entry.class_spec;
    EXPECT_EQ(found->service_type, entry.service_type);
    const std::string bare(entry.class_spec.substr(entry.class_spec.rfind(':') + 1));
    EXPECT_EQ(find_builtin_by_class(bare)->service_type, entry.service_type) << bare;
  }
}

// What this build registers is in the catalogue, under the same display name.
TEST(Catalogue, EveryBuiltSourceIsCataloguedUnderItsName) {
  const auto registry = sources::builtin_registry();
  const auto built = registry.service_types();
  EXPECT_FALSE(built.empty());
  for (const std::string& type : built) {
    bool catalogued = false;
    for (const auto& entry : core::source_catalogue()) {
      if (entry.service_type != type) continue;
      catalogued = true;
      EXPECT_EQ(registry.find(type)->descriptor->display_name, entry.display_name) << type;
    }
    EXPECT_TRUE(catalogued) << type << " is registered but not in the catalogue";
  }
}

// The reference's class name of a built-in gives that source, ready to run.
TEST(Catalogue, TheDirectoryClassCreatesTheDirectorySource) {
  testing::Loop loop;
  const auto type =
      sources::builtin_registry().resolve("connectors.sources.directory:DirectoryDataSource");
  auto created = type.create(DataSourceConfiguration(boost::json::value(boost::json::object{})),
                             loop.context());
  EXPECT_EQ(created->service_type(), "dir");
  EXPECT_NE(dynamic_cast<sources::DirectoryDataSource*>(created.get()), nullptr);
}

}  // namespace
}  // namespace ei::source
