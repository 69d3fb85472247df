#pragma once

#include <optional>
#include <string_view>

#include "protocol/enum_names.hpp"

namespace ei::protocol {

// `job_type` of a job document. 8.8 does not write the field (every job is a full sync);
// 8.9 adds it with these three values (spec §24.3). A job without it is a full sync.
enum class JobType { full, incremental, access_control };

inline constexpr EnumNames<JobType, 3> kJobTypeNames{{
    {JobType::full, "full"},
    {JobType::incremental, "incremental"},
    {JobType::access_control, "access_control"},
}};

std::string_view to_string(JobType type);
std::optional<JobType> try_parse_job_type(std::string_view text);
JobType parse_job_type(std::string_view text);  // throws ProtocolError

// Content jobs (full, incremental) share the connector's `last_sync_status` lock;
// access-control jobs have their own (spec §24.3).
inline bool is_content_sync(JobType type) {
  return type != JobType::access_control;
}

}  // namespace ei::protocol
