#include "service/schedule_decision.hpp"

#include "core/cron.hpp"

namespace ei::service {

bool heartbeat_due(const protocol::Connector& connector, core::TimePoint now,
                   std::chrono::duration<double> heartbeat) {
  if (!connector.last_seen) return true;
  return now - connector.last_seen->time > heartbeat;
}

ScheduleDecision decide_schedule(const protocol::Connector& connector, core::TimePoint now,
                                 std::chrono::duration<double> idling) {
  if (connector.last_sync_scheduled_at && connector.last_sync_scheduled_at->time > now) {
    return ScheduledByAnotherInstance{};
  }
  if (!connector.scheduling.enabled) return ScheduleNotEnabled{};
  if (!connector.scheduling.interval) {
    return ScheduleInvalid{"scheduling.interval is missing while scheduling is enabled"};
  }
  std::optional<std::chrono::sys_seconds> next;
  try {
    auto expression = core::CronExpression::parse(*connector.scheduling.interval);
    next = expression.next_after(std::chrono::floor<std::chrono::seconds>(now));
  } catch (const core::CronError& error) {
    return ScheduleInvalid{error.what()};
  }
  if (!next) {
    return ScheduleInvalid{"cron expression \"" + *connector.scheduling.interval +
                           "\" never fires again"};
  }
  auto until_fire = std::chrono::duration<double>(*next - now);
  if (until_fire - idling > std::chrono::duration<double>::zero()) {
    return ScheduleNotDue{std::chrono::duration_cast<std::chrono::seconds>(until_fire)};
  }
  return ScheduleDue{core::TimePoint(*next)};
}

}  // namespace ei::service
