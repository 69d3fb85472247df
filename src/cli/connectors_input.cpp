#include "cli/connectors_input.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/strings.hpp"
#include "protocol/enum_names.hpp"
#include "protocol/index_names.hpp"
#include "protocol/language_data.hpp"

namespace ei::cli {

namespace {

using core::trim;

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

}  // namespace

KeyValue parse_key_value(std::string_view text) {
  auto equals = text.find('=');
  if (equals == std::string_view::npos) {
    throw InputError("invalid configuration assignment " + in_quotes(text) +
                     ": expected key=value (e.g. host=localhost)");
  }
  auto key = trim(text.substr(0, equals));
  if (key.empty()) {
    throw InputError("invalid configuration assignment " + in_quotes(text) +
                     ": the key before '=' is empty");
  }
  return KeyValue{std::string(key), std::string(text.substr(equals + 1))};
}

std::vector<KeyValue> parse_key_values(const std::vector<std::string>& texts) {
  std::vector<KeyValue> assignments;
  std::set<std::string> seen;
  for (const auto& text : texts) {
    auto assignment = parse_key_value(text);
    if (!seen.insert(assignment.key).second) {
      throw InputError("configuration key " + in_quotes(assignment.key) + " is given twice");
    }
    assignments.push_back(std::move(assignment));
  }
  return assignments;
}

void validate_index_name(std::string_view name) {
  auto fail = [&](const std::string& why) {
    throw InputError("invalid index name " + in_quotes(name) + ": " + why);
  };
  if (name.empty()) fail("it is empty");
  if (name == "." || name == "..") fail("Can't use that name");
  for (char c : std::string_view("\\/*?\"<>| ,#")) {
    if (name.find(c) != std::string_view::npos) fail(std::string("Invalid character ") + c);
  }
  if (name.front() == '_' || name.front() == '-' || name.front() == '+') {
    fail(std::string("Invalid prefix ") + name.front());
  }
  bool cased = false;
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isupper(byte)) fail("Must be lowercase");
    if (std::islower(byte)) cased = true;
  }
  if (!cased) fail("Must be lowercase");
  if (!protocol::is_valid_content_index_name(name)) {
    fail("a connector's content index must start with \"" +
         std::string(protocol::kContentIndexPrefix) + "\"");
  }
}

core::CronExpression validate_schedule_interval(std::string_view interval,
                                                std::chrono::sys_seconds now) {
  try {
    auto expression = core::CronExpression::parse(interval);
    if (!expression.next_after(now)) {
      throw InputError("schedule interval " + in_quotes(interval) +
                       " never fires after now (check the day, month and year fields)");
    }
    return expression;
  } catch (const core::CronError& error) {
    throw InputError(std::string(error.what()) +
                     " (Quartz syntax: seconds minutes hours day-of-month month day-of-week "
                     "[year], e.g. \"0 0 * * * ?\" every hour)");
  }
}

void validate_service_type(std::string_view service_type,
                           const std::vector<core::SourceEntry>& sources) {
  bool known = std::any_of(sources.begin(), sources.end(), [&](const core::SourceEntry& entry) {
    return entry.service_type == service_type;
  });
  if (known) return;
  std::string names;
  for (const auto& entry : sources) {
    if (!names.empty()) names += ", ";
    names += entry.service_type;
  }
  throw InputError("unknown service type " + in_quotes(service_type) +
                   ": the config's sources declare " + (names.empty() ? "none" : names));
}

void validate_language(std::string_view code) {
  if (protocol::find_language(code)) return;
  std::string codes;
  for (const auto& [known, data] : protocol::language_table()) {
    if (!codes.empty()) codes += ", ";
    codes += std::string_view(known);
  }
  throw InputError("unknown language " + in_quotes(code) + ": expected one of " + codes);
}

protocol::JobStatus parse_job_status_filter(std::string_view text) {
  if (auto status = protocol::try_parse_job_status(text)) return *status;
  throw InputError("unknown job status " + in_quotes(text) + ": expected one of " +
                   protocol::enum_choices(protocol::kJobStatusNames));
}

void validate_document_id(std::string_view what, std::string_view id) {
  if (trim(id).empty()) throw InputError(std::string(what) + " id is empty");
  if (id.find('/') != std::string_view::npos) {
    throw InputError(std::string(what) + " id " + in_quotes(id) + " must not contain '/'");
  }
}

}  // namespace ei::cli
