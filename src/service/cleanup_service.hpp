#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>

#include "service/es_protocol_store.hpp"
#include "service/loop_service.hpp"

namespace ei::service {

// A job `in_progress` or `canceling` not seen for this long is failed (spec §8.4, §19.2).
inline constexpr std::chrono::seconds kIdleJobThreshold{60};

// The `cleanup` service (spec §19): at start and then every `job_cleanup_interval`, delete
// the jobs whose connector is gone (and their content indices no connector uses), and fail
// the idle jobs of the supported connectors, releasing their connectors' locks.
class CleanupService : public LoopService {
 public:
  explicit CleanupService(ServiceContext& context);

  boost::asio::awaitable<void> run() override;
  boost::asio::awaitable<void> clean_orphaned_jobs();
  boost::asio::awaitable<void> clean_idle_jobs();

 private:
  EsProtocolStore store_;
};

}  // namespace ei::service
