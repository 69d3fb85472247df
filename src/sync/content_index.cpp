#include "sync/content_index.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <boost/json.hpp>
#include <optional>
#include <set>
#include <utility>

#include "core/logging.hpp"
#include "es/es_client.hpp"
#include "protocol/content_index_settings.hpp"
#include "sync/content_index_analysis.hpp"

namespace ei::sync {

namespace {

namespace asio = boost::asio;
namespace json = boost::json;

// Why the engine cannot build `settings` (the reason of the first `_analyze` it refused
// with 400), or nothing when it can. Other failures propagate: an unreachable engine
// must not be mistaken for one without analysis modules.
asio::awaitable<std::optional<std::string>> missing_analysis_support(es::EsClient& es,
                                                                     const json::object& settings) {
  for (const json::object& probe : analysis_probes(settings)) {
    es::EsRequest request;
    request.method = "POST";
    request.path = "/_analyze";
    request.body = json::serialize(probe);
    std::optional<std::string> refused;
    try {
      co_await es.request(std::move(request));
    } catch (const es::EsError& error) {
      if (error.status() != 400) throw;
      refused = error.type() + ": " + error.reason();
    }
    if (refused) co_return refused;
  }
  co_return std::nullopt;
}

// Creates the index; false when someone else created it in the meantime.
asio::awaitable<bool> create_content_index(es::EsClient& es, const std::string& index,
                                           json::object settings) {
  json::object mappings = protocol::default_content_mappings();
  if (std::optional<std::string> missing = co_await missing_analysis_support(es, settings)) {
    core::log().warn(
        "The search engine lacks the analysis components of the content index settings "
        "({}); creating {} with its standard analyzer instead",
        *missing, index);
    settings = standard_analysis_settings(analyzers_named_by(mappings));
  }
  json::object body{{"settings", std::move(settings)}, {"mappings", std::move(mappings)}};
  bool raced = false;
  try {
    co_await es.create_index(index, std::move(body));
  } catch (const es::EsError& error) {
    if (error.type() != "resource_already_exists_exception") throw;
    raced = true;
  }
  if (raced) co_return false;
  core::log().info("Created content index {}", index);
  co_return true;
}

// Puts the default mappings on an index that has none. Analyzers the index does not define
// (an index created without the §12.3 settings) are left out rather than failing the sync.
asio::awaitable<void> put_default_mappings(es::EsClient& es, const std::string& index) {
  const json::object index_settings = co_await es.get_settings(index);
  std::set<std::string> dropped;
  json::object mappings = without_undefined_analyzers(
      protocol::default_content_mappings(), analyzers_defined_in(index_settings), dropped);
  if (!dropped.empty()) {
    core::log().warn(
        "Index {} does not define the analyzers {}; its default mappings use the index's "
        "default analyzer instead",
        index, fmt::join(dropped, ", "));
  }
  co_await es.put_mapping(index, std::move(mappings));
  core::log().info("Index {} had no mappings: added the default connector mappings", index);
}

asio::awaitable<void> prepare(es::EsClient& es, std::string index, std::string language) {
  if (index.empty()) throw core::Error("Content index name is empty");
  // Before any request: an unsupported language fails without touching the cluster.
  json::object settings = protocol::analysis_settings(language);
  if (!co_await es.index_exists(index)) {
    const bool created = co_await create_content_index(es, index, std::move(settings));
    if (created) co_return;
  }
  const json::object mappings = co_await es.get_mapping(index);
  if (!mappings.empty()) {
    core::log().debug("Index {} already has mappings. Skipping...", index);
    co_return;
  }
  co_await put_default_mappings(es, index);
}

}  // namespace

// Not a coroutine itself: the language is copied now, while the caller's view is valid.
asio::awaitable<void> prepare_content_index(es::EsClient& es, std::string index,
                                            std::string_view language) {
  return prepare(es, std::move(index), std::string(language));
}

}  // namespace ei::sync
