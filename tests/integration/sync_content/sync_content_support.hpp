#pragma once

// Shared fixture of the content-index, ingest-pipeline and attachment suites: a client on
// the engine under test (EI_ENGINE, EI_ES_URL), unique names, cleanup of indices and
// pipelines, and what each engine is expected to offer.

#include <boost/json.hpp>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "es/es_client.hpp"
#include "integration/es/es_test_support.hpp"
#include "sync/ingest_pipeline.hpp"

namespace ei::sync::testing {

namespace json = boost::json;

// The engines scripts/es-local runs: es7 (the default) and OpenSearch have the analysis and
// ingest modules; es8/es9 are core-only nodes.
inline bool core_only_engine() {
  const std::string engine = es::testing::engine_name();
  return engine == "es8" || engine == "es9";
}

inline PipelineAvailability expected_creation() {
  const std::string engine = es::testing::engine_name();
  if (engine == "opensearch") return PipelineAvailability::created;
  if (core_only_engine()) return PipelineAvailability::unavailable;
  return PipelineAvailability::created_without_extraction;  // es7: no ingest-attachment
}

inline const char* to_string(PipelineAvailability availability) {
  switch (availability) {
    case PipelineAvailability::existing:
      return "existing";
    case PipelineAvailability::created:
      return "created";
    case PipelineAvailability::created_without_extraction:
      return "created_without_extraction";
    case PipelineAvailability::unavailable:
      return "unavailable";
  }
  return "?";
}

// A committed fixture file of tests/fixtures/extraction, as bytes.
inline std::string extraction_fixture(const std::string& name) {
  const std::string path = std::string(EI_SOURCE_DIR) + "/tests/fixtures/extraction/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("missing fixture " + path);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

class SyncContentTest : public es::testing::EsTest {
 protected:
  void TearDown() override {
    for (const std::string& pipeline : pipelines_) {
      try {
        es::EsRequest request;
        request.method = "DELETE";
        request.path = es::make_path("_ingest", "pipeline", pipeline);
        run(client().request(std::move(request)));
      } catch (const es::NotFoundError&) {
        // Never created (core-only engines): nothing to clean.
      } catch (const std::exception& e) {
        ADD_FAILURE() << "cleanup of pipeline " << pipeline << ": " << e.what();
      }
    }
    EsTest::TearDown();
  }

  // A content-index name (connector indices start with `search-`), deleted afterwards.
  std::string content_index(const std::string& what) {
    const std::string name = "search-ei-content-" + what + "-" + std::to_string(::getpid());
    indices_.push_back(name);
    return name;
  }

  std::string pipeline_name(const std::string& what) {
    const std::string name = "ei-content-pipeline-" + what + "-" + std::to_string(::getpid());
    pipelines_.push_back(name);
    return name;
  }

  // The stored pipeline definition, or nothing when it does not exist.
  std::optional<json::object> get_pipeline(const std::string& name) {
    es::EsRequest request;
    request.path = es::make_path("_ingest", "pipeline", name);
    try {
      json::value body = run(client().request(std::move(request)));
      return body.at(name).as_object();
    } catch (const es::NotFoundError&) {
      return std::nullopt;
    }
  }

  void put_pipeline(const std::string& name, const json::object& body) {
    es::EsRequest request;
    request.method = "PUT";
    request.path = es::make_path("_ingest", "pipeline", name);
    request.body = json::serialize(body);
    run(client().request(std::move(request)));
  }

  // Ids of the documents matching `query` in `index`.
  std::vector<std::string> search_ids(const std::string& index, json::object query) {
    json::object body{{"query", std::move(query)}, {"size", 100}};
    const json::object response = run(client().search(index, std::move(body)));
    std::vector<std::string> ids;
    for (const json::value& hit : response.at("hits").at("hits").as_array()) {
      ids.emplace_back(hit.at("_id").as_string());
    }
    return ids;
  }

  static json::object match(const std::string& field, const std::string& text) {
    return json::object{{"match", json::object{{field, text}}}};
  }

  json::object source_of(const std::string& index, const std::string& id) {
    std::optional<es::Document> document = run(client().get_document(index, id));
    if (!document) throw std::runtime_error("document " + id + " is missing from " + index);
    return document->source;
  }

  std::vector<std::string> pipelines_;
};

}  // namespace ei::sync::testing
