#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "es/es_request.hpp"
#include "http/response.hpp"

namespace ei::es {

class Transport;

enum class ScanMethod {
  automatic,      // PIT + search_after where the engine has a `_shard_doc` sort, else scroll
  point_in_time,  // forced (Elasticsearch ≥ 7.12 only)
  scroll,         // forced; works on every engine
};

struct IdScanOptions {
  std::size_t page_size = 1000;
  std::vector<std::string> source_fields;    // e.g. {"id", "_timestamp"}; empty: no _source
  std::vector<std::string> docvalue_fields;  // read from doc values, not from _source
  boost::json::value query = boost::json::object{{"match_all", boost::json::object{}}};
  ScanMethod method = ScanMethod::automatic;
  std::chrono::seconds keep_alive{300};  // of the PIT or scroll, between two pages
};

struct ScanHit {
  std::string id;
  boost::json::object source;  // only the requested fields (empty when none match)
  boost::json::object fields;  // the requested doc values, each an array (absent when none)
};

// A streaming scan of every document matching a query, page by page, beyond the 10,000
// result window. The PIT or scroll is released when the last page has been read, when a page
// fails, on close(), and (in the background) when the scan is destroyed before either.
// Use from the transport's executor thread.
class IdScan {
 public:
  // `method` is resolved (point_in_time or scroll); `opensearch` selects its PIT API.
  IdScan(std::shared_ptr<Transport> transport, std::string index, IdScanOptions options,
         ScanMethod method, bool opensearch);
  IdScan();  // an empty, finished scan
  IdScan(IdScan&& other) noexcept;
  IdScan& operator=(IdScan&& other) noexcept;
  IdScan(const IdScan&) = delete;
  IdScan& operator=(const IdScan&) = delete;
  ~IdScan();

  // The next page, or nothing when the scan is complete. Throws the typed ES errors (a
  // shard failure is an EsError) after releasing the context.
  boost::asio::awaitable<std::optional<std::vector<ScanHit>>> next_page();

  // Releases the PIT or scroll now; idempotent. Release failures are logged, not thrown.
  boost::asio::awaitable<void> close();

  ScanMethod method() const;
  std::uint64_t hits_returned() const;

 private:
  struct State;
  void release_in_background() noexcept;

  // The steps of next_page: the request of the next page (its body, when it has one, is
  // left in `body` for the PIT id), the PIT opened on the first page, the answer (a
  // prefetched scroll page when there is one; the next one is asked for), and its hits.
  EsRequest page_request(bool scroll_continues, boost::json::object& body) const;
  boost::asio::awaitable<void> open_point_in_time();
  boost::asio::awaitable<http::Response> page_answer(const EsRequest& request);
  std::vector<ScanHit> read_hits(const http::Response& answer, const EsRequest& request);

  std::unique_ptr<State> state_;
};

}  // namespace ei::es
