#include "core/logging.hpp"

#include <cxxabi.h>
#include <fmt/format.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <ostream>
#include <typeinfo>

#include "core/time.hpp"
#include "core/version.hpp"

namespace ei::core {

namespace {

namespace json = boost::json;

// The exception passed to log_exception while its record is formatted. Loggers are
// synchronous, so the formatter runs on the same thread within that call.
thread_local const std::exception* attached_error = nullptr;

std::string demangled_type(const std::exception& error) {
  const char* mangled = typeid(error).name();
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> name(
      abi::__cxa_demangle(mangled, nullptr, nullptr, &status), &std::free);
  return status == 0 && name ? std::string(name.get()) : std::string(mangled);
}

std::string_view level_upper(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug:
      return "DEBUG";
    case spdlog::level::info:
      return "INFO";
    case spdlog::level::warn:
      return "WARNING";
    case spdlog::level::err:
      return "ERROR";
    case spdlog::level::critical:
      return "CRITICAL";
    default:
      return "NOTSET";
  }
}

std::string_view level_lower(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warning";
    case spdlog::level::err:
      return "error";
    case spdlog::level::critical:
      return "critical";
    default:
      return "notset";
  }
}

std::tm local_time(spdlog::log_clock::time_point time) {
  const std::time_t seconds = spdlog::log_clock::to_time_t(time);
  std::tm local{};
  localtime_r(&seconds, &local);
  return local;
}

void append(spdlog::memory_buf_t& dest, std::string_view text) {
  dest.append(text.data(), text.data() + text.size());
}

class RecordFormatter final : public spdlog::formatter {
 public:
  explicit RecordFormatter(LogFormat format) : format_(format) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    if (format_ == LogFormat::ecs) {
      format_ecs(msg, dest);
    } else {
      format_plain(msg, dest);
    }
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<RecordFormatter>(format_);
  }

 private:
  static bool is_framework(const spdlog::details::log_msg& msg) {
    return std::string_view(msg.logger_name.data(), msg.logger_name.size()) != kTransportLoggerName;
  }

  static void format_plain(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
    const std::tm local = local_time(msg.time);
    fmt::format_to(std::back_inserter(dest), "[{}][{:02d}:{:02d}:{:02d}][{}] ",
                   is_framework(msg) ? "FMWK" : "BYOC", local.tm_hour, local.tm_min, local.tm_sec,
                   level_upper(msg.level));
    append(dest, std::string_view(msg.payload.data(), msg.payload.size()));
    if (attached_error != nullptr) {
      fmt::format_to(std::back_inserter(dest), "\n{}: {}", demangled_type(*attached_error),
                     attached_error->what());
    }
    append(dest, "\n");
  }

  // Field order follows ecs-logging: @timestamp, log.level, message, then the nested
  // objects in alphabetical order.
  static void format_ecs(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
    json::object record;
    record["@timestamp"] = ecs_timestamp(msg.time);
    record["log.level"] = level_lower(msg.level);
    record["message"] = std::string_view(msg.payload.data(), msg.payload.size());
    record["ecs"] = json::object{{"version", "1.6.0"}};
    if (attached_error != nullptr) {
      record["error"] = json::object{{"message", attached_error->what()},
                                     {"type", demangled_type(*attached_error)}};
    }
    const bool framework = is_framework(msg);
    if (framework) {
      const std::tm local = local_time(msg.time);
      record["labels"] =
          json::object{{"index_date", fmt::format("{:04d}.{:02d}.{:02d}", local.tm_year + 1900,
                                                  local.tm_mon + 1, local.tm_mday)}};
    }
    json::object log_field;
    log_field["logger"] = std::string_view(msg.logger_name.data(), msg.logger_name.size());
    if (!msg.source.empty()) {
      log_field["origin"] = json::object{
          {"file", json::object{{"line", msg.source.line}, {"name", msg.source.filename}}},
          {"function", msg.source.funcname != nullptr ? msg.source.funcname : ""}};
    }
    record["log"] = std::move(log_field);
    record["process"] = json::object{{"pid", static_cast<std::int64_t>(::getpid())},
                                     {"thread", json::object{{"id", msg.thread_id}}}};
    if (framework) {
      record["service"] =
          json::object{{"type", "connectors-python"}, {"version", kProtocolVersion}};
    }
    append(dest, json::serialize(record));
    append(dest, "\n");
  }

  LogFormat format_;
};

// One sink shared by both loggers; the formatter tells them apart by logger name. The
// output can be switched (stderr or a stream) under the sink's own lock.
class OutputSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  void set_output(std::ostream* output) {
    std::lock_guard<std::mutex> lock(mutex_);
    output_ = output;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    if (output_ != nullptr) {
      output_->write(formatted.data(), static_cast<std::streamsize>(formatted.size()));
    } else {
      std::fwrite(formatted.data(), 1, formatted.size(), stderr);
    }
  }

  void flush_() override {
    if (output_ != nullptr) {
      output_->flush();
    } else {
      std::fflush(stderr);
    }
  }

 private:
  std::ostream* output_ = nullptr;
};

struct Loggers {
  std::shared_ptr<OutputSink> sink = std::make_shared<OutputSink>();
  std::shared_ptr<spdlog::logger> framework;
  std::shared_ptr<spdlog::logger> transport;

  Loggers() {
    sink->set_formatter(std::make_unique<RecordFormatter>(LogFormat::plain));
    framework = std::make_shared<spdlog::logger>(std::string(kFrameworkLoggerName), sink);
    transport = std::make_shared<spdlog::logger>(std::string(kTransportLoggerName), sink);
    framework->set_level(spdlog::level::info);
    transport->set_level(spdlog::level::info);
    spdlog::set_default_logger(framework);
  }
};

Loggers& loggers() {
  static Loggers instance;
  return instance;
}

}  // namespace

spdlog::level::level_enum to_spdlog_level(LogLevel level) {
  switch (level) {
    case LogLevel::notset:
      return spdlog::level::trace;
    case LogLevel::debug:
      return spdlog::level::debug;
    case LogLevel::info:
      return spdlog::level::info;
    case LogLevel::warning:
      return spdlog::level::warn;
    case LogLevel::error:
      return spdlog::level::err;
    case LogLevel::critical:
      return spdlog::level::critical;
  }
  return spdlog::level::info;
}

void configure_logging(const LogOptions& options) {
  Loggers& state = loggers();
  state.sink->set_output(options.output);
  state.sink->set_formatter(std::make_unique<RecordFormatter>(options.format));
  state.framework->set_level(to_spdlog_level(options.level));
  state.transport->set_level(to_spdlog_level(options.transport_level));
}

spdlog::logger& log() {
  return *loggers().framework;
}

spdlog::logger& transport_log() {
  return *loggers().transport;
}

void log_exception(spdlog::logger& logger, spdlog::level::level_enum level,
                   std::string_view message, const std::exception& error) {
  const std::exception* previous = attached_error;
  attached_error = &error;
  try {
    logger.log(level, message);
  } catch (...) {
    attached_error = previous;
    throw;
  }
  attached_error = previous;
}

}  // namespace ei::core
