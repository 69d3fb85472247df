#include "sources/mongodb/mongo_advanced_rules.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace ei::sources::mongodb {

namespace json = boost::json;

namespace {

enum class Kind { object, integer, boolean, projection, pipeline };

struct Option {
  std::string_view name;
  Kind kind;
  std::string_view driver_name;  // the find command's name (find options only)
};

constexpr std::array kFindOptions{
    Option{"filter", Kind::object, "filter"},
    Option{"projection", Kind::projection, "projection"},
    Option{"skip", Kind::integer, "skip"},
    Option{"limit", Kind::integer, "limit"},
    Option{"no_cursor_timeout", Kind::boolean, "noCursorTimeout"},
    Option{"allow_partial_results", Kind::boolean, "allowPartialResults"},
    Option{"batch_size", Kind::integer, "batchSize"},
    Option{"return_key", Kind::boolean, "returnKey"},
    Option{"show_record_id", Kind::boolean, "showRecordId"},
    Option{"max_time_ms", Kind::integer, "maxTimeMS"},
    Option{"allow_disk_use", Kind::boolean, "allowDiskUse"},
};

constexpr std::array kAggregateOptions{
    Option{"pipeline", Kind::pipeline, "pipeline"},
    Option{"allowDiskUse", Kind::boolean, "allowDiskUse"},
    Option{"maxTimeMS", Kind::integer, "maxTimeMS"},
    Option{"batchSize", Kind::integer, "batchSize"},
    Option{"let", Kind::object, "let"},
};

std::optional<std::string> kind_error(const json::value& value, Kind kind) {
  switch (kind) {
    case Kind::object:
      if (!value.is_object()) return "must be an object";
      break;
    case Kind::integer:
      if (!value.is_int64() && !value.is_uint64()) return "must be an integer";
      break;
    case Kind::boolean:
      if (!value.is_bool()) return "must be a boolean";
      break;
    case Kind::projection:
      if (value.is_array()) {
        if (value.get_array().empty()) return "must contain at least 1 item";
      } else if (value.is_object()) {
        if (value.get_object().empty()) return "must contain at least 1 property";
      } else {
        return "must be an array or an object";
      }
      break;
    case Kind::pipeline:
      if (!value.is_array()) return "must be an array";
      if (value.get_array().empty()) return "must contain at least 1 item";
      break;
  }
  return std::nullopt;
}

template <std::size_t N>
std::optional<std::string> options_error(std::string_view rule, const json::value& value,
                                         const std::array<Option, N>& options,
                                         std::string_view required) {
  if (!value.is_object()) return std::string(rule) + " must be an object";
  const json::object& object = value.get_object();
  for (const auto& [key, option_value] : object) {
    const Option* known = nullptr;
    for (const Option& option : options) {
      if (option.name == key) known = &option;
    }
    if (known == nullptr) {
      return std::string(rule) + " must not contain the option " + std::string(key);
    }
    if (auto error = kind_error(option_value, known->kind)) {
      return std::string(rule) + "." + std::string(key) + " " + *error;
    }
  }
  if (!required.empty() && !object.contains(required)) {
    return std::string(rule) + " must contain " + std::string(required);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> mongo_rules_schema_error(const json::value& rules) {
  if (!rules.is_object()) return "the advanced rules must be an object";
  const json::object& object = rules.get_object();
  if (object.size() > 1) return "the advanced rules must hold only one of find and aggregate";
  for (const auto& [key, value] : object) {
    if (key == "find") return options_error("find", value, kFindOptions, "");
    if (key == "aggregate") return options_error("aggregate", value, kAggregateOptions, "");
    return "the advanced rules must not contain " + std::string(key) + " (only find or aggregate)";
  }
  return std::nullopt;
}

MongoRule parse_mongo_rules(const json::value& rules) {
  const json::object& object = rules.as_object();
  if (const json::value* find = object.if_contains("find")) {
    FindRule rule;
    rule.options = find->as_object();
    if (const json::value* filter = rule.options.if_contains("filter")) {
      rule.filter = filter->as_object();
      rule.options.erase("filter");
    }
    return rule;
  }
  if (const json::value* aggregate = object.if_contains("aggregate")) {
    AggregateRule rule;
    rule.options = aggregate->as_object();
    if (const json::value* pipeline = rule.options.if_contains("pipeline")) {
      rule.pipeline = pipeline->as_array();
      rule.options.erase("pipeline");
    }
    return rule;
  }
  return std::monostate{};
}

json::object driver_find_options(const FindRule& rule) {
  json::object options;
  for (const auto& [key, value] : rule.options) {
    for (const Option& option : kFindOptions) {
      if (option.name != key) continue;
      if (key == "projection" && value.is_array()) {
        json::object fields;
        for (const json::value& field : value.get_array()) {
          if (field.is_string()) fields[field.get_string()] = 1;
        }
        options["projection"] = std::move(fields);
      } else {
        options[option.driver_name] = value;
      }
    }
  }
  return options;
}

}  // namespace ei::sources::mongodb
