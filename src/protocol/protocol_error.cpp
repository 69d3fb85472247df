#include "protocol/protocol_error.hpp"

namespace ei::protocol {

namespace {

std::string describe_all(std::string_view kind, std::string_view id,
                         const FieldProblems& problems) {
  std::string text = std::string(kind) + " " + std::string(id) + ": ";
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i > 0) text += "; ";
    text += problems[i].describe();
  }
  return text;
}

}  // namespace

ProtocolError::ProtocolError(std::string_view kind, std::string_view id, FieldProblems problems)
    : core::Error(describe_all(kind, id, problems)), problems_(std::move(problems)) {}

}  // namespace ei::protocol
