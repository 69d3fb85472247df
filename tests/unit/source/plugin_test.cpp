// A C plug-in (tests/plugins/sample_source.c) loaded with dlopen and used through the
// DataSource adapter: schema, configuration, ping, changed, documents, downloads, errors.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "source/errors.hpp"
#include "source/source_registry.hpp"
#include "unit/source/test_support.hpp"

namespace ei::source {
namespace {

namespace json = boost::json;

const std::string kSpec = std::string(EI_SAMPLE_PLUGIN) + ":sample_source";

class PluginTest : public ::testing::Test {
 protected:
  std::unique_ptr<DataSource> make(std::string_view stored) {
    SourceType type = SourceRegistry().resolve(kSpec);
    return type.create(DataSourceConfiguration(json::parse(stored)), loop.context());
  }

  testing::Loop loop;
};

TEST_F(PluginTest, DescriptorAndSchema) {
  SourceType type = SourceRegistry().resolve(kSpec);
  EXPECT_EQ(type.descriptor->service_type, "sample");
  EXPECT_EQ(type.descriptor->display_name, "Sample Plug-in");
  const json::object schema = type.descriptor->default_configuration.to_json();
  EXPECT_EQ(json::serialize(schema.at("count")),
            R"({"default_value":null,"depends_on":[],"display":"numeric",)"
            R"("label":"Number of documents","options":[],"order":1,"required":true,)"
            R"("sensitive":false,"tooltip":null,"type":"int","ui_restrictions":[],)"
            R"("validations":[{"type":"greater_than","constraint":-2}],"value":3})");
  EXPECT_EQ(schema.at("prefix").at("label"), "PREFIX");  // declared empty label
  EXPECT_EQ(schema.at("prefix").at("tooltip"), "Id prefix");
  EXPECT_EQ(schema.at("fail_at").at("label"), "");
  EXPECT_EQ(schema.at("fail_at").at("ui_restrictions"), json::array{"advanced"});
}

TEST_F(PluginTest, DocumentsAndDownloads) {
  auto source = make(R"({"count": {"value": "6"}, "prefix": {"value": "p"}, "fail_at": 0})");
  EXPECT_NO_THROW(source->validate_config_fields());
  loop.run(source->validate_config());
  EXPECT_TRUE(loop.run(source->changed()));
  loop.run(source->ping());
  testing::MemorySink sink;
  loop.run(source->get_docs(sink, protocol::Filter()));
  ASSERT_EQ(sink.documents.size(), 6u);
  EXPECT_EQ(json::serialize(sink.documents[0].document),
            R"({"_id":"p-1","_timestamp":"2023-01-02T00:00:00+00:00","n":1})");
  EXPECT_TRUE(sink.documents[0].download);
  EXPECT_FALSE(sink.documents[1].download);

  auto& first = sink.documents[0].download;
  EXPECT_EQ(loop.run(first(false, "t")), std::nullopt);
  auto content = loop.run(first(true, "2023-01-02T00:00:00+00:00"));
  ASSERT_TRUE(content);
  EXPECT_EQ(json::serialize(*content),
            R"({"_attachment":"aGVsbG8=","_id":"p-1","_timestamp":"2023-01-02T00:00:00+00:00"})");
  EXPECT_EQ(loop.run(sink.documents[2].download(true, std::nullopt)), std::nullopt);  // p-3
  try {
    loop.run(sink.documents[4].download(true, std::nullopt));  // p-5
    FAIL();
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(), "Plug-in source 'sample' failed in download: download broke");
  }

  // Downloads keep the instance alive after close().
  loop.run(source->close());
  source.reset();
  EXPECT_TRUE(loop.run(first(true, std::nullopt)));
}

TEST_F(PluginTest, ResolvedValuesReachThePlugin) {
  // An absent key gets the declared value; an empty optional one its stored default_value.
  auto absent = make(R"({"count": 2})");
  testing::MemorySink sink;
  loop.run(absent->get_docs(sink, protocol::Filter()));
  ASSERT_EQ(sink.documents.size(), 2u);
  EXPECT_EQ(sink.documents[1].document.at("_id"), "doc-2");

  auto empty = make(R"({"count": 1, "prefix": {"required": false, "value": "",
      "default_value": "dflt"}})");
  testing::MemorySink other;
  loop.run(empty->get_docs(other, protocol::Filter()));
  ASSERT_EQ(other.documents.size(), 1u);
  EXPECT_EQ(other.documents[0].document.at("_id"), "dflt-1");
}

TEST_F(PluginTest, FilterIsPassedAsJson) {
  auto source = make(R"({"count": 4})");
  testing::MemorySink sink;
  loop.run(source->get_docs(sink, protocol::Filter::from_json(json::parse(
                                      R"({"advanced_snippet": {"value": {"only": "odd"}}})"))));
  ASSERT_EQ(sink.documents.size(), 2u);
  EXPECT_EQ(sink.documents[1].document.at("n"), 3);
}

TEST_F(PluginTest, ChangedComesFromThePlugin) {
  EXPECT_FALSE(loop.run(make(R"({"count": 0})")->changed()));
}

TEST_F(PluginTest, PingFailureCarriesThePluginMessage) {
  auto source = make(R"({"count": -1})");
  try {
    loop.run(source->ping());
    FAIL();
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(), "Plug-in source 'sample' failed in ping: backend unreachable");
  }
}

TEST_F(PluginTest, ValidateConfigRunsSchemaThenPlugin) {
  auto invalid = make(R"({"count": {"label": "Count", "value": -5, "validations":
      [{"type": "greater_than", "constraint": -2}]}})");
  EXPECT_THROW(loop.run(invalid->validate_config()), ConfigurableFieldValueError);
  auto too_many = make(R"({"count": 5000})");
  try {
    loop.run(too_many->validate_config());
    FAIL();
  } catch (const ConfigurationError& error) {
    EXPECT_STREQ(error.what(),
                 "Plug-in source 'sample' failed in validate_config: count must be at most 1000");
  }
}

TEST_F(PluginTest, CreateFailure) {
  auto source = make(R"({"prefix": "refuse"})");
  try {
    loop.run(source->ping());
    FAIL();
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(),
                 "Plug-in source 'sample' failed in create: prefix 'refuse' is refused");
  }
}

TEST_F(PluginTest, GetDocsFailureAfterSomeDocuments) {
  auto source = make(R"({"count": 5, "fail_at": 3})");
  testing::MemorySink sink;
  try {
    loop.run(source->get_docs(sink, protocol::Filter()));
    FAIL();
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(), "Plug-in source 'sample' failed in get_docs: failure at document 3");
  }
  EXPECT_EQ(sink.documents.size(), 2u);
}

TEST_F(PluginTest, SinkRefusalStopsThePluginAndPropagates) {
  auto source = make(R"({"count": 50})");
  testing::MemorySink sink;
  sink.limit = 4;
  try {
    loop.run(source->get_docs(sink, protocol::Filter()));
    FAIL();
  } catch (const core::Error& error) {
    EXPECT_STREQ(error.what(), "sink closed");
  }
  EXPECT_EQ(sink.documents.size(), 4u);
}

}  // namespace
}  // namespace ei::source
