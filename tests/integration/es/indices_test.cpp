#include <algorithm>

#include "es_test_support.hpp"

namespace ei::es::testing {

namespace json = boost::json;

class EsIndices : public EsTest {};

TEST_F(EsIndices, CreateExistsMappingsAndSettingsRoundTrip) {
  const std::string index = index_name("indices");
  EXPECT_FALSE(run(client().index_exists(index)));

  json::object body = settings();
  body["mappings"] =
      json::object{{"properties", json::object{{"title", json::object{{"type", "text"}}},
                                               {"n", json::object{{"type", "long"}}}}}};
  run(client().create_index(index, body));
  EXPECT_TRUE(run(client().index_exists(index)));

  json::object mapping = run(client().get_mapping(index));
  EXPECT_EQ(mapping.at("properties").at("title").at("type").as_string(), "text");
  EXPECT_EQ(mapping.at("properties").at("n").at("type").as_string(), "long");
  run(client().put_mapping(
      index,
      json::object{{"properties", json::object{{"tag", json::object{{"type", "keyword"}}}}}}));
  mapping = run(client().get_mapping(index));
  EXPECT_EQ(mapping.at("properties").at("tag").at("type").as_string(), "keyword");
  EXPECT_EQ(mapping.at("properties").at("title").at("type").as_string(), "text");

  json::object index_settings = run(client().get_settings(index));
  EXPECT_EQ(index_settings.at("index").at("number_of_replicas").as_string(), "0");
  EXPECT_TRUE(run(client().delete_index(index)));
  EXPECT_FALSE(run(client().index_exists(index)));
  EXPECT_FALSE(run(client().delete_index(index)));
  EXPECT_THROW(run(client().delete_index(index, false)), NotFoundError);
}

TEST_F(EsIndices, SearchAndCount) {
  const std::string index = index_name("search");
  run(client().create_index(index, settings()));
  std::vector<BulkOperation> operations;
  for (int i = 0; i < 20; ++i) {
    operations.push_back(
        BulkOperation::index_doc(index, std::to_string(i), json::object{{"n", i}}));
  }
  run(client().bulk(operations, BulkOptions{std::nullopt, "true"}));
  json::object response = run(client().search(
      index, json::object{
                 {"query", json::object{{"range", json::object{{"n", json::object{{"gte", 15}}}}}}},
                 {"size", 100}}));
  EXPECT_EQ(response.at("hits").at("hits").as_array().size(), 5u);
  EXPECT_EQ(run(client().count(index)), 20u);
  EXPECT_EQ(run(client().count(index + "-absent*", std::nullopt, true)), 0u);
  run(client().refresh(index + "-absent", true));  // ignore_unavailable
}

class EsErrors : public EsTest {};

TEST_F(EsErrors, CarryTheServersReason) {
  const std::string index = index_name("errors");
  run(client().create_index(index, settings()));
  try {
    run(client().create_index(index, settings()));
    FAIL() << "creating an existing index must raise";
  } catch (const EsError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.type(), "resource_already_exists_exception");
    EXPECT_NE(e.reason().find(index), std::string::npos) << e.reason();
    EXPECT_EQ(e.method(), "PUT");
    EXPECT_EQ(e.path(), "/" + index);
    EXPECT_NE(std::string(e.what()).find("resource_already_exists_exception"), std::string::npos);
  }
  try {
    run(client().search(index + "-absent", json::object{}));
    FAIL() << "searching a missing index must raise";
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(e.type(), "index_not_found_exception");
  }
  try {  // a malformed query: a 400 whose reason says what is wrong
    run(client().search(index,
                        json::object{{"query", json::object{{"no_such_query", json::object{}}}}}));
    FAIL() << "an unknown query must raise";
  } catch (const EsError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_NE(e.reason().find("no_such_query"), std::string::npos) << e.reason();
  }
}

}  // namespace ei::es::testing
