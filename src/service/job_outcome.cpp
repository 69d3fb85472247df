#include "service/job_outcome.hpp"

#include <fmt/format.h>

#include <cmath>

namespace ei::service {

using protocol::JobStatus;

namespace {
constexpr std::size_t kRejectionsNamed = 3;
}

protocol::JobCounters job_counters(const sync::SyncCounters& counters) {
  constexpr double kMebibyte = 1024.0 * 1024.0;
  protocol::JobCounters job;
  job.indexed_document_count = static_cast<std::int64_t>(counters.indexed_document_count);
  job.deleted_document_count = static_cast<std::int64_t>(counters.deleted_document_count);
  // nearbyint in the default rounding mode rounds half to even, like Python's round().
  job.indexed_document_volume = static_cast<std::int64_t>(
      std::nearbyint(static_cast<double>(counters.indexed_document_volume_bytes) / kMebibyte));
  return job;
}

std::string rejected_items_message(const sync::SyncResult& result) {
  auto total = std::max<std::uint64_t>(result.counters.rejected_items, result.rejected.size());
  std::string text =
      fmt::format("{} document{} not indexed", total, total == 1 ? " was" : "s were");
  if (!result.rejected.empty()) {
    text += "; first: ";
    for (std::size_t i = 0; i < result.rejected.size() && i < kRejectionsNamed; ++i) {
      const auto& item = result.rejected[i];
      if (i > 0) text += ", ";
      text += fmt::format("{} {} ({}: {})", item.operation, item.id, item.type, item.reason);
    }
  }
  return text;
}

RunOutcome outcome_of(const sync::SyncResult& result, StopReason reason,
                      const std::optional<std::string>& check_error) {
  switch (reason) {
    case StopReason::shutdown:
      // An engine that finished before it saw the stop keeps its own outcome.
      if (result.canceled) return {JobStatus::suspended, std::nullopt};
      break;
    case StopReason::cancel_requested:
      return {JobStatus::canceled, std::nullopt};
    case StopReason::job_check_failed:
      return {JobStatus::error, check_error.value_or("The job was stopped")};
    case StopReason::none:
      break;
  }
  if (result.fetch_error) return {JobStatus::error, *result.fetch_error};
  if (result.counters.rejected_items > 0 || !result.rejected.empty()) {
    return {JobStatus::error, rejected_items_message(result)};
  }
  if (result.canceled) return {JobStatus::suspended, std::nullopt};
  return {JobStatus::completed, std::nullopt};
}

}  // namespace ei::service
