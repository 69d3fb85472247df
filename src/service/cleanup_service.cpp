#include "service/cleanup_service.hpp"

#include <fmt/format.h>

#include "core/logging.hpp"
#include "core/time.hpp"
#include "protocol/connector_updates.hpp"
#include "protocol/index_names.hpp"
#include "protocol/job_updates.hpp"
#include "service/cleanup_plan.hpp"

namespace ei::service {

namespace asio = boost::asio;
namespace json = boost::json;

CleanupService::CleanupService(ServiceContext& context)
    : LoopService(context, "cleanup"), store_(context.es) {}

asio::awaitable<void> CleanupService::run() {
  core::log().info("Cleanup service started, every {} seconds",
                   context_.config.service.job_cleanup_interval.count());
  while (running()) {
    try {
      co_await clean_orphaned_jobs();
      co_await clean_idle_jobs();
    } catch (const ErrorBudgetExceeded&) {
      throw;
    } catch (const std::exception& error) {
      charge_error("The cleanup service failed", error);
    }
    if (!running()) break;
    co_await idle(context_.config.service.job_cleanup_interval);
  }
  core::log().info("Cleanup service stopped");
}

asio::awaitable<void> CleanupService::clean_orphaned_jobs() {
  core::log().info("Start cleaning up orphaned jobs...");
  auto connectors = co_await store_.search_connectors(std::nullopt);
  if (connectors.empty()) {
    // With no connector every job would be orphaned and every content index they name
    // deleted (spec §19.1 "Danger"): an empty list is more likely a transient or a wrong
    // cluster than the end of all connectors, so nothing is deleted.
    core::log().warn("No connector documents found; orphaned-job cleanup skipped");
    co_return;
  }
  std::vector<std::string> ids;
  for (const auto& connector : connectors) ids.push_back(connector.id);
  auto jobs = co_await store_.search_jobs(orphaned_jobs_query(ids));
  auto plan = plan_orphan_cleanup(connectors, jobs);
  if (plan.job_ids.empty()) {
    core::log().info("No orphaned jobs found. Skipping...");
    co_return;
  }
  if (!plan.content_indices.empty()) {
    std::string names = fmt::format("{}", fmt::join(plan.content_indices, ","));
    core::log().info("Deleting the content indices of orphaned jobs: {}", names);
    co_await context_.es.delete_index(names, true);
  }
  json::array job_ids;
  for (const auto& id : plan.job_ids) job_ids.emplace_back(id);
  json::value query = json::object{{"terms", json::object{{"_id", std::move(job_ids)}}}};
  auto result =
      co_await context_.es.delete_by_query(std::string(protocol::kJobsIndex), std::move(query));
  core::log().info("Successfully deleted {} out of {} orphaned jobs.", result.deleted,
                   plan.job_ids.size());
}

asio::awaitable<void> CleanupService::clean_idle_jobs() {
  core::log().info("Start cleaning up idle jobs...");
  auto query = supported_connectors_query(context_.selection());
  if (!query) co_return;
  auto connectors = co_await store_.search_connectors(std::move(query));
  if (connectors.empty()) {
    core::log().info("No idle jobs found. Skipping...");
    co_return;
  }
  std::vector<std::string> ids;
  for (const auto& connector : connectors) ids.push_back(connector.id);
  auto jobs = co_await store_.search_jobs(idle_jobs_query(ids, kIdleJobThreshold));
  if (jobs.empty()) {
    core::log().info("No idle jobs found. Skipping...");
    co_return;
  }
  std::size_t marked = 0;
  for (const auto& job : jobs) {
    std::optional<std::string> failure;
    try {
      // Conditional on the version the search saw: a job that reported or ended meanwhile
      // is not idle and is left alone.
      co_await store_.update_job(job.id, protocol::idle_job_failure_update(core::Clock::now()),
                                 job.version);
      auto connector = co_await store_.fetch_connector(job.connector.id);
      if (!connector) {
        core::log().warn("Could not found connector by id #{}", job.connector.id);
        continue;
      }
      auto reloaded = co_await store_.fetch_job(job.id);
      if (!reloaded) core::log().warn("Could not reload sync job #{}", job.id);
      auto update = protocol::sync_done_update(reloaded ? &*reloaded : nullptr, core::Clock::now());
      co_await store_.update_connector(connector->id, std::move(update));
      ++marked;
    } catch (const es::VersionConflictError&) {
      core::log().info("Job #{} changed since it was found idle; left alone", job.id);
    } catch (const std::exception& error) {
      failure = error.what();
    }
    if (failure) core::log().error("Failed to mark idle job #{} as error: {}", job.id, *failure);
  }
  core::log().info("Successfully marked #{} out of #{} idle jobs as error.", marked, jobs.size());
}

}  // namespace ei::service
