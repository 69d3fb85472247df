#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "protocol/sync_job.hpp"
#include "service/es_protocol_store.hpp"
#include "service/es_sync_target.hpp"
#include "service/interruptible_sleep.hpp"
#include "service/job_outcome.hpp"
#include "service/protocol_store.hpp"
#include "service/service_context.hpp"
#include "service/sync_target.hpp"
#include "sync/sync_engine.hpp"

namespace ei::service {

// Timing of a run (spec §11.3); tests may shorten them. Progress is written every 2 s, not
// the reference's 10 s: a worker killed mid-sync leaves counts that much closer to what
// reached the index (one small update a job, every 2 s).
struct RunnerTiming {
  std::chrono::milliseconds report_interval{std::chrono::seconds(2)};
  std::chrono::milliseconds check_interval{std::chrono::seconds(1)};
};

// Runs one job (spec §11): lock and claim, build the source from the job's snapshot,
// checks, content index and pipeline, the sync engine with a progress report every 2 s and
// a job check every 1 s, then the terminal state of the job and "sync done" on the
// connector. suspend() (service shutdown) ends the run as `suspended`.
class SyncJobRunner {
 public:
  // On the context's Elasticsearch.
  SyncJobRunner(ServiceContext& context, const source::ResolvedSource& source_entry,
                protocol::SyncJob job, RunnerTiming timing = {});
  // On the given store and target (both must outlive the runner); context.es is not used.
  SyncJobRunner(ServiceContext& context, const source::ResolvedSource& source_entry,
                protocol::SyncJob job, ProtocolStore& store, SyncTarget& target,
                RunnerTiming timing = {});

  const std::string& job_id() const { return job_.id; }

  // True when the job was claimed and run (whatever its outcome); false when it could not be
  // claimed (lock held, claimed elsewhere): nothing was written then.
  boost::asio::awaitable<bool> run();

  // Shutdown: stop promptly, record the job as `suspended`.
  void suspend();

 private:
  // Steps 4-11 and the engine; returns the outcome.
  boost::asio::awaitable<RunOutcome> execute(const protocol::Connector& live_connector);
  // The engine under the progress reporter and the job check.
  boost::asio::awaitable<RunOutcome> supervise(sync::SyncEngine& engine);
  // The job check (spec §11.3): the reason to stop, if any.
  boost::asio::awaitable<StopReason> check_job(std::optional<std::string>& error);
  boost::asio::awaitable<void> report_progress(const sync::SyncEngine& engine);
  boost::asio::awaitable<void> terminate(const RunOutcome& outcome);

  ServiceContext& context_;
  const source::ResolvedSource& source_entry_;
  protocol::SyncJob job_;
  RunnerTiming timing_;
  std::unique_ptr<EsProtocolStore> own_store_;  // the first constructor's
  std::unique_ptr<EsSyncTarget> own_target_;
  ProtocolStore& store_;
  SyncTarget& target_;
  InterruptibleSleep wait_;
  std::unique_ptr<source::DataSource> source_;
  sync::SyncCounters counters_;  // the engine's, once it ran
  bool suspend_requested_ = false;
  sync::SyncEngine* engine_ = nullptr;  // while it runs
};

}  // namespace ei::service
