#pragma once

// An in-memory index behind the two interfaces the sync engine uses (es::IndexReader,
// es::BulkSink), so that the engine runs in unit tests without Elasticsearch. It reads the
// NDJSON bodies the engine writes (the same bytes Elasticsearch gets), keeps documents by
// `_id`, and answers scans page by page from a snapshot taken when the scan opens (as a
// point in time does). Faults are switched on per test: a scan that fails after some pages,
// bulk requests that fail or stall, items refused by id.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "es/bulk_sink.hpp"
#include "es/index_reader.hpp"
#include "protocol/content_index_settings.hpp"

namespace ei::testing {

class MemoryIndex final : public es::IndexReader, public es::BulkSink {
 public:
  // --- The index ----------------------------------------------------------------------
  bool exists = false;  // made by the first bulk request, as Elasticsearch would
  std::map<std::string, boost::json::object> documents;
  // Answer the field-mapping request as an index made from our template (`_timestamp.exact`
  // a keyword with doc values), so that the engine scans doc values instead of `_source`.
  bool maps_exact_timestamps = false;

  // --- Faults -------------------------------------------------------------------------
  // Every scan page after this many fails (counted over all scans).
  std::optional<std::size_t> fail_scan_after_pages;
  // The next this-many bulk requests fail as a whole (nothing applied).
  std::size_t failing_bulks = 0;
  // Bulk requests wait this long before they are applied and answered.
  std::chrono::milliseconds bulk_delay{0};
  // Each scan page waits this long before it is answered.
  std::chrono::milliseconds page_delay{0};
  // Index operations of these ids are refused item by item.
  std::set<std::string> refused_ids;

  // --- What happened ------------------------------------------------------------------
  std::size_t bulk_requests = 0;
  std::size_t bulk_operations = 0;
  std::size_t scan_pages = 0;
  std::size_t scans_opened = 0;
  std::size_t scans_closed = 0;
  std::vector<std::string> deleted_ids;

  boost::asio::awaitable<bool> index_exists(std::string /*index*/) override { co_return exists; }

  boost::asio::awaitable<std::uint64_t> count_documents(std::string /*index*/) override {
    co_return documents.size();
  }

  boost::asio::awaitable<boost::json::object> get_field_mapping(std::string index,
                                                                std::string field) override {
    boost::json::object mappings;
    if (maps_exact_timestamps && field == protocol::kExactTimestampField) {
      mappings[field] = boost::json::object{
          {"full_name", field},
          {"mapping", boost::json::object{{"exact", boost::json::object{{"type", "keyword"}}}}}};
    }
    co_return boost::json::object{{index, boost::json::object{{"mappings", std::move(mappings)}}}};
  }

  boost::asio::awaitable<std::unique_ptr<es::HitCursor>> open_scan(
      std::string /*index*/, es::IdScanOptions options) override {
    ++scans_opened;
    std::vector<es::ScanHit> snapshot;
    for (const auto& [id, document] : documents) snapshot.push_back(hit_of(id, document, options));
    co_return std::make_unique<Cursor>(*this, std::move(snapshot), options.page_size);
  }

  boost::asio::awaitable<es::BulkResult> send_bulk(std::string ndjson,
                                                   es::BulkOptions /*options*/) override {
    ++bulk_requests;
    if (bulk_delay.count() > 0) {
      boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, bulk_delay);
      co_await timer.async_wait(boost::asio::use_awaitable);
    }
    if (failing_bulks > 0) {
      --failing_bulks;
      throw core::Error("connection refused (a bulk request failure of the test)");
    }
    co_return apply(ndjson);
  }

 private:
  class Cursor final : public es::HitCursor {
   public:
    Cursor(MemoryIndex& index, std::vector<es::ScanHit> hits, std::size_t page_size)
        : index_(index), hits_(std::move(hits)), page_size_(page_size == 0 ? 1 : page_size) {}

    boost::asio::awaitable<std::optional<std::vector<es::ScanHit>>> next_page() override {
      if (next_ >= hits_.size()) co_return std::nullopt;
      if (index_.page_delay.count() > 0) {
        boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor,
                                        index_.page_delay);
        co_await timer.async_wait(boost::asio::use_awaitable);
      }
      if (index_.fail_scan_after_pages && index_.scan_pages >= *index_.fail_scan_after_pages) {
        throw core::Error("search_phase_execution_exception (a scan failure of the test)");
      }
      ++index_.scan_pages;
      const std::size_t end = std::min(hits_.size(), next_ + page_size_);
      std::vector<es::ScanHit> page(std::make_move_iterator(hits_.begin() + next_),
                                    std::make_move_iterator(hits_.begin() + end));
      next_ = end;
      co_return page;
    }

    boost::asio::awaitable<void> close() override {
      if (!closed_) ++index_.scans_closed;
      closed_ = true;
      co_return;
    }

   private:
    MemoryIndex& index_;
    std::vector<es::ScanHit> hits_;
    std::size_t page_size_;
    std::size_t next_ = 0;
    bool closed_ = false;
  };

  static es::ScanHit hit_of(const std::string& id, const boost::json::object& document,
                            const es::IdScanOptions& options) {
    es::ScanHit hit;
    hit.id = id;
    for (const std::string& field : options.source_fields) {
      if (const boost::json::value* value = document.if_contains(field)) hit.source[field] = *value;
    }
    for (const std::string& field : options.docvalue_fields) {
      const boost::json::value* timestamp = document.if_contains("_timestamp");
      if (field == protocol::kExactTimestampField && timestamp != nullptr &&
          timestamp->is_string()) {
        hit.fields[field] = boost::json::array{*timestamp};
      }
    }
    return hit;
  }

  static std::vector<std::string_view> lines_of(std::string_view body) {
    std::vector<std::string_view> lines;
    while (!body.empty()) {
      const std::size_t end = body.find('\n');
      if (end == std::string_view::npos) throw core::Error("a bulk body must end in a newline");
      lines.push_back(body.substr(0, end));
      body.remove_prefix(end + 1);
    }
    return lines;
  }

  es::BulkResult apply(std::string_view body) {
    exists = true;
    es::BulkResult result;
    const std::vector<std::string_view> lines = lines_of(body);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const boost::json::object action = boost::json::parse(lines[i]).as_object();
      const auto& [name, target] = *action.begin();
      es::BulkItemResult item;
      item.id = std::string(target.at("_id").as_string());
      ++bulk_operations;
      if (name == "delete") {
        item.op = es::BulkOpType::delete_;
        const bool found = documents.erase(item.id) > 0;
        if (found) deleted_ids.push_back(item.id);
        item.status = found ? 200 : 404;
        item.result = found ? "deleted" : "not_found";
      } else {
        item.op = es::BulkOpType::index;
        if (i + 1 >= lines.size()) throw core::Error("an index action without its document");
        boost::json::object document = boost::json::parse(lines[++i]).as_object();
        if (refused_ids.contains(item.id)) {
          item.status = 400;
          item.error_type = "mapper_parsing_exception";
          item.error_reason = "refused by the test";
          result.errors = true;
        } else {
          const bool created = documents.insert_or_assign(item.id, std::move(document)).second;
          item.status = created ? 201 : 200;
          item.result = created ? "created" : "updated";
        }
      }
      result.items.push_back(std::move(item));
    }
    return result;
  }
};

}  // namespace ei::testing
