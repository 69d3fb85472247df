#include "core/log_level.hpp"

#include <array>
#include <utility>

#include "core/strings.hpp"

namespace ei::core {

std::optional<LogLevel> parse_log_level(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, LogLevel>, 8> kNames{{
      {"NOTSET", LogLevel::notset},
      {"DEBUG", LogLevel::debug},
      {"INFO", LogLevel::info},
      {"WARNING", LogLevel::warning},
      {"WARN", LogLevel::warning},
      {"ERROR", LogLevel::error},
      {"CRITICAL", LogLevel::critical},
      {"FATAL", LogLevel::critical},
  }};
  for (const auto& [known, level] : kNames) {
    if (iequals(name, known)) return level;
  }
  return std::nullopt;
}

std::string_view log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::notset:
      return "NOTSET";
    case LogLevel::debug:
      return "DEBUG";
    case LogLevel::info:
      return "INFO";
    case LogLevel::warning:
      return "WARNING";
    case LogLevel::error:
      return "ERROR";
    case LogLevel::critical:
      return "CRITICAL";
  }
  return "INFO";
}

}  // namespace ei::core
