#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <memory>
#include <string>

#include "service/es_protocol_store.hpp"
#include "service/loop_service.hpp"
#include "service/sync_job_runner.hpp"

namespace ei::service {

// The `execute` service (spec §10): every `idling` seconds, the pending and suspended jobs
// of the supported connectors, oldest first, each run by a SyncJobRunner, at most
// `max_concurrent_syncs` at once. stop() suspends the running jobs and run() returns once
// their documents are written.
class ExecuteService : public LoopService {
 public:
  explicit ExecuteService(ServiceContext& context, RunnerTiming timing = {});

  boost::asio::awaitable<void> run() override;
  void stop() override;

  boost::asio::awaitable<void> poll();
  std::size_t running_jobs() const { return runners_.size(); }

 private:
  // Spec §10.2: starts a runner for `job`, or explains why not.
  boost::asio::awaitable<void> dispatch(protocol::SyncJob job);
  boost::asio::awaitable<void> fail_malformed_job(const protocol::SyncJob& job);
  boost::asio::awaitable<void> wait_for_slot();
  // A locked connector with no running job: release the lock when it stays so for a poll.
  boost::asio::awaitable<void> check_lock(const protocol::Connector& connector);

  EsProtocolStore store_;
  RunnerTiming timing_;
  std::map<std::string, std::shared_ptr<SyncJobRunner>> runners_;  // by job id
  InterruptibleSleep slot_freed_;
  // Connector id → when it was first seen locked without a running job.
  std::map<std::string, std::chrono::steady_clock::time_point> suspected_locks_;
};

}  // namespace ei::service
