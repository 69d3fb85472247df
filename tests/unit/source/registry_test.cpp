// Source registry: built-ins by service type, config.yml class names, plug-in load errors.
#include <gtest/gtest.h>

#include <string>

#include "source/builtin_catalogue.hpp"
#include "source/errors.hpp"
#include "source/source_registry.hpp"
#include "sources/builtin_registry.hpp"

namespace ei::source {
namespace {

std::string resolution_error(const SourceRegistry& registry, std::string_view spec) {
  try {
    registry.resolve(spec);
  } catch (const SourceResolutionError& error) {
    return error.what();
  }
  return "";
}

TEST(Registry, BuiltinsByServiceType) {
  auto registry = sources::builtin_registry();
  ASSERT_NE(registry.find("dir"), nullptr);
  EXPECT_EQ(registry.find("dir")->descriptor->display_name, "System Directory");
  EXPECT_EQ(registry.find("mongodb")->descriptor->display_name, "MongoDB");
  EXPECT_EQ(registry.find("oracle")->descriptor->display_name, "Oracle Database");
  EXPECT_EQ(registry.find("mysql")->descriptor->display_name, "MySQL");
  EXPECT_EQ(registry.find("postgresql")->descriptor->display_name, "PostgreSQL");
  EXPECT_EQ(
      registry.service_types(),
      (std::vector<std::string>{"azure_blob_storage", "confluence", "dir", "google_cloud_storage",
                                "jira", "mongodb", "mssql", "mysql", "network_drive", "oracle",
                                "postgresql", "s3", "sharepoint"}));
}

TEST(Registry, AddReplacesASameNamedType) {
  SourceRegistry registry;
  auto first = std::make_shared<const SourceDescriptor>(SourceDescriptor{"x", "First", {}});
  auto second = std::make_shared<const SourceDescriptor>(SourceDescriptor{"x", "Second", {}});
  registry.add(first, nullptr);
  registry.add(second, nullptr);
  EXPECT_EQ(registry.service_types().size(), 1u);
  EXPECT_EQ(registry.find("x")->descriptor->display_name, "Second");
}

TEST(Registry, ResolvesTheReferenceClassNames) {
  auto registry = sources::builtin_registry();
  for (const char* spec : {"connectors.sources.directory:DirectoryDataSource",
                           "DirectoryDataSource", "connectors.sources.other:DirectoryDataSource"}) {
    EXPECT_EQ(registry.resolve(spec).descriptor->service_type, "dir") << spec;
  }
}

TEST(Registry, UnknownClass) {
  auto registry = sources::builtin_registry();
  EXPECT_EQ(resolution_error(registry, "connectors.sources.foo:FooDataSource"),
            "unknown source class 'connectors.sources.foo:FooDataSource' (expected a built-in "
            "class such as connectors.sources.directory:DirectoryDataSource, or "
            "path/to/libsource.so:Symbol)");
}

// Every catalogued source is built by default; a build with fewer (EI_SOURCES) is a registry
// without some of them.
TEST(Registry, CataloguedButNotBuilt) {
  SourceRegistry registry;
  EXPECT_EQ(resolution_error(registry, "connectors.sources.oracle:OracleDataSource"),
            "source class 'connectors.sources.oracle:OracleDataSource' (Oracle Database) is not "
            "available in this build");
}

TEST(Registry, ResolveAllPrefixesTheKey) {
  const auto builtin = sources::builtin_registry();
  SourceRegistry registry;  // a build with the directory source only
  registry.add(builtin.find("dir")->descriptor, builtin.find("dir")->create);
  auto resolved = registry.resolve_all({{"dir", "connectors.sources.directory:DirectoryDataSource"},
                                        {"files", "DirectoryDataSource"}});
  ASSERT_EQ(resolved.size(), 2u);
  EXPECT_EQ(resolved[1].service_type, "files");
  EXPECT_EQ(resolved[1].class_spec, "DirectoryDataSource");
  EXPECT_EQ(resolved[1].type.descriptor->service_type, "dir");
  try {
    registry.resolve_all({{"dir", "DirectoryDataSource"}, {"oracle", "OracleDataSource"}});
    FAIL();
  } catch (const SourceResolutionError& error) {
    EXPECT_STREQ(error.what(),
                 "sources.oracle: source class 'OracleDataSource' (Oracle Database) is not "
                 "available in this build");
  }
}

TEST(Registry, MissingSharedObjectReportsDlerror) {
  SourceRegistry registry;
  const std::string message = resolution_error(registry, "/nonexistent/libnothing.so:entry");
  EXPECT_TRUE(message.starts_with("cannot load plug-in '/nonexistent/libnothing.so:entry': "))
      << message;
  EXPECT_NE(message.find("No such file or directory"), std::string::npos) << message;
}

TEST(Registry, PluginErrors) {
  SourceRegistry registry;
  const std::string path = EI_SAMPLE_PLUGIN;
  std::string message = resolution_error(registry, path + ":no_such_symbol");
  EXPECT_TRUE(message.starts_with("plug-in '" + path +
                                  ":no_such_symbol' has no symbol "
                                  "'no_such_symbol': "))
      << message;
  EXPECT_NE(message.find("undefined symbol"), std::string::npos) << message;

  EXPECT_EQ(resolution_error(registry, path + ":sample_source_future"),
            "plug-in '" + path +
                ":sample_source_future' was built for source ABI version 999, "
                "this build supports 1");
  EXPECT_EQ(resolution_error(registry, path + ":sample_source_null"),
            "plug-in '" + path + ":sample_source_null' returned no source descriptor");
  EXPECT_EQ(resolution_error(registry, path + ":sample_source_incomplete"),
            "plug-in '" + path + ":sample_source_incomplete' does not provide 'get_docs'");
  message = resolution_error(registry, path + ":sample_source_bad_schema");
  EXPECT_TRUE(message.starts_with("plug-in '" + path +
                                  ":sample_source_bad_schema' has an invalid default "
                                  "configuration: "))
      << message;
}

TEST(Registry, PluginSpecsAreRecognized) {
  EXPECT_TRUE(is_plugin_spec("lib/libx.so:Entry"));
  EXPECT_TRUE(is_plugin_spec("libx.so.1:Entry"));
  EXPECT_FALSE(is_plugin_spec("connectors.sources.s3:S3DataSource"));
  EXPECT_FALSE(is_plugin_spec("libx.so"));
}

}  // namespace
}  // namespace ei::source
