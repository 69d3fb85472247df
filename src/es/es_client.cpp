#include "es/es_client.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "es/bulk_request_builder.hpp"
#include "es/errors.hpp"

namespace ei::es {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

EsRequest make_request(std::string method, std::string path, QueryParams params = {},
                       std::string body = {}) {
  EsRequest request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.params = std::move(params);
  request.body = std::move(body);
  return request;
}

const json::object& as_object(const json::value& value, const EsRequest& request) {
  if (!value.is_object()) {
    throw core::Error(fmt::format("Elasticsearch {} {} did not return a JSON object",
                                  request.method, request.path));
  }
  return value.get_object();
}

std::string string_field(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::int64_t int_field(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_number() ? value->to_number<std::int64_t>() : 0;
}

WriteResult write_result(const json::object& body) {
  WriteResult out;
  out.index = string_field(body, "_index");
  out.id = string_field(body, "_id");
  out.result = string_field(body, "result");
  out.seq_no = int_field(body, "_seq_no");
  out.primary_term = int_field(body, "_primary_term");
  out.version = int_field(body, "_version");
  return out;
}

void add_write_params(QueryParams& params, const WriteOptions& options) {
  if (options.if_seq_no) params.emplace_back("if_seq_no", std::to_string(*options.if_seq_no));
  if (options.if_primary_term) {
    params.emplace_back("if_primary_term", std::to_string(*options.if_primary_term));
  }
  if (options.refresh) params.emplace_back("refresh", *options.refresh);
}

// The single entry of a per-index response ({"<concrete index>": {...}}), by key.
json::object per_index_section(const json::value& body, std::string_view section,
                               const EsRequest& request) {
  const auto& object = as_object(body, request);
  if (object.empty()) return {};
  const auto& entry = object.begin()->value();
  if (!entry.is_object()) return {};
  const auto* found = entry.get_object().if_contains(section);
  return found != nullptr && found->is_object() ? found->get_object() : json::object{};
}

// An engine without the reindex module answers `_delete_by_query` with "no handler found".
bool is_missing_endpoint(const http::Response& response) {
  if (response.status != 400 && response.status != 404 && response.status != 405) return false;
  ErrorBody error = parse_error_body(response.status, response.body);
  return error.reason.find("no handler found") != std::string::npos || error.type == "http_405";
}

}  // namespace

EsClient::EsClient(asio::any_io_executor executor, EsOptions options)
    : transport_(std::make_shared<Transport>(executor, std::move(options))) {}

asio::awaitable<EngineInfo> EsClient::info() {
  auto request = make_request("GET", "/");
  http::Response response = co_await transport_->send(request);
  if (!response.ok()) throw_error_response(response.status, response.body, "GET", "/");
  engine_ = parse_engine_info(response.body);
  co_return *engine_;
}

asio::awaitable<void> EsClient::ensure_engine() {
  if (!engine_) co_await info();
}

asio::awaitable<bool> EsClient::ping() {
  try {
    http::Response response = co_await transport_->send_once(make_request("GET", "/"));
    if (!response.ok()) {
      ErrorBody error = parse_error_body(response.status, response.body);
      spdlog::warn("The server returned a {} code: {}", response.status, error.reason);
      co_return false;
    }
    engine_ = parse_engine_info(response.body);
    co_return true;
  } catch (const http::TransportError& e) {
    spdlog::warn("Could not connect to the server: {}", e.what());
  }
  co_return false;
}

asio::awaitable<bool> EsClient::index_exists(std::string index) {
  auto request = make_request("HEAD", make_path(index));
  http::Response response = co_await transport_->send(request);
  if (response.status == 404) co_return false;
  if (!response.ok()) throw_error_response(response.status, response.body, "HEAD", request.path);
  co_return true;
}

asio::awaitable<void> EsClient::create_index(std::string index, json::object body) {
  co_await transport_->call(make_request("PUT", make_path(index), {}, json::serialize(body)));
}

asio::awaitable<bool> EsClient::delete_index(std::string index, bool ignore_missing) {
  auto request = make_request("DELETE", make_path(index));
  http::Response response = co_await transport_->send(request);
  if (response.status == 404 && ignore_missing) co_return false;
  if (!response.ok()) throw_error_response(response.status, response.body, "DELETE", request.path);
  co_return true;
}

asio::awaitable<json::object> EsClient::get_mapping(std::string index) {
  auto request = make_request("GET", make_path(index, "_mapping"));
  json::value body = co_await transport_->call(request);
  co_return per_index_section(body, "mappings", request);
}

asio::awaitable<json::object> EsClient::get_field_mapping(std::string index, std::string field) {
  auto request = make_request("GET", make_path(index, "_mapping", "field", field));
  json::value body = co_await transport_->call(request);
  co_return as_object(body, request);
}

asio::awaitable<void> EsClient::put_mapping(std::string index, json::object mapping) {
  co_await transport_->call(
      make_request("PUT", make_path(index, "_mapping"), {}, json::serialize(mapping)));
}

asio::awaitable<json::object> EsClient::get_settings(std::string index) {
  auto request = make_request("GET", make_path(index, "_settings"));
  json::value body = co_await transport_->call(request);
  co_return per_index_section(body, "settings", request);
}

asio::awaitable<void> EsClient::refresh(std::string index, bool ignore_unavailable) {
  QueryParams params;
  if (ignore_unavailable) params.emplace_back("ignore_unavailable", "true");
  co_await transport_->call(make_request("POST", make_path(index, "_refresh"), std::move(params)));
}

asio::awaitable<std::optional<Document>> EsClient::get_document(std::string index, std::string id) {
  auto request = make_request("GET", make_path(index, "_doc", id));
  http::Response response = co_await transport_->send(request);
  if (response.status == 404) {
    // {"found": false} is a missing document; an error body is a missing index.
    json::value body = parse_json_body(response.body, request);
    if (body.is_object() && !body.get_object().contains("error")) co_return std::nullopt;
    throw_error_response(response.status, response.body, "GET", request.path);
  }
  if (!response.ok()) throw_error_response(response.status, response.body, "GET", request.path);
  const json::value body = parse_json_body(response.body, request);
  const auto& object = as_object(body, request);
  if (const auto* found = object.if_contains("found");
      found && found->is_bool() && !found->get_bool()) {
    co_return std::nullopt;
  }
  Document document;
  document.index = string_field(object, "_index");
  document.id = string_field(object, "_id");
  document.seq_no = int_field(object, "_seq_no");
  document.primary_term = int_field(object, "_primary_term");
  if (const auto* source = object.if_contains("_source"); source && source->is_object()) {
    document.source = source->get_object();
  }
  co_return document;
}

asio::awaitable<WriteResult> EsClient::index_document(std::string index,
                                                      std::optional<std::string> id,
                                                      json::object document, WriteOptions options) {
  QueryParams params;
  add_write_params(params, options);
  if (options.create_only) params.emplace_back("op_type", "create");
  auto request = id ? make_request("PUT", make_path(index, "_doc", *id), std::move(params))
                    : make_request("POST", make_path(index, "_doc"), std::move(params));
  request.body = json::serialize(document);
  json::value body = co_await transport_->call(request);
  co_return write_result(as_object(body, request));
}

asio::awaitable<WriteResult> EsClient::update_document(std::string index, std::string id,
                                                       json::object partial, WriteOptions options) {
  QueryParams params;
  add_write_params(params, options);
  json::object update{{"doc", std::move(partial)}};
  if (options.doc_as_upsert) update["doc_as_upsert"] = true;
  auto request = make_request("POST", make_path(index, "_update", id), std::move(params),
                              json::serialize(update));
  json::value body = co_await transport_->call(request);
  co_return write_result(as_object(body, request));
}

asio::awaitable<std::optional<WriteResult>> EsClient::delete_document(std::string index,
                                                                      std::string id,
                                                                      WriteOptions options) {
  QueryParams params;
  add_write_params(params, options);
  auto request = make_request("DELETE", make_path(index, "_doc", id), std::move(params));
  http::Response response = co_await transport_->send(request);
  if (response.status == 404) {
    json::value body = parse_json_body(response.body, request);
    if (body.is_object() && !body.get_object().contains("error")) co_return std::nullopt;
  }
  if (!response.ok()) throw_error_response(response.status, response.body, "DELETE", request.path);
  co_return write_result(as_object(parse_json_body(response.body, request), request));
}

asio::awaitable<json::object> EsClient::search(std::string index, json::object body,
                                               QueryParams params) {
  auto request =
      make_request("POST", make_path(index, "_search"), std::move(params), json::serialize(body));
  json::value response = co_await transport_->call(request);
  co_return as_object(response, request);
}

asio::awaitable<std::uint64_t> EsClient::count(std::string index, std::optional<json::value> query,
                                               bool ignore_unavailable) {
  QueryParams params;
  if (ignore_unavailable) params.emplace_back("ignore_unavailable", "true");
  auto request = make_request("POST", make_path(index, "_count"), std::move(params));
  if (query) request.body = json::serialize(json::object{{"query", *query}});
  json::value response = co_await transport_->call(request);
  co_return static_cast<std::uint64_t>(int_field(as_object(response, request), "count"));
}

asio::awaitable<BulkResult> EsClient::bulk(const std::vector<BulkOperation>& operations,
                                           BulkOptions options) {
  if (operations.empty()) co_return BulkResult{};
  BulkResult result = co_await send_bulk(build_bulk_body(operations), std::move(options));
  if (result.items.size() != operations.size()) {
    throw core::Error(fmt::format("Bulk response has {} items for {} operations",
                                  result.items.size(), operations.size()));
  }
  co_return result;
}

asio::awaitable<BulkResult> EsClient::send_bulk(std::string ndjson, BulkOptions options) {
  QueryParams params;
  if (options.pipeline) params.emplace_back("pipeline", *options.pipeline);
  if (options.refresh) params.emplace_back("refresh", *options.refresh);
  auto request = make_request("POST", "/_bulk", std::move(params), std::move(ndjson));
  request.content_type = "application/x-ndjson";
  http::Response response = co_await transport_->send(request);
  if (!response.ok()) throw_error_response(response.status, response.body, "POST", "/_bulk");
  co_return parse_bulk_response(response.body);
}

asio::awaitable<IdScan> EsClient::scan(std::string index, IdScanOptions options) {
  co_await ensure_engine();
  ScanMethod method = options.method;
  if (method == ScanMethod::automatic) {
    method = engine_->pit_with_shard_doc() ? ScanMethod::point_in_time : ScanMethod::scroll;
  }
  co_return IdScan(transport_, std::move(index), std::move(options), method,
                   engine_->opensearch_pit_api());
}

asio::awaitable<std::uint64_t> EsClient::count_documents(std::string index) {
  co_return co_await count(std::move(index));
}

asio::awaitable<std::unique_ptr<HitCursor>> EsClient::open_scan(std::string index,
                                                                IdScanOptions options) {
  IdScan opened = co_await scan(std::move(index), std::move(options));
  co_return std::make_unique<IdScan>(std::move(opened));
}

asio::awaitable<DeleteByQueryResult> EsClient::delete_by_query(std::string index, json::value query,
                                                               DeleteByQueryOptions options) {
  if (options.force_fallback || has_delete_by_query_ == false) {
    co_return co_await delete_by_scan(std::move(index), std::move(query), options);
  }
  QueryParams params{{"conflicts", "proceed"}};
  if (options.refresh) params.emplace_back("refresh", "true");
  auto request = make_request("POST", make_path(index, "_delete_by_query"), std::move(params),
                              json::serialize(json::object{{"query", query}}));
  http::Response response = co_await transport_->send(request);
  if (is_missing_endpoint(response)) {
    spdlog::info("This engine has no _delete_by_query; deleting with a scan and bulk deletes");
    has_delete_by_query_ = false;
    co_return co_await delete_by_scan(std::move(index), std::move(query), options);
  }
  if (!response.ok()) throw_error_response(response.status, response.body, "POST", request.path);
  has_delete_by_query_ = true;
  const json::value body = parse_json_body(response.body, request);
  const auto& object = as_object(body, request);
  if (const auto* failures = object.if_contains("failures");
      failures && failures->is_array() && !failures->get_array().empty()) {
    const auto& first = failures->get_array().front();
    const json::value* cause =
        first.is_object() ? first.get_object().if_contains("cause") : nullptr;
    ErrorBody error = cause ? parse_error_field(200, *cause)
                            : ErrorBody{"delete_by_query_failure", json::serialize(first)};
    throw EsError(200, error.type,
                  fmt::format("{} of the deletions failed, first: {}", failures->get_array().size(),
                              error.reason),
                  "POST", request.path);
  }
  co_return DeleteByQueryResult{static_cast<std::uint64_t>(int_field(object, "deleted")), true};
}

asio::awaitable<DeleteByQueryResult> EsClient::delete_by_scan(std::string index, json::value query,
                                                              const DeleteByQueryOptions& options) {
  IdScanOptions scan_options;
  scan_options.page_size = options.page_size;
  scan_options.query = std::move(query);
  IdScan ids = co_await scan(index, std::move(scan_options));
  DeleteByQueryResult result;
  std::optional<BulkItemResult> first_failure;
  std::size_t failures = 0;
  while (auto page = co_await ids.next_page()) {
    std::vector<BulkOperation> deletes;
    deletes.reserve(page->size());
    for (const ScanHit& hit : *page) deletes.push_back(BulkOperation::delete_doc(index, hit.id));
    BulkResult bulk_result = co_await bulk(deletes);
    for (const auto& item : bulk_result.items) {
      if (item.failed()) {
        if (!first_failure) first_failure = item;
        ++failures;
      } else if (item.result == "deleted") {
        ++result.deleted;
      }
    }
  }
  if (options.refresh) co_await refresh(index);
  if (first_failure) {
    throw EsError(first_failure->status, first_failure->error_type.value_or(""),
                  fmt::format("{} of the deletions failed, first (id {}): {}", failures,
                              first_failure->id, first_failure->error_reason.value_or("")),
                  "POST", "/_bulk");
  }
  co_return result;
}

asio::awaitable<json::value> EsClient::request(EsRequest request) {
  co_return co_await transport_->call(std::move(request));
}

}  // namespace ei::es
