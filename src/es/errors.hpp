#pragma once

#include <boost/json/fwd.hpp>
#include <chrono>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ei::es {

// Elasticsearch answered with an error status. Carries the server's `error.type` and
// `error.reason` and the request that failed, so the message can be shown as is.
class EsError : public core::Error {
 public:
  EsError(long status, std::string type, std::string reason, std::string method, std::string path);

  long status() const { return status_; }
  const std::string& type() const { return type_; }
  const std::string& reason() const { return reason_; }
  const std::string& method() const { return method_; }
  const std::string& path() const { return path_; }

 private:
  long status_;
  std::string type_;
  std::string reason_;
  std::string method_;
  std::string path_;
};

// 409 from a conditional write (if_seq_no/if_primary_term) or a create of an existing id:
// callers re-read and retry (spec §5.5), so it has its own type.
class VersionConflictError : public EsError {
 public:
  using EsError::EsError;
};

// 404 with an error body: a missing index (a missing document is an empty optional).
class NotFoundError : public EsError {
 public:
  using EsError::EsError;
};

// No HTTP answer after all retries: connection refused or reset, DNS, TLS, timeout.
class UnavailableError : public core::Error {
 public:
  UnavailableError(const std::string& host, int attempts, std::chrono::milliseconds elapsed,
                   const std::string& cause, bool timed_out);

  int attempts() const { return attempts_; }
  std::chrono::milliseconds elapsed() const { return elapsed_; }
  bool timed_out() const { return timed_out_; }

 private:
  int attempts_;
  std::chrono::milliseconds elapsed_;
  bool timed_out_;
};

// The server's error fields, read from an error response body of any shape.
struct ErrorBody {
  std::string type;    // error.type, or "http_<status>" when the body has none
  std::string reason;  // error.reason (plus the root cause when it says more), or the body
};

ErrorBody parse_error_body(long status, std::string_view body);

// The same, from the value of an `error` field (an object, or a bare string).
ErrorBody parse_error_field(long status, const boost::json::value& error);

// The typed error for an error response: VersionConflictError for 409, NotFoundError for
// 404, EsError otherwise.
[[noreturn]] void throw_error_response(long status, std::string_view body,
                                       const std::string& method, const std::string& path);

}  // namespace ei::es
