#include "source/field_type.hpp"

namespace ei::source {

std::string_view to_string(FieldType type) {
  switch (type) {
    case FieldType::kInt:
      return "int";
    case FieldType::kFloat:
      return "float";
    case FieldType::kBool:
      return "bool";
    case FieldType::kList:
      return "list";
    case FieldType::kStr:
      break;
  }
  return "str";
}

std::optional<FieldType> parse_field_type(std::string_view name) {
  if (name == "str") return FieldType::kStr;
  if (name == "int") return FieldType::kInt;
  if (name == "float") return FieldType::kFloat;
  if (name == "bool") return FieldType::kBool;
  if (name == "list") return FieldType::kList;
  return std::nullopt;
}

}  // namespace ei::source
