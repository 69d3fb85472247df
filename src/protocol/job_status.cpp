#include "protocol/job_status.hpp"

#include "core/strings.hpp"

namespace ei::protocol {

std::string_view to_string(JobStatus status) {
  return enum_to_string(kJobStatusNames, status);
}

std::optional<JobStatus> try_parse_job_status(std::string_view text) {
  return enum_from_string(kJobStatusNames, text);
}

JobStatus parse_job_status(std::string_view text) {
  return parse_enum(kJobStatusNames, "job status", text);
}

std::string reference_enum_name(JobStatus status) {
  return "JobStatus." + core::to_upper(to_string(status));
}

bool is_terminal(JobStatus status) {
  return status == JobStatus::completed || status == JobStatus::error ||
         status == JobStatus::canceled;
}

bool is_runnable(JobStatus status) {
  return status == JobStatus::pending || status == JobStatus::suspended;
}

}  // namespace ei::protocol
