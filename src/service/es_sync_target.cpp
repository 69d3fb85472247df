#include "service/es_sync_target.hpp"

#include "sync/content_index.hpp"

namespace ei::service {

namespace asio = boost::asio;

asio::awaitable<void> EsSyncTarget::prepare_index(std::string index, std::string language) {
  co_await sync::prepare_content_index(es_, std::move(index), language);
}

asio::awaitable<sync::PipelineAvailability> EsSyncTarget::ensure_pipeline(std::string name) {
  co_return co_await sync::ensure_ingest_pipeline(es_, std::move(name));
}

asio::awaitable<std::uint64_t> EsSyncTarget::count_after_refresh(std::string index) {
  co_await es_.refresh(index, true);
  co_return co_await es_.count(std::move(index), std::nullopt, true);
}

}  // namespace ei::service
