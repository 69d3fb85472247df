#include "cli/connectors_app.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "cli/connectors_commands.hpp"
#include "cli/connectors_input.hpp"
#include "cli/connectors_request.hpp"
#include "cli/dash_leading_ids.hpp"
#include "core/config.hpp"
#include "core/logging.hpp"
#include "es/errors.hpp"
#include "es/es_client.hpp"
#include "protocol/protocol_error.hpp"
#include "service/es_options_from_config.hpp"

namespace ei::cli {

namespace asio = boost::asio;

namespace {

struct GlobalOptions {
  std::optional<std::string> config_file;
  std::optional<std::string> es_url;
  bool json = false;
  bool debug = false;
};

// Where to connect and which service types exist: config.yml's elasticsearch section and
// sources when given, else the defaults; --es-url replaces the host.
struct Environment {
  es::EsOptions es;
  std::vector<core::SourceEntry> sources;
};

Environment load_environment(const GlobalOptions& options) {
  Environment environment;
  core::ElasticsearchConfig elasticsearch;
  environment.sources = core::shipped_sources();
  if (options.config_file) {
    auto config = core::load_config(*options.config_file);
    elasticsearch = config.elasticsearch;
    environment.sources = config.sources;
  }
  environment.es = service::es_options_from_config(elasticsearch);
  if (options.es_url) {
    const auto& url = *options.es_url;
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      throw InputError("--es-url \"" + url + "\" must start with http:// or https://");
    }
    environment.es.host = url;
  }
  // A person is waiting: fail within seconds when Elasticsearch does not answer.
  environment.es.connect_timeout = std::chrono::seconds(5);
  environment.es.max_retries = 2;
  environment.es.backoff =
      core::BackoffPolicy{std::chrono::milliseconds(500), 2.0, std::chrono::seconds(3)};
  return environment;
}

CLI::App* add_command(CLI::App& group, const std::string& name, const std::string& help) {
  auto* command = group.add_subcommand(name, help);
  command->fallthrough();
  return command;
}

void define_connector_commands(CLI::App& app, ConnectorsRequest& request) {
  auto* group = add_command(app, "connector", "Create, inspect and configure connectors");
  group->require_subcommand(1);

  auto* create = add_command(*group, "create", "Create a connector (as Kibana does)");
  create->add_option("--service-type", request.service_type, "Service type (a key of sources)")
      ->required();
  create->add_option("--index-name", request.index_name, "Content index, search-...")->required();
  create->add_option("--name", request.name, "Name (default: the index name without search-)");
  create->add_option("--language", request.language,
                     "Language code of the content index analysis (default: none, universal)");
  create->add_option("--config", request.assignments, "Configuration values key=value")
      ->expected(1, -1);
  create->add_flag("--native", request.native, "A native connector (is_native: true)");
  create->callback([&] { request.command = ConnectorsCommand::connector_create; });

  auto* list = add_command(*group, "list", "List connectors");
  list->callback([&] { request.command = ConnectorsCommand::connector_list; });

  auto* show = add_command(*group, "show", "Show one connector");
  show->add_option("id", request.id, "Connector id")->required();
  show->callback([&] { request.command = ConnectorsCommand::connector_show; });

  auto* set_config = add_command(*group, "set-config", "Set configuration values");
  set_config->add_option("id", request.id, "Connector id")->required();
  set_config->add_option("assignments", request.assignments, "key=value ...")->required();
  set_config->callback([&] { request.command = ConnectorsCommand::connector_set_config; });

  auto* set_rules = add_command(*group, "set-rules", "Write draft sync rules from a JSON file");
  set_rules->add_option("id", request.id, "Connector id")->required();
  set_rules->add_option("--file", request.rules_file, "Rules JSON file")->required();
  set_rules->callback([&] { request.command = ConnectorsCommand::connector_set_rules; });

  auto* schedule = add_command(*group, "schedule", "Enable or disable the sync schedule");
  schedule->add_option("id", request.id, "Connector id")->required();
  auto* interval =
      schedule->add_option("--interval", request.interval, "Quartz cron, e.g. \"0 0 * * * ?\"");
  auto* disable =
      schedule->add_flag("--disable", request.disable_schedule, "Disable scheduled syncs");
  interval->excludes(disable);
  schedule->callback([&request, interval, disable] {
    if (interval->count() == 0 && disable->count() == 0) {
      throw CLI::ValidationError("schedule", "give --interval \"<quartz cron>\" or --disable");
    }
    request.command = ConnectorsCommand::connector_schedule;
  });
}

void define_job_commands(CLI::App& app, ConnectorsRequest& request) {
  auto* group = add_command(app, "job", "Start, inspect and cancel sync jobs");
  group->require_subcommand(1);

  auto* start = add_command(*group, "start", "Start an on-demand sync of a connector");
  start->add_option("id", request.id, "Connector id")->required();
  auto* wait =
      start->add_flag("--wait", request.wait, "Wait until the job ends; exit 1 unless completed");
  auto* sync_now = start->add_flag("--sync-now", request.sync_now,
                                   "Set the connector's sync_now flag instead of creating a job");
  sync_now->excludes(wait);
  start
      ->add_option_function<std::int64_t>(
          "--timeout",
          [&request](std::int64_t seconds) {
            request.wait_timeout = std::chrono::seconds(seconds);
          },
          "With --wait: give up after this many seconds (default: no limit)")
      ->check(CLI::NonNegativeNumber);
  start->callback([&] { request.command = ConnectorsCommand::job_start; });

  auto* list = add_command(*group, "list", "List jobs, most recent first");
  list->add_option("--connector", request.connector_filter, "Only this connector's jobs");
  list->add_option("--status", request.status_filter, "Only jobs in this status");
  list->add_option("--limit", request.limit, "At most this many jobs (default 100)");
  list->callback([&] { request.command = ConnectorsCommand::job_list; });

  auto* show = add_command(*group, "show", "Show one job");
  show->add_option("id", request.id, "Job id")->required();
  show->callback([&] { request.command = ConnectorsCommand::job_show; });

  auto* cancel = add_command(*group, "cancel", "Cancel a job");
  cancel->add_option("id", request.id, "Job id")->required();
  cancel->callback([&] { request.command = ConnectorsCommand::job_cancel; });
}

int report(std::string_view message, int status) {
  std::cerr << "connectors: error: " << message << std::endl;
  return status;
}

int execute(const Environment& environment, const ConnectorsRequest& request) {
  asio::io_context io;
  es::EsClient client(io.get_executor(), environment.es);
  ConnectorsCommands commands(client, environment.sources, std::cout, std::cerr);
  int status = kExitFailure;
  std::exception_ptr failure;
  asio::co_spawn(io, commands.run(request), [&](std::exception_ptr error, int code) {
    failure = error;
    status = code;
  });
  io.run();
  if (!failure) return status;
  try {
    std::rethrow_exception(failure);
  } catch (const InputError& error) {
    return report(error.what(), kExitUsage);
  } catch (const MissingDocumentError& error) {
    return report(error.what(), kExitFailure);
  } catch (const es::UnavailableError& error) {
    return report(error.what(), kExitFailure);
  } catch (const es::VersionConflictError& error) {
    return report(std::string("the document kept changing while being updated; try again (") +
                      error.what() + ")",
                  kExitFailure);
  } catch (const std::exception& error) {
    return report(error.what(), kExitFailure);
  }
}

}  // namespace

int run_connectors(int argc, char** argv) {
  GlobalOptions global;
  ConnectorsRequest request;
  CLI::App app{
      "Manages connectors and sync jobs in Elasticsearch, as Kibana does: the documents of "
      "the connector protocol that elastic-ingest serves.",
      "connectors"};
  app.add_option("-c,--config-file", global.config_file,
                 "config.yml: its elasticsearch section (host, auth) and sources");
  app.add_option("--es-url", global.es_url, "Elasticsearch URL (overrides the config's host)");
  app.add_flag("--json", global.json, "Machine-readable JSON output");
  app.add_flag("--debug", global.debug, "Log Elasticsearch requests and other details");
  app.require_subcommand(1);
  define_connector_commands(app, request);
  define_job_commands(app, request);
  DashLeadingIds dash_ids(app);
  std::vector<std::string> args = dash_ids.protect(std::vector<std::string>(argv + 1, argv + argc));
  std::vector<char*> protected_argv{argv[0]};
  for (std::string& arg : args) protected_argv.push_back(arg.data());
  try {
    app.parse(static_cast<int>(protected_argv.size()), protected_argv.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  request.json = global.json;
  request.id = dash_ids.restore(request.id);

  // Logs go to stderr and stay quiet unless asked for: stdout is for results.
  // Retries are reported by the final error message; --debug shows each attempt.
  auto level = global.debug ? core::LogLevel::debug : core::LogLevel::error;
  core::configure_logging({.level = level, .transport_level = level});

  Environment environment;
  try {
    environment = load_environment(global);
  } catch (const InputError& error) {
    return report(error.what(), kExitUsage);
  } catch (const std::exception& error) {
    return report(std::string("cannot use the configuration: ") + error.what(), kExitUsage);
  }
  return execute(environment, request);
}

}  // namespace ei::cli
