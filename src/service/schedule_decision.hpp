#pragma once

// What the schedule service decides for one connector (spec §9.4-9.6), as pure functions of
// the connector document and the clock.

#include <chrono>
#include <optional>
#include <string>
#include <variant>

#include "core/time.hpp"
#include "protocol/connector.hpp"

namespace ei::service {

// Heartbeat (spec §9.4): `last_seen` is absent or older than `heartbeat`.
bool heartbeat_due(const protocol::Connector& connector, core::TimePoint now,
                   std::chrono::duration<double> heartbeat);

// Outcomes of the scheduled trigger (spec §9.6).
struct ScheduleNotEnabled {};
struct ScheduledByAnotherInstance {};  // last_sync_scheduled_at is later than now
struct ScheduleNotDue {
  std::chrono::seconds due_in;
};
struct ScheduleDue {
  core::TimePoint next_fire;  // written as last_sync_scheduled_at
};
struct ScheduleInvalid {
  std::string message;  // the connector's error text
};
using ScheduleDecision = std::variant<ScheduleNotEnabled, ScheduledByAnotherInstance,
                                      ScheduleNotDue, ScheduleDue, ScheduleInvalid>;

// Spec §9.6 steps 2-5: `next` is the first fire time strictly after `now`; a job is due when
// it fires within `idling` (the next poll would be late for it).
ScheduleDecision decide_schedule(const protocol::Connector& connector, core::TimePoint now,
                                 std::chrono::duration<double> idling);

}  // namespace ei::service
