#pragma once

#include "es/es_client.hpp"
#include "service/sync_target.hpp"

namespace ei::service {

// The content side of a job on Elasticsearch.
class EsSyncTarget final : public SyncTarget {
 public:
  explicit EsSyncTarget(es::EsClient& es) : es_(es) {}

  boost::asio::awaitable<void> prepare_index(std::string index, std::string language) override;
  boost::asio::awaitable<sync::PipelineAvailability> ensure_pipeline(std::string name) override;
  boost::asio::awaitable<std::uint64_t> count_after_refresh(std::string index) override;

  es::IndexReader& reader() override { return es_; }
  es::BulkSink& sink() override { return es_; }

 private:
  es::EsClient& es_;
};

}  // namespace ei::service
