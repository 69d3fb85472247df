#include "service/sync_job_runner.hpp"

#include <fmt/format.h>

#include <boost/asio/co_spawn.hpp>

#include "core/logging.hpp"
#include "core/time.hpp"
#include "filtering/validation_report.hpp"
#include "protocol/connector_updates.hpp"
#include "protocol/index_names.hpp"
#include "protocol/job_updates.hpp"
#include "service/job_claim.hpp"
#include "service/source_instances.hpp"

namespace ei::service {

namespace asio = boost::asio;
using protocol::JobStatus;

SyncJobRunner::SyncJobRunner(ServiceContext& context, const source::ResolvedSource& source_entry,
                             protocol::SyncJob job, RunnerTiming timing)
    : context_(context),
      source_entry_(source_entry),
      job_(std::move(job)),
      timing_(timing),
      own_store_(std::make_unique<EsProtocolStore>(context.es)),
      own_target_(std::make_unique<EsSyncTarget>(context.es)),
      store_(*own_store_),
      target_(*own_target_),
      wait_(context.executor) {}

SyncJobRunner::SyncJobRunner(ServiceContext& context, const source::ResolvedSource& source_entry,
                             protocol::SyncJob job, ProtocolStore& store, SyncTarget& target,
                             RunnerTiming timing)
    : context_(context),
      source_entry_(source_entry),
      job_(std::move(job)),
      timing_(timing),
      store_(store),
      target_(target),
      wait_(context.executor) {}

void SyncJobRunner::suspend() {
  suspend_requested_ = true;
  if (engine_ != nullptr) engine_->cancel();
  wait_.wake();
}

asio::awaitable<bool> SyncJobRunner::run() {
  auto claim = co_await lock_and_claim(store_, job_.id, job_.connector.id,
                                       job_.effective_job_type(), context_.hostname);
  if (!claim) co_return false;
  job_ = std::move(claim->job);
  const auto started = std::chrono::steady_clock::now();
  core::log().info("[{}] Sync job started for connector {} (trigger: {})", job_.id,
                   job_.connector.id,
                   job_.trigger_method ? protocol::to_string(*job_.trigger_method) : "unknown");

  RunOutcome outcome;
  std::optional<std::string> failure;
  try {
    outcome = co_await execute(claim->connector_before_lock);
  } catch (const std::exception& error) {
    failure = error.what();
  }
  if (failure) outcome = {JobStatus::error, *failure};
  if (source_) {
    std::optional<std::string> close_failure;
    try {
      co_await source_->close();
    } catch (const std::exception& error) {
      close_failure = error.what();
    }
    if (close_failure)
      core::log().warn("[{}] Closing the source failed: {}", job_.id, *close_failure);
  }
  co_await terminate(outcome);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  core::log().info("[{}] Sync done: {} indexed, {} deleted. ({} seconds)", job_.id,
                   counters_.indexed_document_count, counters_.deleted_document_count,
                   static_cast<std::int64_t>(seconds));
  if (outcome.error) core::log().error("[{}] Sync job failed: {}", job_.id, *outcome.error);
  co_return true;
}

asio::awaitable<RunOutcome> SyncJobRunner::execute(const protocol::Connector& live_connector) {
  const RunOutcome suspended{JobStatus::suspended, std::nullopt};
  const auto& snapshot = job_.connector;
  source_ = make_source(context_, source_entry_, snapshot.configuration);
  if (suspend_requested_) co_return suspended;
  if (!co_await source_->changed()) {
    core::log().debug("No change in {} data provider, skipping...", source_entry_.service_type);
    co_return RunOutcome{};
  }
  source_->validate_config_fields();
  co_await source_->validate_config();
  co_await source_->ping();
  if (suspend_requested_) co_return suspended;

  if (live_connector.features.sync_rules_enabled()) {
    auto validator = rule_validator_for(*source_);
    auto result = co_await validator.validate(snapshot.filtering);
    if (result.state != protocol::ValidationState::valid) {
      co_return RunOutcome{JobStatus::error, filtering::job_error_message(result)};
    }
  }

  const std::string index = snapshot.index_name.value_or("");
  if (!protocol::is_valid_content_index_name(index)) {
    co_return RunOutcome{JobStatus::error,
                         fmt::format("Index name {} is invalid. Index name must start with \"{}\"",
                                     index, protocol::kContentIndexPrefix)};
  }
  const std::string language = snapshot.language.value_or("en");
  co_await target_.prepare_index(index, language);

  sync::SyncEngineOptions options;
  options.index = index;
  const auto& pipeline = snapshot.pipeline;
  std::string pipeline_name(pipeline.name.value_or(std::string(protocol::kDefaultPipelineName)));
  auto availability = co_await target_.ensure_pipeline(pipeline_name);
  options.pipeline = availability == sync::PipelineAvailability::unavailable ? "" : pipeline_name;
  options.extract_binary_content = pipeline.extract_binary_content.value_or(false);
  options.reduce_whitespace = pipeline.reduce_whitespace.value_or(false);
  options.run_ml_inference = pipeline.run_ml_inference.value_or(false);
  options.sync_rules_enabled = live_connector.features.sync_rules_enabled();
  options.filter = snapshot.filtering;
  options.bulk = context_.config.elasticsearch.bulk;
  source_->tweak_bulk_options(options.bulk);
  if (suspend_requested_) co_return suspended;

  sync::SyncEngine engine(target_.reader(), target_.sink(), *source_, std::move(options));
  co_return co_await supervise(engine);
}

asio::awaitable<RunOutcome> SyncJobRunner::supervise(sync::SyncEngine& engine) {
  bool done = false;
  sync::SyncResult result;
  std::exception_ptr failure;
  engine_ = &engine;
  // The completion handler refers to this frame: the loop below never leaves before `done`.
  asio::co_spawn(context_.executor, engine.run(),
                 [&](std::exception_ptr error, sync::SyncResult engine_result) {
                   done = true;
                   failure = error;
                   result = std::move(engine_result);
                   wait_.wake();
                 });
  StopReason reason = StopReason::none;
  std::optional<std::string> check_error;
  auto next_report = std::chrono::steady_clock::now() + timing_.report_interval;
  while (!done) {
    co_await wait_.sleep(timing_.check_interval);
    if (done) break;
    if (reason != StopReason::none) continue;  // the engine is stopping
    if (suspend_requested_) {
      reason = StopReason::shutdown;
      engine.cancel();
      continue;
    }
    std::optional<std::string> transient;
    try {
      reason = co_await check_job(check_error);
      if (reason == StopReason::none && std::chrono::steady_clock::now() >= next_report) {
        next_report += timing_.report_interval;
        co_await report_progress(engine);
      }
    } catch (const std::exception& error) {
      transient = error.what();
    }
    if (transient) core::log().warn("[{}] Job check failed, retrying: {}", job_.id, *transient);
    if (reason != StopReason::none) engine.cancel();
  }
  engine_ = nullptr;
  counters_ = failure ? engine.counters() : result.counters;
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& error) {
      co_return RunOutcome{JobStatus::error, std::string(error.what())};
    }
  }
  co_return outcome_of(result, reason, check_error);
}

asio::awaitable<StopReason> SyncJobRunner::check_job(std::optional<std::string>& error) {
  auto connector = co_await store_.fetch_connector(job_.connector.id);
  if (!connector) {
    error = fmt::format("Connector is not found for connector ID {}.", job_.connector.id);
    co_return StopReason::job_check_failed;
  }
  auto job = co_await store_.fetch_job(job_.id);
  if (!job) {
    error = fmt::format("Connector job is not found for job ID {}.", job_.id);
    co_return StopReason::job_check_failed;
  }
  if (job->status == JobStatus::canceling) co_return StopReason::cancel_requested;
  if (job->status != JobStatus::in_progress) {
    error = fmt::format("Connector job (ID: {}) is not running but in status of {}.", job_.id,
                        protocol::reference_enum_name(job->status));
    co_return StopReason::job_check_failed;
  }
  co_return StopReason::none;
}

asio::awaitable<void> SyncJobRunner::report_progress(const sync::SyncEngine& engine) {
  auto job = co_await store_.fetch_job(job_.id);
  if (!job) co_return;
  auto update = protocol::job_progress_update(core::Clock::now(), job_counters(engine.counters()));
  co_await store_.update_job(job_.id, std::move(update));
}

asio::awaitable<void> SyncJobRunner::terminate(const RunOutcome& outcome) {
  auto job = co_await store_.fetch_job(job_.id);
  if (job) {
    protocol::JobTermination termination;
    termination.status = outcome.status;
    if (outcome.status == JobStatus::error) termination.error = outcome.error;
    termination.counters = job_counters(counters_);
    auto connector = co_await store_.fetch_connector(job_.connector.id);
    if (connector && connector->index_name) {
      std::optional<std::int64_t> total;
      try {
        total =
            static_cast<std::int64_t>(co_await target_.count_after_refresh(*connector->index_name));
      } catch (const std::exception& error) {
        core::log().warn("[{}] Could not count the documents of {}: {}", job_.id,
                         *connector->index_name, error.what());
      }
      termination.total_document_count = total;
    }
    co_await store_.update_job(job_.id,
                               protocol::job_termination_update(termination, core::Clock::now()));
  }
  auto connector = co_await store_.fetch_connector(job_.connector.id);
  if (!connector) co_return;
  std::optional<protocol::SyncJob> reloaded;
  if (job) reloaded = co_await store_.fetch_job(job_.id);
  auto update = protocol::sync_done_update(reloaded ? &*reloaded : nullptr, core::Clock::now());
  co_await store_.update_connector(job_.connector.id, std::move(update));
}

}  // namespace ei::service
