#include "es/id_scan.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <exception>

#include "core/async_event.hpp"
#include "es/errors.hpp"
#include "es/transport.hpp"

namespace ei::es {

namespace asio = boost::asio;
namespace json = boost::json;

// A scroll page asked for before the previous one was parsed (see next_page).
struct PrefetchedPage {
  explicit PrefetchedPage(asio::any_io_executor executor) : ready(std::move(executor)) {}
  core::AsyncEvent ready;  // notified when the answer is in
  std::optional<http::Response> response;
  std::exception_ptr error;
  bool done = false;
  std::string scroll_id;  // the id it was asked with
};

struct IdScan::State {
  std::shared_ptr<Transport> transport;
  std::string index;
  IdScanOptions options;
  ScanMethod method = ScanMethod::scroll;
  bool opensearch = false;
  std::optional<std::string> context;  // PIT or scroll id while one is open
  bool started = false;
  bool done = false;
  json::value search_after;  // the sort values of the last hit (PIT)
  std::uint64_t hits = 0;
  std::shared_ptr<PrefetchedPage> prefetched;  // the next scroll page, already asked for
};

namespace {

std::string keep_alive(const IdScanOptions& options) {
  return fmt::format("{}s", options.keep_alive.count());
}

// The request that frees a PIT or scroll: the three engines' APIs differ here.
EsRequest release_request(ScanMethod method, bool opensearch, const std::string& id) {
  EsRequest request;
  request.method = "DELETE";
  if (method == ScanMethod::scroll) {
    request.path = "/_search/scroll";
    request.body = json::serialize(json::object{{"scroll_id", json::array{json::string(id)}}});
  } else if (opensearch) {
    request.path = "/_search/point_in_time";
    request.body = json::serialize(json::object{{"pit_id", json::array{json::string(id)}}});
  } else {
    request.path = "/_pit";
    request.body = json::serialize(json::object{{"id", id}});
  }
  return request;
}

asio::awaitable<void> release_context(std::shared_ptr<Transport> transport, ScanMethod method,
                                      bool opensearch, std::string id) {
  EsRequest request = release_request(method, opensearch, id);
  try {
    http::Response response = co_await transport->send_once(request);
    // 404: already expired, nothing left to free.
    if (!response.ok() && response.status != 404) {
      ErrorBody error = parse_error_body(response.status, response.body);
      spdlog::warn("Could not release a {}: {} {}: {}",
                   method == ScanMethod::scroll ? "scroll" : "point in time", response.status,
                   error.type, error.reason);
    }
  } catch (const std::exception& e) {
    spdlog::warn("Could not release a {}: {}",
                 method == ScanMethod::scroll ? "scroll" : "point in time", e.what());
  }
}

void check_shards(const json::object& response, const EsRequest& request) {
  const auto* shards = response.if_contains("_shards");
  if (shards == nullptr || !shards->is_object()) return;
  const auto* failed = shards->get_object().if_contains("failed");
  if (failed == nullptr || !failed->is_number() || failed->to_number<std::int64_t>() == 0) return;
  ErrorBody error{"shard_failure",
                  fmt::format("{} shard(s) failed", failed->to_number<std::int64_t>())};
  if (const auto* failures = shards->get_object().if_contains("failures");
      failures != nullptr && failures->is_array() && !failures->get_array().empty() &&
      failures->get_array().front().is_object()) {
    if (const auto* reason = failures->get_array().front().get_object().if_contains("reason")) {
      error = parse_error_field(200, *reason);
    }
  }
  throw EsError(200, error.type, error.reason, request.method, request.path);
}

// The scroll id at the head of a scroll answer (`{"_scroll_id":"...",`, as Elasticsearch
// and OpenSearch write it), found without parsing the page; nothing when it is not there.
std::optional<std::string> leading_scroll_id(std::string_view body) {
  constexpr std::string_view kHead = "{\"_scroll_id\":\"";
  if (!body.starts_with(kHead)) return std::nullopt;
  const std::size_t end = body.find('"', kHead.size());
  if (end == std::string_view::npos) return std::nullopt;
  const std::string_view id = body.substr(kHead.size(), end - kHead.size());
  if (id.empty() || id.find('\\') != std::string_view::npos) return std::nullopt;
  return std::string(id);
}

EsRequest scroll_request(const IdScanOptions& options, const std::string& scroll_id) {
  EsRequest request;
  request.method = "POST";
  request.path = "/_search/scroll";
  request.body =
      json::serialize(json::object{{"scroll", keep_alive(options)}, {"scroll_id", scroll_id}});
  return request;
}

// Sends `request` in the background; the answer waits in `page` until next_page takes it.
void prefetch(std::shared_ptr<Transport> transport, std::shared_ptr<PrefetchedPage> page,
              EsRequest request) {
  asio::co_spawn(transport->executor(), transport->send(std::move(request)),
                 [page, transport](std::exception_ptr error, http::Response response) {
                   page->error = error;
                   if (!error) page->response = std::move(response);
                   page->done = true;
                   page->ready.notify_all();
                 });
}

json::array field_names(const std::vector<std::string>& names) {
  json::array fields;
  for (const auto& name : names) fields.emplace_back(name);
  return fields;
}

json::value source_filter(const IdScanOptions& options) {
  if (options.source_fields.empty()) return false;
  return field_names(options.source_fields);
}

}  // namespace

IdScan::IdScan(std::shared_ptr<Transport> transport, std::string index, IdScanOptions options,
               ScanMethod method, bool opensearch)
    : state_(std::make_unique<State>()) {
  state_->transport = std::move(transport);
  state_->index = std::move(index);
  state_->options = std::move(options);
  state_->method = method;
  state_->opensearch = opensearch;
  if (state_->options.page_size == 0) state_->options.page_size = 1000;
}

IdScan::IdScan() : state_(std::make_unique<State>()) {
  state_->done = true;
}

IdScan::IdScan(IdScan&& other) noexcept = default;

IdScan& IdScan::operator=(IdScan&& other) noexcept {
  if (this != &other) {
    release_in_background();
    state_ = std::move(other.state_);
  }
  return *this;
}

IdScan::~IdScan() {
  release_in_background();
}

ScanMethod IdScan::method() const {
  return state_->method;
}

std::uint64_t IdScan::hits_returned() const {
  return state_->hits;
}

void IdScan::release_in_background() noexcept {
  if (!state_ || !state_->context) return;
  try {
    auto transport = state_->transport;
    asio::co_spawn(
        transport->executor(),
        release_context(transport, state_->method, state_->opensearch, std::move(*state_->context)),
        asio::detached);
  } catch (const std::exception& e) {
    spdlog::warn("Could not schedule the release of a scan context: {}", e.what());
  }
  state_->context.reset();
}

asio::awaitable<void> IdScan::close() {
  if (!state_) co_return;  // moved from
  state_->done = true;
  if (!state_->context) co_return;
  std::string id = std::move(*state_->context);
  state_->context.reset();
  co_await release_context(state_->transport, state_->method, state_->opensearch, std::move(id));
}

EsRequest IdScan::page_request(bool scroll_continues, json::object& body) const {
  const State& s = *state_;
  if (scroll_continues) return scroll_request(s.options, *s.context);
  EsRequest request;
  request.method = "POST";
  body["size"] = s.options.page_size;
  body["query"] = s.options.query;
  body["_source"] = source_filter(s.options);
  if (!s.options.docvalue_fields.empty()) {
    body["docvalue_fields"] = field_names(s.options.docvalue_fields);
  }
  if (s.method == ScanMethod::scroll) {
    request.path = make_path(s.index, "_search");
    request.params = {{"scroll", keep_alive(s.options)}};
    body["sort"] = json::array{"_doc"};  // index order: the cheapest for a full scan
  } else {
    request.path = "/_search";  // a PIT search names no index
    body["track_total_hits"] = false;
    body["sort"] = json::array{"_shard_doc"};  // unique per hit: safe for search_after
    if (!s.search_after.is_null()) body["search_after"] = s.search_after;
  }
  return request;
}

asio::awaitable<void> IdScan::open_point_in_time() {
  State& s = *state_;
  EsRequest open;
  open.method = "POST";
  open.path =
      s.opensearch ? make_path(s.index, "_search", "point_in_time") : make_path(s.index, "_pit");
  open.params = {{"keep_alive", keep_alive(s.options)}};
  json::value opened = co_await s.transport->call(open);
  const auto* id = opened.is_object()
                       ? opened.get_object().if_contains(s.opensearch ? "pit_id" : "id")
                       : nullptr;
  if (id == nullptr || !id->is_string()) {
    throw core::Error(fmt::format("Opening a point in time on {} returned no id", s.index));
  }
  s.context = std::string(id->get_string());
}

asio::awaitable<http::Response> IdScan::page_answer(const EsRequest& request) {
  State& s = *state_;
  http::Response answer;
  std::shared_ptr<PrefetchedPage> waiting = std::move(s.prefetched);
  if (waiting && s.method == ScanMethod::scroll && s.context == waiting->scroll_id) {
    while (!waiting->done) co_await waiting->ready.wait();
    if (waiting->error) std::rethrow_exception(waiting->error);
    answer = std::move(*waiting->response);
  } else {
    answer = co_await s.transport->send(request);
  }
  if (!answer.ok()) throw_error_response(answer.status, answer.body, request.method, request.path);
  // A scroll's next page is asked for now, so that the engine prepares it while this one is
  // parsed and used (a no-op resync is bound by these pages). After the last page one request
  // is wasted.
  if (s.method == ScanMethod::scroll &&
      answer.body.find("\"hits\":[]") == std::string::npos) {  // not the last page
    if (std::optional<std::string> next = leading_scroll_id(answer.body)) {
      s.prefetched = std::make_shared<PrefetchedPage>(s.transport->executor());
      s.prefetched->scroll_id = *next;
      prefetch(s.transport, s.prefetched, scroll_request(s.options, *next));
    }
  }
  co_return answer;
}

std::vector<ScanHit> IdScan::read_hits(const http::Response& answer, const EsRequest& request) {
  State& s = *state_;
  // A page is read once and dropped: its thousands of small values come from one arena,
  // which the hits' sources keep alive while the caller holds them.
  json::value response =
      parse_json_body(answer.body, request, json::make_shared_resource<json::monotonic_resource>());
  if (!response.is_object()) throw core::Error("A scan page is not a JSON object");
  const auto& object = response.get_object();
  // The context id may change from page to page; the latest one is what to use and free.
  const char* id_key = s.method == ScanMethod::scroll ? "_scroll_id" : "pit_id";
  if (const auto* id = object.if_contains(id_key); id && id->is_string()) {
    s.context = std::string(id->get_string());
  }
  check_shards(object, request);
  json::value* hits = nullptr;
  if (auto* outer = response.get_object().if_contains("hits"); outer && outer->is_object()) {
    hits = outer->get_object().if_contains("hits");
  }
  if (hits == nullptr || !hits->is_array()) throw core::Error("A scan page has no hits");
  std::vector<ScanHit> page;
  page.reserve(hits->get_array().size());
  // Moved out of the response, not copied: a page holds 10,000 of them.
  for (json::value& hit : hits->get_array()) {
    auto& h = hit.as_object();
    auto* source = h.if_contains("_source");
    auto* fields = h.if_contains("fields");
    // Move-constructed, so that they keep the page's arena instead of being copied.
    page.push_back(ScanHit{
        std::string(h.at("_id").as_string()),
        source != nullptr && source->is_object() ? json::object(std::move(source->get_object()))
                                                 : json::object(),
        fields != nullptr && fields->is_object() ? json::object(std::move(fields->get_object()))
                                                 : json::object()});
  }
  if (s.method == ScanMethod::point_in_time && !hits->get_array().empty()) {
    s.search_after = hits->get_array().back().as_object().at("sort");
  }
  return page;
}

asio::awaitable<std::optional<std::vector<ScanHit>>> IdScan::next_page() {
  if (!state_ || state_->done) co_return std::nullopt;
  State& s = *state_;

  // A scroll after its first page only names the scroll; every other page is a search.
  const bool scroll_continues = s.method == ScanMethod::scroll && s.started;
  json::object body;
  EsRequest request = page_request(scroll_continues, body);
  std::exception_ptr failure;
  std::vector<ScanHit> page;
  try {
    if (s.method == ScanMethod::point_in_time && !s.started) co_await open_point_in_time();
    if (s.method == ScanMethod::point_in_time) {
      body["pit"] = json::object{{"id", *s.context}, {"keep_alive", keep_alive(s.options)}};
    }
    s.started = true;
    if (!scroll_continues) request.body = json::serialize(body);
    http::Response answer = co_await page_answer(request);
    page = read_hits(answer, request);
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) {
    co_await close();
    std::rethrow_exception(failure);
  }
  s.hits += page.size();
  // A PIT is a fixed snapshot: a short page is the last. A scroll ends on an empty page.
  bool last =
      page.empty() || (s.method == ScanMethod::point_in_time && page.size() < s.options.page_size);
  if (last) co_await close();
  if (page.empty()) co_return std::nullopt;
  co_return page;
}

}  // namespace ei::es
