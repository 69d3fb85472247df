#include "es/errors.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/url_redaction.hpp"

namespace ei::es {

namespace json = boost::json;

namespace {

std::string describe(long status, const std::string& type, const std::string& reason,
                     const std::string& method, const std::string& path) {
  return fmt::format("Elasticsearch {} {} failed with {} {}: {}", method, path, status, type,
                     reason);
}

std::string string_at(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return std::string(value->get_string());
}

// A short, single-line excerpt of a body that is not the usual JSON error.
std::string excerpt(std::string_view body) {
  constexpr std::size_t kMax = 300;
  std::string text(body.substr(0, kMax));
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  if (body.size() > kMax) text += "...";
  return text;
}

}  // namespace

EsError::EsError(long status, std::string type, std::string reason, std::string method,
                 std::string path)
    : core::Error(describe(status, type, reason, method, path)),
      status_(status),
      type_(std::move(type)),
      reason_(std::move(reason)),
      method_(std::move(method)),
      path_(std::move(path)) {}

UnavailableError::UnavailableError(const std::string& host, int attempts,
                                   std::chrono::milliseconds elapsed, const std::string& cause,
                                   bool timed_out)
    : core::Error(
          fmt::format("Elasticsearch at {} is unreachable after {} attempt{} over {:.1f} s: {}",
                      core::redact_url(host), attempts, attempts == 1 ? "" : "s",
                      static_cast<double>(elapsed.count()) / 1000.0, cause)),
      attempts_(attempts),
      elapsed_(elapsed),
      timed_out_(timed_out) {}

ErrorBody parse_error_field(long status, const json::value& error) {
  ErrorBody out;
  if (error.is_object()) {
    const auto& e = error.get_object();
    out.type = string_at(e, "type");
    out.reason = string_at(e, "reason");
    // "all shards failed" and similar wrappers hide the useful part in root_cause/caused_by.
    const json::object* cause = nullptr;
    if (const auto* roots = e.if_contains("root_cause"); roots != nullptr && roots->is_array() &&
                                                         !roots->get_array().empty() &&
                                                         roots->get_array().front().is_object()) {
      cause = &roots->get_array().front().get_object();
    } else if (const auto* caused = e.if_contains("caused_by");
               caused != nullptr && caused->is_object()) {
      cause = &caused->get_object();
    }
    if (cause != nullptr) {
      std::string cause_type = string_at(*cause, "type");
      std::string cause_reason = string_at(*cause, "reason");
      if (!cause_reason.empty() && cause_reason != out.reason) {
        out.reason = out.reason.empty() ? cause_reason
                                        : fmt::format("{} (caused by {}: {})", out.reason,
                                                      cause_type, cause_reason);
      }
      if (out.type.empty()) out.type = cause_type;
    }
  } else if (error.is_string()) {
    // e.g. {"error":"no handler found for uri [...] and method [POST]","status":400}
    out.reason = std::string(error.get_string());
  }
  if (out.type.empty()) out.type = fmt::format("http_{}", status);
  if (out.reason.empty()) out.reason = "(no reason given)";
  return out;
}

ErrorBody parse_error_body(long status, std::string_view body) {
  boost::system::error_code ec;
  json::value parsed = json::parse(json::string_view(body.data(), body.size()), ec);
  const json::object* root = (!ec && parsed.is_object()) ? &parsed.get_object() : nullptr;
  if (root != nullptr) {
    if (const auto* error = root->if_contains("error"); error && !error->is_null()) {
      return parse_error_field(status, *error);
    }
  }
  ErrorBody out;
  out.type = fmt::format("http_{}", status);
  if (root != nullptr) {
    // A document API's own 404 ({"found":false} or {"result":"not_found"}).
    if (const auto* result = root->if_contains("result"); result && result->is_string()) {
      out.reason = std::string(result->get_string());
    } else if (const auto* found = root->if_contains("found"); found && found->is_bool()) {
      out.reason = found->get_bool() ? "found" : "not found";
    }
  }
  if (out.reason.empty()) out.reason = body.empty() ? "(empty body)" : excerpt(body);
  return out;
}

void throw_error_response(long status, std::string_view body, const std::string& method,
                          const std::string& path) {
  ErrorBody e = parse_error_body(status, body);
  if (status == 409) {
    throw VersionConflictError(status, std::move(e.type), std::move(e.reason), method, path);
  }
  if (status == 404) {
    throw NotFoundError(status, std::move(e.type), std::move(e.reason), method, path);
  }
  throw EsError(status, std::move(e.type), std::move(e.reason), method, path);
}

}  // namespace ei::es
