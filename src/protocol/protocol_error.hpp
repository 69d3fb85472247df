#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ei::protocol {

// One field of a stored protocol document that could not be read as the protocol says,
// e.g. {"scheduling.interval", "expected a string, got 42"}. Documents in the protocol
// indices are written by Kibana, other tools and people; a bad field must be reported by
// its path, never crash the service.
struct FieldProblem {
  std::string path;
  std::string message;

  std::string describe() const { return path + ": " + message; }
  friend bool operator==(const FieldProblem&, const FieldProblem&) = default;
};

using FieldProblems = std::vector<FieldProblem>;

// A protocol document or value that does not follow the protocol. The message names the
// document and every bad field: `connector abc: scheduling.interval: expected a string,
// got 42`.
class ProtocolError : public core::Error {
 public:
  explicit ProtocolError(const std::string& message) : core::Error(message) {}
  // `kind` is "connector" or "job".
  ProtocolError(std::string_view kind, std::string_view id, FieldProblems problems);

  const FieldProblems& problems() const { return problems_; }

 private:
  FieldProblems problems_;
};

}  // namespace ei::protocol
