#include "cli/elastic_ingest_app.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <csignal>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/logging.hpp"
#include "core/version.hpp"
#include "es/es_client.hpp"
#include "service/cleanup_service.hpp"
#include "service/es_options_from_config.hpp"
#include "service/execute_service.hpp"
#include "service/preflight.hpp"
#include "service/schedule_service.hpp"
#include "service/service_context.hpp"
#include "service/service_group.hpp"
#include "source/builtin_catalogue.hpp"
#include "source/errors.hpp"
#include "sources/builtin_registry.hpp"

namespace ei::cli {

namespace asio = boost::asio;

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitFailure = 1;
constexpr int kExitPreflight = 255;  // the reference returns -1

struct Arguments {
  std::vector<std::string> actions;
  std::string config_file = "config.yml";
  std::optional<std::string> log_level;
  bool debug = false;
  bool filebeat = false;
  bool version = false;
  bool uvloop = false;
};

// `poll` is the name the seeds give the long-running service; it means the three services.
std::set<std::string> expand_actions(const std::vector<std::string>& actions) {
  std::set<std::string> services;
  for (const auto& action : actions) {
    if (action == "poll") {
      services.insert({"schedule", "execute", "cleanup"});
    } else {
      services.insert(action);
    }
  }
  return services;
}

std::optional<core::LogLevel> requested_level(const Arguments& args) {
  if (args.debug) return core::LogLevel::debug;
  if (args.log_level) return core::parse_log_level(*args.log_level);
  return std::nullopt;
}

int list_sources(const core::Config& config) {
  const auto registry = sources::builtin_registry();
  std::cout << "Registered connectors:\n";
  for (const auto& entry : config.sources) {
    if (source::is_plugin_spec(entry.class_spec)) {
      try {
        auto plugin = registry.resolve(entry.class_spec);
        std::cout << "- " << plugin.descriptor->display_name << "\n";
        continue;
      } catch (const std::exception& error) {
        core::log().error("sources.{}: {}", entry.service_type, error.what());
        return kExitFailure;
      }
    }
    auto builtin = source::find_builtin_by_class(entry.class_spec);
    if (!builtin) {
      core::log().error(
          "sources.{}: unknown source class '{}' (expected a built-in class such as "
          "connectors.sources.directory:DirectoryDataSource, or "
          "path/to/libsource.so:Symbol)",
          entry.service_type, entry.class_spec);
      return kExitFailure;
    }
    const bool built = registry.find(builtin->service_type) != nullptr;
    std::cout << "- " << builtin->display_name << (built ? "" : " (not in this build)") << "\n";
  }
  std::cout << "Bye" << std::endl;
  return 0;
}

// Runs the preflight on the event loop; SIGINT/SIGTERM stop it (spec §2.3 step 5, §6).
bool run_preflight(const core::Config& config) {
  asio::io_context io;
  es::EsClient client(io.get_executor(), service::es_options_from_config(config.elasticsearch));
  service::PreflightSettings settings;
  settings.wait = config.elasticsearch.backoff_policy();
  settings.max_attempts = static_cast<int>(config.service.preflight_max_attempts);
  settings.idle =
      std::chrono::duration_cast<std::chrono::milliseconds>(config.service.preflight_idle);
  service::Preflight preflight(client, settings);

  asio::cancellation_signal stop;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  std::function<void(boost::system::error_code, int)> on_signal =
      [&](boost::system::error_code error, int number) {
        if (error) return;
        core::log().info("Caught {}. Graceful shutdown.", number == SIGINT ? "SIGINT" : "SIGTERM");
        stop.emit(asio::cancellation_type::terminal);
        signals.async_wait(on_signal);
      };
  signals.async_wait(on_signal);

  bool passed = false;
  asio::co_spawn(
      io, preflight.run(),
      asio::bind_cancellation_slot(stop.slot(), [&](std::exception_ptr error, bool result) {
        signals.cancel();
        if (!error) {
          passed = result;
          return;
        }
        try {
          std::rethrow_exception(error);
        } catch (const boost::system::system_error& e) {
          if (e.code() != asio::error::operation_aborted) {
            core::log().critical("Preflight failed: {}", e.what());
          }
        } catch (const std::exception& e) {
          core::log().critical("Preflight failed: {}", e.what());
        }
      }));
  io.run();
  return passed;
}

std::string host_name() {
  char buffer[256] = {};
  if (::gethostname(buffer, sizeof(buffer) - 1) != 0) return "unknown";
  return buffer;
}

// Resolves each `sources:` entry on its own: a broken one makes its connectors fail with a
// clear error instead of stopping every other source (spec §9.2).
// Sources this build does not have are named once, at WARNING: the shipped config.yml
// lists all thirteen of the reference.
void resolve_sources(const core::Config& config, service::ServiceContext& context) {
  auto registry = sources::builtin_registry();
  std::string not_built;
  for (const auto& entry : config.sources) {
    try {
      context.sources.push_back(
          {entry.service_type, entry.class_spec, registry.resolve(entry.class_spec)});
    } catch (const source::SourceNotBuiltError& error) {
      not_built += (not_built.empty() ? "" : ", ") + entry.service_type;
      context.source_failures.emplace_back(entry.service_type, error.what());
    } catch (const std::exception& error) {
      core::log().error("sources.{}: {}", entry.service_type, error.what());
      context.source_failures.emplace_back(entry.service_type, error.what());
    }
  }
  if (!not_built.empty()) {
    core::log().warn(
        "Sources named in config.yml that this build does not have: {} (their connectors get "
        "an error)",
        not_built);
  }
}

// Spec §2.3 step 6 and §2.4: the requested services until they end or a signal stops them.
int run_services(const core::Config& config, const std::set<std::string>& services) {
  asio::io_context io;
  asio::thread_pool blocking(4);
  es::EsClient client(io.get_executor(), service::es_options_from_config(config.elasticsearch));
  service::ServiceContext context{
      .config = config,
      .es = client,
      .sources = {},
      .source_failures = {},
      .executor = io.get_executor(),
      .blocking = blocking.get_executor(),
      .hostname = host_name(),
  };
  resolve_sources(config, context);

  service::ServiceGroup group;
  if (services.contains("schedule")) group.add(std::make_unique<service::ScheduleService>(context));
  if (services.contains("execute")) group.add(std::make_unique<service::ExecuteService>(context));
  if (services.contains("cleanup")) group.add(std::make_unique<service::CleanupService>(context));

  asio::signal_set signals(io, SIGINT, SIGTERM);
  std::function<void(boost::system::error_code, int)> on_signal =
      [&](boost::system::error_code error, int number) {
        if (error) return;
        core::log().info("Caught {}. Graceful shutdown.", number == SIGINT ? "SIGINT" : "SIGTERM");
        group.stop();
        signals.async_wait(on_signal);
      };
  signals.async_wait(on_signal);

  std::optional<std::string> failure;
  bool crashed = false;
  asio::co_spawn(io, group.run(io.get_executor()),
                 [&](std::exception_ptr error, std::optional<std::string> result) {
                   signals.cancel();
                   if (error) {
                     crashed = true;
                     try {
                       std::rethrow_exception(error);
                     } catch (const std::exception& e) {
                       core::log().critical("The services failed: {}", e.what());
                     }
                     return;
                   }
                   failure = std::move(result);
                 });
  io.run();
  blocking.join();
  // The reference exits 0 even after a service died of its error budget (spec §2.3 step 7);
  // the CRITICAL line above says why it stopped.
  return crashed ? kExitFailure : 0;
}

}  // namespace

int run_elastic_ingest(int argc, char** argv) {
  Arguments args;
  CLI::App app{
      "Keeps Elasticsearch indices in sync with third-party data sources, driven by "
      "the connector protocol documents.",
      "elastic-ingest"};
  app.add_option("--action", args.actions,
                 "What elastic-ingest should do: poll (the service: schedule, execute and "
                 "cleanup), schedule, execute, cleanup, or list")
      ->check(CLI::IsMember({"poll", "schedule", "execute", "cleanup", "list"}))
      ->expected(1, -1);
  app.add_option("-c,--config-file", args.config_file, "Configuration file")->capture_default_str();
  auto* level = app.add_option("--log-level", args.log_level, "Set log level for the service.")
                    ->check(CLI::IsMember({"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}));
  app.add_flag("--debug", args.debug, "Run in debug mode (alias for --log-level DEBUG)")
      ->excludes(level);
  app.add_flag("--filebeat", args.filebeat, "Output in filebeat (ECS JSON) format.");
  app.add_flag("--version", args.version, "Display the version and exit.");
  app.add_flag("--uvloop", args.uvloop,
               "Accepted for compatibility with the Python service; has no effect here.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  if (args.version) {
    std::cout << core::kProtocolVersion << std::endl;
    return 0;
  }
  if (args.actions.empty()) args.actions = {"poll"};
  auto format = args.filebeat ? core::LogFormat::ecs : core::LogFormat::plain;

  auto& log = core::log();
  log.info("Running connector service version {}", core::kProtocolVersion);
  core::Config config;
  try {
    config = core::load_config(args.config_file);
  } catch (const std::exception& error) {
    core::configure_logging({.level = core::LogLevel::info, .format = format});
    core::log().error("Could not parse {}:\n{}", args.config_file, error.what());
    return kExitFailure;
  }
  core::configure_logging({
      .level =
          requested_level(args).value_or(config.service.log_level.value_or(core::LogLevel::info)),
      .transport_level = config.elasticsearch.log_level,
      .format = format,
  });
  for (const auto& warning : config.warnings) core::log().warn("{}", warning);

  auto services = expand_actions(args.actions);
  if (services.contains("list")) {
    if (services.size() > 1) {
      std::cout << "Cannot use the `list` action with other actions" << std::endl;
      return kExitPreflight;
    }
    return list_sources(config);
  }

  if (!run_preflight(config)) return kExitPreflight;

  int status = run_services(config, services);
  core::log().info("Bye");
  return status;
}

}  // namespace ei::cli
