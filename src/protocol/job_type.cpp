#include "protocol/job_type.hpp"

namespace ei::protocol {

std::string_view to_string(JobType type) {
  return enum_to_string(kJobTypeNames, type);
}

std::optional<JobType> try_parse_job_type(std::string_view text) {
  return enum_from_string(kJobTypeNames, text);
}

JobType parse_job_type(std::string_view text) {
  return parse_enum(kJobTypeNames, "job type", text);
}

}  // namespace ei::protocol
