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
#include "es/index_reader.hpp"
#include "http/response.hpp"

namespace ei::es {

class Transport;

// A streaming scan of every document matching a query, page by page, beyond the 10,000
// result window. The PIT or scroll is released when the last page has been read, when a page
// fails, on close(), and (in the background) when the scan is destroyed before either.
// Use from the transport's executor thread.
class IdScan final : public HitCursor {
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
  boost::asio::awaitable<std::optional<std::vector<ScanHit>>> next_page() override;

  // Releases the PIT or scroll now; idempotent. Release failures are logged, not thrown.
  boost::asio::awaitable<void> close() override;

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
