#pragma once

#include <spdlog/logger.h>

#include <exception>
#include <iosfwd>
#include <string_view>

#include "core/log_level.hpp"

namespace ei::core {

// plain: `[FMWK][HH:MM:SS][LEVEL] message` (spec §4.1); ecs: one ECS JSON object per line
// (`--filebeat`, spec §4.2).
enum class LogFormat { plain, ecs };

struct LogOptions {
  LogLevel level = LogLevel::info;            // framework logger
  LogLevel transport_level = LogLevel::info;  // ES transport logger (elasticsearch.log_level)
  LogFormat format = LogFormat::plain;
  std::ostream* output = nullptr;  // nullptr: stderr. Tests pass a stringstream.
};

inline constexpr std::string_view kFrameworkLoggerName = "connectors";
inline constexpr std::string_view kTransportLoggerName = "elastic_transport.node";

// Applies the options to both loggers. Call it at startup, before other threads log. Until it
// is called the loggers write plain lines at INFO to stderr.
void configure_logging(const LogOptions& options);

// The framework logger (`connectors`, prefix FMWK). Also installed as spdlog's default
// logger, so spdlog::info(...) ends up here.
spdlog::logger& log();

// The Elasticsearch transport logger (`elastic_transport.node`, prefix BYOC).
spdlog::logger& transport_log();

spdlog::level::level_enum to_spdlog_level(LogLevel level);

// Logs `message` with the exception attached, as Python's logger.exception does: plain lines
// append `\n<type>: <what>`, ECS lines carry `error.type` and `error.message`.
void log_exception(spdlog::logger& logger, spdlog::level::level_enum level,
                   std::string_view message, const std::exception& error);

}  // namespace ei::core
