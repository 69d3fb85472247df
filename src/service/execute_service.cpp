#include "service/execute_service.hpp"

#include <fmt/format.h>

#include <boost/asio/co_spawn.hpp>

#include "core/logging.hpp"
#include "core/time.hpp"
#include "core/url_redaction.hpp"
#include "protocol/job_updates.hpp"
#include "service/conflict_retry.hpp"
#include "service/stale_lock.hpp"

namespace ei::service {

namespace asio = boost::asio;
namespace json = boost::json;

ExecuteService::ExecuteService(ServiceContext& context, RunnerTiming timing)
    : LoopService(context, "execute"),
      store_(context.es),
      timing_(timing),
      slot_freed_(context.executor) {}

void ExecuteService::stop() {
  LoopService::stop();
  for (auto& [id, runner] : runners_) runner->suspend();
  slot_freed_.wake();
}

asio::awaitable<void> ExecuteService::run() {
  core::log().info("Execute service started, listening to events from {}",
                   core::redact_url(context_.config.elasticsearch.host));
  while (running()) {
    co_await poll();
    if (!running()) break;
    co_await idle(context_.config.service.idling);
  }
  // Running jobs were told to suspend; their final writes must land before the process ends.
  while (!runners_.empty()) co_await slot_freed_.sleep(std::chrono::seconds(1));
  core::log().info("Execute service stopped");
}

asio::awaitable<void> ExecuteService::poll() {
  std::vector<protocol::SyncJob> jobs;
  try {
    auto query = supported_connectors_query(context_.selection());
    std::vector<protocol::Connector> connectors;
    if (query) connectors = co_await store_.search_connectors(std::move(query));
    if (connectors.empty()) {
      core::log().info(
          "There's no supported connectors found with native service types [{}] and connector "
          "ids [{}]",
          fmt::join(context_.config.native_service_types, ", "),
          context_.config.connector_id.value_or(""));
      co_return;
    }
    std::vector<std::string> ids;
    for (const auto& connector : connectors) ids.push_back(connector.id);
    json::array sort{json::object{{"created_at", json::object{{"order", "asc"}}}}};
    jobs = co_await store_.search_jobs(pending_jobs_query(ids), std::move(sort));
  } catch (const std::exception& error) {
    charge_error("The execute service could not list the pending jobs", error);
    co_return;
  }
  for (auto& job : jobs) {
    if (!running()) break;
    if (runners_.contains(job.id)) continue;
    co_await wait_for_slot();
    if (!running()) break;
    std::string id = job.id;
    try {
      co_await dispatch(std::move(job));
    } catch (const ErrorBudgetExceeded&) {
      throw;
    } catch (const std::exception& error) {
      charge_error(fmt::format("Could not start job {}", id), error);
    }
  }
}

asio::awaitable<void> ExecuteService::wait_for_slot() {
  const auto capacity = static_cast<std::size_t>(
      std::max<std::int64_t>(1, context_.config.service.max_concurrent_syncs));
  while (running() && runners_.size() >= capacity) {
    co_await slot_freed_.sleep(std::chrono::seconds(1));
  }
}

asio::awaitable<void> ExecuteService::dispatch(protocol::SyncJob job) {
  if (!job.well_formed()) {
    co_await fail_malformed_job(job);
    co_return;
  }
  const std::string service_type = job.connector.service_type.value_or("");
  const auto* entry = context_.find_source(service_type);
  if (entry == nullptr) throw core::Error("Couldn't find data source class for " + service_type);
  auto connector = co_await store_.fetch_connector(job.connector.id);
  if (!connector) {
    core::log().error("Couldn't find connector by id {}", job.connector.id);
    co_return;
  }
  if (connector->is_syncing() && job.effective_job_type() != protocol::JobType::access_control) {
    core::log().debug("Connector {} is still syncing, skip the job {}...", connector->id, job.id);
    co_await check_lock(*connector);
    co_return;
  }
  suspected_locks_.erase(connector->id);
  auto runner = std::make_shared<SyncJobRunner>(context_, *entry, std::move(job), timing_);
  const std::string id = runner->job_id();
  runners_.emplace(id, runner);
  asio::co_spawn(context_.executor, runner->run(),
                 [this, id, runner](std::exception_ptr error, bool) {
                   if (error) {
                     try {
                       std::rethrow_exception(error);
                     } catch (const std::exception& e) {
                       core::log().error("Exception found for task {}: {}", id, e.what());
                     }
                   }
                   runners_.erase(id);
                   slot_freed_.wake();
                 });
}

asio::awaitable<void> ExecuteService::check_lock(const protocol::Connector& connector) {
  auto running = co_await store_.search_jobs(running_jobs_of_connector_query(connector.id));
  if (!running.empty()) {
    suspected_locks_.erase(connector.id);
    co_return;
  }
  const auto now = std::chrono::steady_clock::now();
  auto [it, first_sighting] = suspected_locks_.try_emplace(connector.id, now);
  if (first_sighting || !lock_is_stale(connector, false, it->second, now)) co_return;
  suspected_locks_.erase(it);
  core::log().warn("Connector {} is locked by a sync whose job never started; releasing the lock",
                   connector.id);
  try {
    // Conditional: a connector written meanwhile is left to its writer.
    co_await store_.update_connector(connector.id, stale_lock_release_update(), connector.version);
  } catch (const es::VersionConflictError& error) {
    log_conflict(error);
  }
}

asio::awaitable<void> ExecuteService::fail_malformed_job(const protocol::SyncJob& job) {
  protocol::ProtocolError problem("job", job.id, job.problems);
  core::log().error("{}", problem.what());
  protocol::JobTermination termination;
  termination.status = protocol::JobStatus::error;
  termination.error = std::string("Job document is malformed: ") + problem.what();
  // Conditional: a job another process has just claimed is left alone.
  try {
    co_await store_.update_job(
        job.id, protocol::job_termination_update(termination, core::Clock::now()), job.version);
  } catch (const es::VersionConflictError& error) {
    log_conflict(error);
  }
}

}  // namespace ei::service
