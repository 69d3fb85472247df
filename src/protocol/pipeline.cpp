#include "protocol/pipeline.hpp"

#include "protocol/field_reader.hpp"

namespace ei::protocol {

namespace {

constexpr std::string_view kName = "name";
constexpr std::string_view kExtract = "extract_binary_content";
constexpr std::string_view kReduce = "reduce_whitespace";
constexpr std::string_view kInference = "run_ml_inference";

// A stored key overrides the default: null → nothing, right type → the value, wrong type →
// the default (the problem is recorded by the reader).
void overlay_flag(const json::object& stored, std::string_view key, std::string_view at,
                  FieldReader& reader, std::optional<bool>& setting) {
  const json::value* value = stored.if_contains(key);
  if (value == nullptr) return;
  if (value->is_null()) {
    setting.reset();
    return;
  }
  if (std::optional<bool> flag = reader.boolean(stored, key, at)) setting = *flag;
}

}  // namespace

Pipeline Pipeline::effective(const json::value* stored, std::string_view at,
                             FieldProblems& problems) {
  Pipeline pipeline;
  if (stored == nullptr || stored->is_null()) return pipeline;
  FieldReader reader(problems);
  const json::object* object = stored->if_object();
  if (object == nullptr) {
    reader.wrong_type(std::string(at), "an object", *stored);
    return pipeline;
  }
  if (const json::value* name = object->if_contains(kName)) {
    if (name->is_null()) {
      pipeline.name.reset();
    } else if (std::optional<std::string> text = reader.string(*object, kName, at)) {
      pipeline.name = *text;
    }
  }
  overlay_flag(*object, kExtract, at, reader, pipeline.extract_binary_content);
  overlay_flag(*object, kReduce, at, reader, pipeline.reduce_whitespace);
  overlay_flag(*object, kInference, at, reader, pipeline.run_ml_inference);
  for (const auto& [key, value] : *object) {
    if (key != kName && key != kExtract && key != kReduce && key != kInference) {
      pipeline.extra[key] = value;
    }
  }
  return pipeline;
}

json::object Pipeline::to_json() const {
  auto optional_value = [](const auto& setting) -> json::value {
    if (!setting) return nullptr;
    return json::value(*setting);
  };
  json::object object;
  object[kName] = optional_value(name);
  object[kExtract] = optional_value(extract_binary_content);
  object[kReduce] = optional_value(reduce_whitespace);
  object[kInference] = optional_value(run_ml_inference);
  for (const auto& [key, value] : extra) object[key] = value;
  return object;
}

}  // namespace ei::protocol
