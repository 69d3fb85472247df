#pragma once

// One parsed `connectors` command line: which command, with which arguments. Filled by the
// argument parser (connectors_app), executed by ConnectorsCommands.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ei::cli {

enum class ConnectorsCommand {
  connector_create,
  connector_list,
  connector_show,
  connector_set_config,
  connector_set_rules,
  connector_schedule,
  job_start,
  job_list,
  job_show,
  job_cancel,
};

struct ConnectorsRequest {
  ConnectorsCommand command = ConnectorsCommand::connector_list;
  bool json = false;  // machine-readable output

  std::string id;  // connector id, or job id for job show/cancel

  // connector create
  std::string service_type;
  std::string index_name;
  std::optional<std::string> name;
  std::optional<std::string> language;
  bool native = false;

  // create --config, set-config
  std::vector<std::string> assignments;

  // set-rules
  std::string rules_file;

  // schedule: an interval enables, nothing (--disable) disables
  std::optional<std::string> interval;
  bool disable_schedule = false;

  // job start
  bool wait = false;
  bool sync_now = false;
  std::chrono::seconds wait_timeout{0};  // 0: no limit
  std::chrono::milliseconds poll_interval{1000};

  // job list
  std::optional<std::string> connector_filter;
  std::optional<std::string> status_filter;
  std::size_t limit = 100;
};

}  // namespace ei::cli
