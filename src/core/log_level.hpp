#pragma once

#include <optional>
#include <string_view>

namespace ei::core {

// The Python logging levels the reference accepts. `notset` exists because the Enterprise
// Search `unknown` level translates to it (spec §3.3); it lets everything through.
enum class LogLevel { notset, debug, info, warning, error, critical };

// Case-insensitive; also accepts Python's aliases WARN and FATAL. Nothing on unknown names.
std::optional<LogLevel> parse_log_level(std::string_view name);

// Upper-case name as printed in plain log lines: DEBUG, INFO, WARNING, ERROR, CRITICAL, NOTSET.
std::string_view log_level_name(LogLevel level);

// The accepted names, for error messages.
inline constexpr std::string_view kLogLevelChoices = "DEBUG, INFO, WARNING, ERROR, CRITICAL";

}  // namespace ei::core
