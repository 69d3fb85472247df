#include "service/job_claim.hpp"

#include "core/logging.hpp"
#include "core/time.hpp"
#include "protocol/connector_updates.hpp"
#include "protocol/job_updates.hpp"
#include "service/conflict_retry.hpp"

namespace ei::service {

namespace asio = boost::asio;

bool claimable(const protocol::SyncJob& job) {
  return protocol::is_runnable(job.status) && job.version.known();
}

namespace {

asio::awaitable<std::optional<protocol::Connector>> take_lock(ProtocolStore& store,
                                                              std::string connector_id,
                                                              protocol::JobType job_type) {
  for (int attempt = 1;; ++attempt) {
    auto connector = co_await store.fetch_connector(connector_id);
    if (!connector) {
      core::log().error("Couldn't reload connector {}", connector_id);
      co_return std::nullopt;
    }
    const bool held =
        job_type == protocol::JobType::access_control
            ? connector->last_access_control_sync_status == protocol::JobStatus::in_progress
            : connector->is_syncing();
    if (held) {
      core::log().debug(
          "A sync job is started for connector {} by another connector instance, skipping...",
          connector_id);
      co_return std::nullopt;
    }
    bool conflict = false;
    try {
      co_await store.update_connector(connector_id, protocol::sync_start_update(job_type),
                                      connector->version);
    } catch (const es::VersionConflictError& error) {
      if (attempt >= kConflictAttempts) {
        core::log().debug("Connector {}: lock not obtained after {} conflicts", connector_id,
                          attempt);
        co_return std::nullopt;
      }
      log_conflict(error);
      conflict = true;
    }
    if (!conflict) co_return connector;
  }
}

}  // namespace

asio::awaitable<std::optional<Claim>> lock_and_claim(ProtocolStore& store, std::string job_id,
                                                     std::string connector_id,
                                                     protocol::JobType job_type,
                                                     std::string hostname) {
  auto before = co_await take_lock(store, connector_id, job_type);
  if (!before) co_return std::nullopt;

  bool claimed = false;
  auto job = co_await store.fetch_job(job_id);
  if (job && claimable(*job)) {
    try {
      auto update = protocol::job_claim_update(core::Clock::now(), hostname);
      co_await store.update_job(job_id, std::move(update), job->version);
      claimed = true;
    } catch (const es::VersionConflictError& error) {
      log_conflict(error);
    }
  }
  if (!claimed) {
    core::log().debug("Job {} was taken by another process; releasing the lock of connector {}",
                      job_id, connector_id);
    co_await store.update_connector(connector_id,
                                    protocol::sync_lock_release_update(*before, job_type));
    co_return std::nullopt;
  }
  job->status = protocol::JobStatus::in_progress;
  co_return Claim{std::move(*before), std::move(*job)};
}

}  // namespace ei::service
