#include "sync/ingest_pipeline.hpp"

#include <boost/json.hpp>
#include <utility>

#include "core/logging.hpp"
#include "es/es_client.hpp"
#include "sync/ingest_pipeline_plan.hpp"

namespace ei::sync {

namespace {

namespace asio = boost::asio;
namespace json = boost::json;

es::EsRequest pipeline_request(std::string method, const std::string& name) {
  es::EsRequest request;
  request.method = std::move(method);
  request.path = es::make_path("_ingest", "pipeline", name);
  return request;
}

asio::awaitable<bool> pipeline_exists(es::EsClient& es, const std::string& name) {
  json::value found;
  try {
    found = co_await es.request(pipeline_request("GET", name));
  } catch (const es::NotFoundError&) {
    co_return false;
  }
  // The answer is keyed by pipeline id; an exact key guards against pattern matches.
  const json::object* pipelines = found.if_object();
  co_return pipelines != nullptr && pipelines->contains(name);
}

asio::awaitable<IngestCapabilities> ingest_capabilities(es::EsClient& es) {
  IngestCapabilities capabilities;
  es::EsRequest nodes;
  nodes.path = "/_nodes/ingest";
  const json::value nodes_body = co_await es.request(std::move(nodes));
  capabilities.processors = processors_on_every_node(nodes_body);

  es::EsRequest languages;
  languages.path = "/_script_language";
  json::value languages_body;
  try {
    languages_body = co_await es.request(std::move(languages));
  } catch (const es::EsError& error) {
    // An engine without the API (older than 7.6) is treated as having no scripting.
    core::log().debug("GET /_script_language failed ({}); assuming no painless", error.what());
  }
  const std::set<std::string> names = script_languages(languages_body);
  capabilities.painless = names.contains("painless");
  capabilities.mustache = names.contains("mustache");
  co_return capabilities;
}

}  // namespace

asio::awaitable<PipelineAvailability> ensure_ingest_pipeline(es::EsClient& es, std::string name) {
  if (name.empty()) throw core::Error("Ingest pipeline name is empty");
  if (co_await pipeline_exists(es, name)) {
    core::log().debug("Ingest pipeline {} exists: used as it is", name);
    co_return PipelineAvailability::existing;
  }
  const IngestCapabilities capabilities = co_await ingest_capabilities(es);
  PipelinePlan plan = plan_default_pipeline(capabilities);
  if (plan.availability == PipelineAvailability::unavailable) {
    core::log().warn(
        "Ingest pipeline {} does not exist and the search engine has no ingest processors to "
        "create it: documents are indexed without a pipeline",
        name);
    co_return plan.availability;
  }
  es::EsRequest put = pipeline_request("PUT", name);
  put.body = json::serialize(plan.body);
  co_await es.request(std::move(put));
  if (plan.availability == PipelineAvailability::created) {
    core::log().info("Created ingest pipeline {} (text extraction, whitespace reduction)", name);
  } else {
    core::log().warn(
        "Created ingest pipeline {} without text extraction: the search engine has no "
        "attachment processor, so binary content is not made searchable",
        name);
  }
  co_return plan.availability;
}

}  // namespace ei::sync
