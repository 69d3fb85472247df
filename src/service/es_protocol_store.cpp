#include "service/es_protocol_store.hpp"

#include "protocol/index_names.hpp"

namespace ei::service {

namespace json = boost::json;
namespace asio = boost::asio;

namespace {

constexpr std::size_t kPageSize = 100;
constexpr std::size_t kResultWindow = 10000;
constexpr int kUnconditionalUpdateAttempts = 5;

protocol::DocumentVersion version_of(const es::Document& document) {
  return {document.seq_no, document.primary_term};
}

es::WriteOptions conditional(const protocol::DocumentVersion& version) {
  es::WriteOptions options;
  if (version.known()) {
    options.if_seq_no = version.seq_no;
    options.if_primary_term = version.primary_term;
  }
  return options;
}

}  // namespace

asio::awaitable<std::optional<protocol::Connector>> EsProtocolStore::fetch_connector(
    std::string id) {
  std::string index(protocol::kConnectorsIndex);
  auto document = co_await es_.get_document(index, std::move(id));
  if (!document) co_return std::nullopt;
  co_return protocol::Connector::read(document->id, std::move(document->source),
                                      version_of(*document));
}

asio::awaitable<std::optional<protocol::SyncJob>> EsProtocolStore::fetch_job(std::string id) {
  std::string index(protocol::kJobsIndex);
  auto document = co_await es_.get_document(index, std::move(id));
  if (!document) co_return std::nullopt;
  co_return protocol::SyncJob::read(document->id, std::move(document->source),
                                    version_of(*document));
}

asio::awaitable<std::vector<es::Document>> EsProtocolStore::search_all(std::string index,
                                                                       json::object body) {
  co_await es_.refresh(index);
  std::vector<es::Document> documents;
  body["size"] = kPageSize;
  body["seq_no_primary_term"] = true;
  while (documents.size() < kResultWindow) {
    body["from"] = documents.size();
    es::QueryParams params;
    params.emplace_back("expand_wildcards", "hidden");
    json::object page_body = body;
    auto response = co_await es_.search(index, std::move(page_body), std::move(params));
    const auto* hits = response.if_contains("hits");
    const json::array* page = nullptr;
    if (hits != nullptr && hits->is_object()) {
      if (const auto* inner = hits->as_object().if_contains("hits"); inner && inner->is_array()) {
        page = &inner->as_array();
      }
    }
    if (page == nullptr || page->empty()) break;
    for (const auto& hit_value : *page) {
      if (!hit_value.is_object()) continue;
      const auto& hit = hit_value.as_object();
      const auto* id = hit.if_contains("_id");
      const auto* source = hit.if_contains("_source");
      if (id == nullptr || !id->is_string() || source == nullptr || !source->is_object()) {
        throw core::Error("Invalid type found for a hit of " + index +
                          ": it needs a string _id and an object _source");
      }
      es::Document document;
      document.index = index;
      document.id = std::string(id->as_string());
      if (const auto* seq = hit.if_contains("_seq_no"); seq && seq->is_int64()) {
        document.seq_no = seq->as_int64();
      }
      if (const auto* term = hit.if_contains("_primary_term"); term && term->is_int64()) {
        document.primary_term = term->as_int64();
      }
      document.source = source->as_object();
      documents.push_back(std::move(document));
    }
    if (page->size() < kPageSize) break;
  }
  co_return documents;
}

asio::awaitable<std::vector<protocol::Connector>> EsProtocolStore::search_connectors(
    std::optional<json::object> query) {
  json::object body;
  body["query"] =
      query ? json::value(*query) : json::value(json::object{{"match_all", json::object{}}});
  std::string index(protocol::kConnectorsIndex);
  auto documents = co_await search_all(index, std::move(body));
  std::vector<protocol::Connector> connectors;
  connectors.reserve(documents.size());
  for (auto& document : documents) {
    connectors.push_back(
        protocol::Connector::read(document.id, std::move(document.source), version_of(document)));
  }
  co_return connectors;
}

asio::awaitable<std::vector<protocol::SyncJob>> EsProtocolStore::search_jobs(
    json::object query, std::optional<json::array> sort) {
  json::object body;
  body["query"] = std::move(query);
  if (sort) body["sort"] = std::move(*sort);
  std::string index(protocol::kJobsIndex);
  auto documents = co_await search_all(index, std::move(body));
  std::vector<protocol::SyncJob> jobs;
  jobs.reserve(documents.size());
  for (auto& document : documents) {
    jobs.push_back(
        protocol::SyncJob::read(document.id, std::move(document.source), version_of(document)));
  }
  co_return jobs;
}

asio::awaitable<es::WriteResult> EsProtocolStore::update_connector(
    std::string id, json::object doc, protocol::DocumentVersion version) {
  co_return co_await update(std::string(protocol::kConnectorsIndex), std::move(id), std::move(doc),
                            version);
}

asio::awaitable<es::WriteResult> EsProtocolStore::update_job(std::string id, json::object doc,
                                                             protocol::DocumentVersion version) {
  co_return co_await update(std::string(protocol::kJobsIndex), std::move(id), std::move(doc),
                            version);
}

asio::awaitable<es::WriteResult> EsProtocolStore::update(std::string index, std::string id,
                                                         json::object doc,
                                                         protocol::DocumentVersion version) {
  auto options = conditional(version);
  if (version.known()) co_return co_await es_.update_document(index, id, doc, options);
  // An unconditional partial update is a get-then-write inside the engine, which answers 409
  // when another writer (a heartbeat, another process) slips in between: retry it.
  for (int attempt = 1;; ++attempt) {
    std::optional<es::WriteResult> written;
    try {
      written = co_await es_.update_document(index, id, doc, options);
    } catch (const es::VersionConflictError&) {
      if (attempt >= kUnconditionalUpdateAttempts) throw;
    }
    if (written) co_return *written;
  }
}

asio::awaitable<std::string> EsProtocolStore::create_job(json::object document) {
  std::string index(protocol::kJobsIndex);
  auto result = co_await es_.index_document(index, std::nullopt, std::move(document));
  co_return result.id;
}

}  // namespace ei::service
