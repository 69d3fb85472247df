#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "protocol/enum_names.hpp"

namespace ei::protocol {

// `status` of a job document, also the value of a connector's `last_sync_status`
// (spec §7.5, §8.3). The set is the same in 8.8 and later versions.
enum class JobStatus { pending, in_progress, canceling, canceled, suspended, completed, error };

inline constexpr EnumNames<JobStatus, 7> kJobStatusNames{{
    {JobStatus::pending, "pending"},
    {JobStatus::in_progress, "in_progress"},
    {JobStatus::canceling, "canceling"},
    {JobStatus::canceled, "canceled"},
    {JobStatus::suspended, "suspended"},
    {JobStatus::completed, "completed"},
    {JobStatus::error, "error"},
}};

std::string_view to_string(JobStatus status);
std::optional<JobStatus> try_parse_job_status(std::string_view text);
// Throws ProtocolError for anything but the seven names.
JobStatus parse_job_status(std::string_view text);

// The reference's enum repr used in job error texts (spec §11.3): `JobStatus.IN_PROGRESS`.
std::string reference_enum_name(JobStatus status);

// `completed`, `error`, `canceled`; `suspended` is not terminal (spec §8.3).
bool is_terminal(JobStatus status);

// What the execute service picks up: `pending` and `suspended` (spec §8.4).
bool is_runnable(JobStatus status);

}  // namespace ei::protocol
