#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/protocol_error.hpp"

namespace ei::protocol {

// The exact string form of one value of a protocol enum, as stored in the documents.
template <typename Enum>
struct EnumName {
  Enum value;
  std::string_view name;
};

template <typename Enum, std::size_t N>
using EnumNames = std::array<EnumName<Enum>, N>;

template <typename Enum, std::size_t N>
constexpr std::string_view enum_to_string(const EnumNames<Enum, N>& names, Enum value) {
  for (const auto& entry : names) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

// Exact, case-sensitive match: the documents hold the lower-case forms only.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> enum_from_string(const EnumNames<Enum, N>& names,
                                               std::string_view text) {
  for (const auto& entry : names) {
    if (entry.name == text) return entry.value;
  }
  return std::nullopt;
}

// "created, needs_configuration, ..." for error messages.
template <typename Enum, std::size_t N>
std::string enum_choices(const EnumNames<Enum, N>& names) {
  std::string text;
  for (const auto& entry : names) {
    if (!text.empty()) text += ", ";
    text += entry.name;
  }
  return text;
}

// The message for a string that is not one of the names.
template <typename Enum, std::size_t N>
std::string unknown_enum_message(const EnumNames<Enum, N>& names, std::string_view text) {
  return "unknown value \"" + std::string(text) + "\" (expected one of " + enum_choices(names) +
         ")";
}

// Strict parse: throws ProtocolError `unknown <what> "x" (expected one of a, b)`.
template <typename Enum, std::size_t N>
Enum parse_enum(const EnumNames<Enum, N>& names, std::string_view what, std::string_view text) {
  if (auto value = enum_from_string(names, text)) return *value;
  throw ProtocolError("unknown " + std::string(what) + " \"" + std::string(text) +
                      "\" (expected one of " + enum_choices(names) + ")");
}

}  // namespace ei::protocol
